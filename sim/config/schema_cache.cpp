#include "sim/config/schema_cache_impl.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>

#include "sim/core/sha256.h"
#include "sim/core/version.h"

namespace socsim::config {
namespace {

void put_bytes(std::string& out, const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }

template <class T>
void put(std::string& out, T value) {
  put_bytes(out, &value, sizeof value);
}

void put_string(std::string& out, const std::string& s) {
  put<uint64_t>(out, s.size());
  out += s;
}

// Type tag, then the value; strings and containers carry their length, so the encoding is
// prefix-free and two documents encode alike only if they are equal (number kinds included).
void encode(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null:
      out += 'n';
      return;
    case Json::value_t::boolean:
      out += v.get<bool>() ? 't' : 'f';
      return;
    case Json::value_t::number_integer:
      out += 'i';
      put(out, v.get<Json::number_integer_t>());
      return;
    case Json::value_t::number_unsigned:
      out += 'u';
      put(out, v.get<Json::number_unsigned_t>());
      return;
    case Json::value_t::number_float:
      out += 'd';
      put(out, v.get<Json::number_float_t>());
      return;
    case Json::value_t::string:
      out += 's';
      put_string(out, v.get_ref<const Json::string_t&>());
      return;
    case Json::value_t::array:
      out += 'a';
      put<uint64_t>(out, v.size());
      for (const Json& e : v) encode(e, out);
      return;
    case Json::value_t::object:
      out += 'o';
      put<uint64_t>(out, v.size());
      for (const auto& [key, value] : v.items()) {
        put_string(out, key);
        encode(value, out);
      }
      return;
    case Json::value_t::binary:  // not produced by JSON parsing; encoded for completeness
      out += 'b';
      put<uint64_t>(out, v.get_binary().size());
      put_bytes(out, v.get_binary().data(), v.get_binary().size());
      return;
    case Json::value_t::discarded:
      out += 'x';
      return;
  }
}

// The disk cache's folder, or nullopt when disabled or there is no home to put it in.
std::optional<std::filesystem::path> cache_dir() {
  if (const char* dir = std::getenv("SOCSIM_CACHE_DIR")) {
    if (*dir == '\0' || std::strcmp(dir, "off") == 0) return std::nullopt;
    return std::filesystem::path(dir) / "schema_ok";
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return std::filesystem::path(xdg) / "socsim" / "schema_ok";
  if (const char* home = std::getenv("HOME"); home && *home == '/')
    return std::filesystem::path(home) / ".cache" / "socsim" / "schema_ok";
  return std::nullopt;
}

std::mutex g_mutex;
std::set<std::string> g_known;  // keys seen valid in this process

}  // namespace

SchemaCacheKey schema_cache_key(Kind kind, const Json& doc) {
  std::string data;
  put_string(data, version());
  put_string(data, git_commit());
  put_string(data, to_string(kind));
  put_string(data, std::string(schema_text(kind)));
  const size_t header = data.size();
  encode(doc, data);
  return {sha256_hex(data), data.size() - header >= kDiskMinBytes};
}

SchemaCacheKey schema_cache_key_of_bytes(Kind kind, std::string_view bytes) {
  // The same bytes as before, hashed in pieces: the file's bytes are not copied.
  std::string header;
  put_string(header, version());
  put_string(header, git_commit());
  put_string(header, to_string(kind));
  put_string(header, std::string(schema_text(kind)));
  header += "file bytes";  // a value key goes on with a type tag, a single character
  put<uint64_t>(header, bytes.size());
  return {Sha256().update(header).update(bytes).hex(), bytes.size() >= kDiskMinBytes};
}

namespace {
thread_local const SourceBytes* g_source = nullptr;  // the innermost live SourceBytes
}  // namespace

SourceBytes::SourceBytes(const Json& doc, std::string_view bytes) : doc_(&doc), bytes_(bytes), outer_(g_source) {
  g_source = this;
}

SourceBytes::~SourceBytes() { g_source = outer_; }

const std::string_view* SourceBytes::of(const Json& doc) {
  for (const SourceBytes* s = g_source; s; s = s->outer_)
    if (s->doc_ == &doc) return &s->bytes_;
  return nullptr;
}

bool schema_known_valid(const SchemaCacheKey& key) {
  {
    std::lock_guard lock(g_mutex);
    if (g_known.count(key.hex)) return true;
  }
  const auto dir = key.on_disk ? cache_dir() : std::nullopt;
  if (!dir || ::access((*dir / key.hex).c_str(), F_OK) != 0) return false;
  std::lock_guard lock(g_mutex);
  g_known.insert(key.hex);
  return true;
}

void remember_schema_valid(const SchemaCacheKey& key) {
  {
    std::lock_guard lock(g_mutex);
    g_known.insert(key.hex);
  }
  const auto dir = key.on_disk ? cache_dir() : std::nullopt;
  if (!dir) return;
  std::error_code ec;
  std::filesystem::create_directories(*dir, ec);
  if (ec) return;
  const int fd = ::open((*dir / key.hex).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) ::close(fd);
}

}  // namespace socsim::config
