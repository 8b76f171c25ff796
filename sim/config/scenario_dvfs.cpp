#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sim/config/engines_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/scenario_parts_impl.h"
#include "sim/config/soc_loader_impl.h"

namespace socsim::config {
namespace {

constexpr const char* kUserspace = "userspace";

const Pointer& dvfs_at() {
  static const Pointer at = Pointer() / "dvfs";
  return at;
}

// One frequency domain of the SoC: an accelerator, or one cluster of a CPU.
struct Domain {
  std::string name;       // as userspace_freq_mhz names it: "gpu", "cpu.big"
  std::string processor;  // the processor it belongs to
  const spec::Dvfs* dvfs;

  bool is_cluster() const { return name != processor; }
};

std::vector<Domain> domains_of(const spec::Soc& soc) {
  std::vector<Domain> domains;
  for (const auto& p : soc.processors) {
    if (p.dvfs) domains.push_back({p.name, p.name, &*p.dvfs});
    for (const auto& c : p.clusters) domains.push_back({p.name + "." + c.name, p.name, &c.dvfs});
  }
  return domains;
}

const std::string& governor_of(const spec::DvfsPolicy& policy, const std::string& processor) {
  auto it = policy.governors.find(processor);
  return it != policy.governors.end() ? it->second : policy.governor;
}

// Where the processor's governor is chosen: its own entry, else the default.
Pointer governor_at(const spec::DvfsPolicy& policy, const std::string& processor) {
  if (policy.governors.contains(processor)) return dvfs_at() / "governors" / processor;
  return dvfs_at() / "governor";
}

// The userspace_freq_mhz key that sets the domain's frequency: its own, else its processor's.
const std::string* setting_key(const spec::DvfsPolicy& policy, const Domain& d) {
  if (policy.userspace_freq_mhz.contains(d.name)) return &d.name;
  if (policy.userspace_freq_mhz.contains(d.processor)) return &d.processor;
  return nullptr;
}

std::string describe(const Domain& d) {
  return fmt::format("{} {}", d.is_cluster() ? "cluster" : "processor", quote(d.name));
}

void check_domain(const spec::DvfsPolicy& policy, const Domain& d, Reporter& r) {
  if (const std::string* key = setting_key(policy, d)) {
    const double mhz = policy.userspace_freq_mhz.at(*key);
    if (!within_opps(mhz, *d.dvfs))
      r.error(dvfs_at() / "userspace_freq_mhz" / *key,
              fmt::format("{} MHz is outside the operating points of {} (expected {})", number_text(mhz), describe(d),
                          opp_range(*d.dvfs)));
  } else if (governor_of(policy, d.processor) == kUserspace) {
    const std::string keys =
        d.is_cluster() ? fmt::format("{} or {}", quote(d.name), quote(d.processor)) : quote(d.name);
    r.error(governor_at(policy, d.processor),
            fmt::format("{} runs the userspace governor without a frequency (expected a \"userspace_freq_mhz\" entry "
                        "{} within {})",
                        describe(d), keys, opp_range(*d.dvfs)));
  }
}

void check_keys(const spec::DvfsPolicy& policy, const spec::Soc& soc, const std::vector<Domain>& domains, Reporter& r) {
  const std::vector<std::string> processors = processor_names(soc);
  for (const auto& [name, _] : policy.governors)
    if (soc.find_processor(name) < 0)
      r.error(dvfs_at() / "governors" / name, unknown_name("processor", name, processors));
  std::vector<std::string> settable = processors;
  for (const Domain& d : domains) settable.push_back(d.name);
  for (const auto& [name, _] : policy.userspace_freq_mhz)
    if (std::find(settable.begin(), settable.end(), name) == settable.end())
      r.error(dvfs_at() / "userspace_freq_mhz" / name, unknown_name("processor or CPU cluster", name, settable));
}

}  // namespace

spec::DvfsPolicy read_dvfs_policy(const Fields& f) {
  spec::DvfsPolicy policy;
  policy.governor = f.text("governor", policy.governor);
  if (f.has("governors")) policy.governors = f.raw("governors").get<std::map<std::string, std::string>>();
  if (f.has("userspace_freq_mhz"))
    policy.userspace_freq_mhz = f.raw("userspace_freq_mhz").get<std::map<std::string, double>>();
  policy.period = f.duration("period_ms", TimeUnit::kMs).value_or(policy.period);
  return policy;
}

void check_dvfs_policy(const spec::DvfsPolicy& policy, const spec::Soc& soc, Reporter& r) {
  const std::vector<Domain> domains = domains_of(soc);
  check_keys(policy, soc, domains, r);
  for (const Domain& d : domains) check_domain(policy, d, r);
}

}  // namespace socsim::config
