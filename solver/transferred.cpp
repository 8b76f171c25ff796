#include "solver/transferred.h"

#include <climits>
#include <cstdlib>

#include "sim/core/error.h"
#include "solver/carin_scheduler.h"

namespace socsim::solver {
namespace {

// The profiled thread count on `soc`'s processor `engine` for (variant, precision) closest to
// `want` (ties: fewer); nullopt when none is profiled.
std::optional<int> closest_threads(const spec::ModelLibrary& lib, const spec::Soc& soc, const spec::Design& d,
                                   const std::string& engine, int want) {
  std::optional<int> best;
  for (const auto& p : lib.profiles) {
    if (p.soc != soc.name || p.variant != d.variant || p.precision != d.precision || p.engine != engine) continue;
    const long dist = std::labs(static_cast<long>(p.threads) - want);
    if (!best || dist < std::labs(static_cast<long>(*best) - want) ||
        (dist == std::labs(static_cast<long>(*best) - want) && p.threads < *best))
      best = p.threads;
  }
  return best;
}

// The same variant and precision on the first processor of `kind` with a profile, if any.
std::optional<spec::Design> on_kind(const spec::ModelLibrary& lib, const spec::Soc& target, const spec::Design& d,
                                    spec::ProcessorKind kind, int want_threads) {
  for (const auto& proc : target.processors) {
    if (proc.kind != kind) continue;
    if (auto threads = closest_threads(lib, target, d, proc.name, want_threads))
      return spec::Design{d.variant, d.precision, proc.name, *threads, {}};
  }
  return std::nullopt;
}

}  // namespace

TransferredDesign transfer_design(const spec::Design& d, const spec::Soc& origin, const spec::Soc& target,
                                  const spec::ModelLibrary& lib) {
  TransferredDesign out{d, d, 1};
  if (target.find_processor(d.engine) >= 0 &&
      lib.find_profile(target.name, d.variant, d.precision, d.engine, d.threads))
    return out;
  const int op = origin.find_processor(d.engine);
  if (op < 0) throw RunError("transferred: " + spec::to_string(d) + " names no processor of " + origin.name);
  const spec::ProcessorKind origin_kind = origin.processors[static_cast<size_t>(op)].kind;
  // An accelerator design has no thread count: on a CPU it asks for the most threads profiled.
  const int want = origin_kind == spec::ProcessorKind::kCpu ? d.threads : INT_MAX;
  if (auto m = on_kind(lib, target, d, origin_kind, want)) {
    out.target = *m;
    out.rule = 2;
    return out;
  }
  using K = spec::ProcessorKind;
  for (K kind : {K::kNpu, K::kDsp, K::kGpu, K::kCpu}) {
    if (kind == origin_kind) continue;
    if (auto m = on_kind(lib, target, d, kind, want)) {
      out.target = *m;
      out.rule = 3;
      return out;
    }
  }
  throw RunError("transferred: " + spec::to_string(d) + " (designed on " + origin.name + ") cannot be mapped to " +
                 target.name + ": no processor there has a profile for " + d.variant + "/" +
                 spec::to_string(d.precision));
}

sched::SchedulerInfo TransferredScheduler::info() {
  auto params = carin_plan_params();
  std::erase_if(params, [](const sched::ParamSpec& p) {
    return p.name == "memory_budget_mib" || p.name == "combined_fallbacks";  // only d0 is transferred
  });
  params.insert(params.begin(), {"from_soc",
                                 "string",
                                 "",
                                 "required: the SoC whose CARIn design is transferred — a SoC file path, or a name "
                                 "looked up as <name>.json beside the scenario's SoC file",
                                 {},
                                 {}});
  return {"transferred",
          "Hardware-unaware baseline (reconstruction, CARIN.md §5): CARIn's d0 planned on another SoC (from_soc), "
          "deployed unchanged (infeasible designs mapped by a documented rule), static",
          params, [](const sched::Params& p) {
            return std::make_unique<TransferredScheduler>(p.text("from_soc"), carin_plan_options(p));
          }};
}

std::vector<spec::Design> TransferredScheduler::choose(sched::SchedulerContext& ctx) {
  if (!origin_)
    throw RunError("transferred: the origin SoC (from_soc \"" + from_soc_ +
                   "\") was not loaded; the composition root must call set_origin()");
  spec::Scenario app = ctx.scenario();
  app.dvfs.governors.clear();  // they name the target's processors
  app.dvfs.userspace_freq_mhz.clear();
  origin_plan_ = plan_carin(*origin_, ctx.models(), app, opts_);
  const auto& d0 = origin_plan_.candidates[origin_plan_.result.design_set.front().candidate].designs;
  std::vector<spec::Design> out;
  for (const auto& d : d0) {
    mapping_.push_back(transfer_design(d, *origin_, ctx.soc(), ctx.models()));
    out.push_back(mapping_.back().target);
  }
  return out;
}

}  // namespace socsim::solver
