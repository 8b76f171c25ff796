// Private to sim/config: model family files, profile files and the library they form.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/config/json_parse_impl.h"
#include "sim/spec/models.h"
#include "sim/spec/soc.h"

namespace socsim::config {

// One family file, converted.
struct FamilyFile {
  spec::Family family;
  std::vector<spec::Variant> variants;
};

// Schema, conversion and the family's own checks (unique variant names, each precision built at
// most once per variant) of the parsed family document of `r.file()`. nullopt when it has errors.
std::optional<FamilyFile> family_from_json(const Json& doc, Reporter& r);

// Schema and conversion of the parsed profiles document of `r.file()`. nullopt when it has errors.
std::optional<std::vector<spec::Profile>> profiles_from_json(const Json& doc, Reporter& r);

// Where a variant or profile of a library is defined.
struct Origin {
  std::string file;
  Pointer at;  // the variant's or profile's object
};

// What the library-wide checks can resolve.
struct LibraryScope {
  const spec::Soc* soc = nullptr;  // when set, its profiles are checked against its processors
  bool families_known = true;      // false: profiles checked without any family (variants unresolved)
  // When not empty, read_library reads only the profile files of these SoCs (profiles/<name>.json),
  // not every SoC's: a run needs its own (and the transferred baseline its origin's).
  std::vector<std::string> profile_socs;
};

// The library-wide checks: variant names unique across families, no duplicate profile, profiles
// naming known variants, builds and (when the SoC is known) processors, engines that run the
// precision, threads exactly for CPU engines, a spread no larger than the mean, and the memory
// and load time of every build for each engine kind a profile runs it on. `variants` and
// `profiles` are the origins of lib.variants and lib.profiles, index for index.
void check_library(const spec::ModelLibrary& lib, const std::vector<Origin>& variants,
                   const std::vector<Origin>& profiles, const LibraryScope& scope, Diagnostics& d);

// The names of the library's variants, in load order.
std::vector<std::string> variant_names(const spec::ModelLibrary& lib);

// `variant "x" has no fp16 build (expected one of: fp32, fx8)`.
std::string missing_build(const spec::Variant& v, spec::Precision p);

// Assembles a library from family and profile documents, in the order added.
class LibraryBuilder {
 public:
  explicit LibraryBuilder(Diagnostics& d) : diags_(&d), start_(d.count()) {}

  void add_family(const Json& doc, Reporter& r);
  void add_profiles(const Json& doc, Reporter& r);
  void add_family_file(const std::string& path);
  // In a library folder (`named_after_soc`), a profile file must be named after its SoC.
  void add_profiles_file(const std::string& path, bool named_after_soc = false);

  // Runs the library-wide checks when every file added was valid on its own, and returns the
  // library when nothing had errors.
  std::optional<spec::ModelLibrary> finish(const std::string& root, const LibraryScope& scope);

 private:
  Diagnostics* diags_;
  size_t start_;  // diagnostics before this library
  spec::ModelLibrary lib_;
  std::vector<Origin> variant_origins_;
  std::vector<Origin> profile_origins_;
};

// The JSON files directly in `dir`, sorted by name; empty when there are none or it is unreadable.
std::vector<std::string> json_files_in(const std::string& dir);

// Loads the library in folder `dir` (family files `dir/*.json`, profile files
// `dir/profiles/<soc>.json`: all of them, or those of scope.profile_socs that exist); an
// unreadable folder or one without families is reported against `dir`.
std::optional<spec::ModelLibrary> read_library(const std::string& dir, const LibraryScope& scope, Diagnostics& d);

}  // namespace socsim::config
