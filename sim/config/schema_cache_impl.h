// Private to sim/config: remembers which documents passed which schema, so that a document is
// schema-checked once per content, not once per run (valijson spent ~50 M instructions of every
// run's start-up on the SoC's 0.5 MB profile file).
//
// Key: SHA-256 over socsim's version and git commit, the kind and its schema text, and a
// type-tagged, length-prefixed encoding of the document (every value, key and number kind; two
// documents have the same key only if they are the same JSON value). A document is computed to
// the key directly, so a document edited in memory after parsing (a campaign's "set") gets its
// own key. A document known to be exactly what its file's bytes parse to (SourceBytes) is keyed
// by those bytes instead, with a different tag. Only documents that passed are remembered: a bad document is checked, and reported,
// every time.
//
// Where: in this process (a set of keys), and on disk as empty marker files named by the key in
// the cache directory, so that the thousands of short `socsim run` processes of a sweep share
// it: $SOCSIM_CACHE_DIR if set ("" or "off" disables the disk cache), else
// $XDG_CACHE_HOME/socsim, else $HOME/.cache/socsim. The disk cache is best effort: a directory
// that cannot be created or written only costs the check. A marker's only content is its name,
// so concurrent runs cannot see a partial one. Only documents whose encoding is at least
// kDiskMinBytes go to disk: a small scenario checks faster than a file is created, and a sweep's
// thousands of generated scenarios would only litter the folder.
#pragma once

#include <string>
#include <string_view>

#include "sim/config/config.h"
#include "sim/config/json_parse_impl.h"

namespace socsim::config {

inline constexpr size_t kDiskMinBytes = 8192;

struct SchemaCacheKey {
  std::string hex;  // SHA-256
  bool on_disk;     // large enough for the disk cache
};

// The key of `doc` checked against the schema of `kind`.
SchemaCacheKey schema_cache_key(Kind kind, const Json& doc);
// The key of a document parsed, unmodified, from `bytes`: the parser is deterministic, so equal
// bytes are an equal value and the document need not be encoded (the encoding of the 0.5 MB
// profile file cost ~20 M instructions of every start-up). Tagged apart from value keys.
SchemaCacheKey schema_cache_key_of_bytes(Kind kind, std::string_view bytes);

// While alive, check_schema() keys that very `doc` object (compared by address, on this thread)
// by the bytes it was parsed from. Contract: `doc` was parsed from `bytes` and is not modified
// while the SourceBytes lives; both outlive it.
class SourceBytes {
 public:
  SourceBytes(const Json& doc, std::string_view bytes);
  ~SourceBytes();
  SourceBytes(const SourceBytes&) = delete;
  SourceBytes& operator=(const SourceBytes&) = delete;
  // The bytes `doc` was parsed from, if a live SourceBytes names it.
  static const std::string_view* of(const Json& doc);

 private:
  const Json* doc_;
  std::string_view bytes_;
  const SourceBytes* outer_;
};
// Whether a document with this key passed before (in this process, or any through the disk).
bool schema_known_valid(const SchemaCacheKey& key);
// Records that the document with this key passed.
void remember_schema_valid(const SchemaCacheKey& key);

}  // namespace socsim::config
