// Private to sim/config: editing a profiles document for `socsim profile import`, keeping the
// file's order and keys (nlohmann's ordered_json: keys stay in file order).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "sim/config/json_parse_impl.h"
#include "sim/library/profile_import.h"
#include "sim/spec/models.h"
#include "sim/spec/soc.h"

namespace socsim::config {

using OrderedJson = nlohmann::ordered_json;

// The profile an import writes, before it is placed in a file.
struct ImportedProfile {
  std::string variant;
  spec::Precision precision = spec::Precision::kFp32;
  std::string engine;
  int threads = 0;        // 0: an accelerator (no "threads" key)
  double latency_ms = 0;  // rounded to 0.1 us
  std::optional<double> latency_sd_ms;
  std::string source;  // without the bandwidth note, which placing adds
};

// Sorts profile entries as the shipped files are sorted: variant in library order, precision
// fp32 < fp16 < dr8 < fx8 < ffx8, engine in the SoC's processor order, threads. Names it does not
// know sort last.
class EntryOrder {
 public:
  EntryOrder(const spec::ModelLibrary& lib, const spec::Soc& soc) : lib_(lib), soc_(soc) {}
  bool less(const OrderedJson& a, const OrderedJson& b) const;

 private:
  struct Key {
    size_t variant;
    int precision;
    size_t engine;
    int threads;
    auto operator<=>(const Key&) const = default;
  };
  Key key(const OrderedJson& entry) const;

  const spec::ModelLibrary& lib_;
  const spec::Soc& soc_;
};

// Where the profile went in the document's "profiles" array.
struct Placement {
  ImportPlan::Action action = ImportPlan::Action::kInserted;
  size_t index = 0;
};

// Writes `p` into `profiles` (the array of one file): replaces the entry with the same (variant,
// precision, engine, threads) in place, else inserts it at its sorted position when the array is
// sorted by `order`, else appends it. bandwidth_gbps keeps the bytes per inference of the replaced
// entry or of the entry of the same variant, precision and engine with the nearest thread count,
// and the source says so; without one it is left out.
Placement place_profile(OrderedJson& profiles, const ImportedProfile& p, const EntryOrder& order);

// A new profiles document for `soc` holding no profiles yet.
OrderedJson new_profiles_document(const spec::Soc& soc);

// The document as the shipped files are formatted: 2-space indentation, a final newline.
std::string render(const OrderedJson& doc);

}  // namespace socsim::config
