// `transferred`: CARIn's "hardware-unaware / transferred designs" baseline (CARIN.md §5).
//
// [known] CARIn compares (in multi-DNN apps) against designs found optimal on one device and
// deployed on another, and beats them.
// [choice] our reconstruction: run CARIn's offline plan (profiling in socsim + RASS, solver/
// carin_plan.h) for the same scenario on the ORIGIN SoC named by `from_soc`, and deploy its d0
// unchanged on the target SoC (the scenario's). Static: no Runtime Manager, no design set
// (storage = the deployed builds, no run-time solving). The origin is profiled with the
// scenario's default DVFS governor only (per-processor governors and userspace frequencies name
// the target's processors).
//
// Where a design of d0 is infeasible on the target, it is mapped by this rule [choice]:
//   1. unchanged when the target has a profile for it (same variant, precision, engine, threads);
//   2. else the same variant and precision on a target processor of the SAME KIND as the origin
//      engine (CPU, GPU, NPU, DSP; the first such processor, in the SoC's order, with a profile);
//   3. else the same variant and precision on the first kind, in the order NPU, DSP, GPU, CPU,
//      that the target has with a profile for it;
//   4. else the run fails (RunError): nothing on the target runs that build.
// On a CPU the thread count is the profiled one closest to the origin design's (ties: fewer
// threads); an accelerator design moved to the CPU asks for the most threads profiled.
//
// Loading the origin SoC is the composition root's job (solver/ does not parse files): it reads
// from_soc(), resolves it (config::soc_file), loads the SoC and calls set_origin() before the
// run (cli/run_job.cpp). on_start fails with a RunError when no origin was set.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/sched/registry.h"
#include "solver/carin_plan.h"
#include "solver/static_scheduler.h"

namespace socsim::solver {

struct TransferredDesign {
  spec::Design origin;  // d0's design for the task on the origin SoC
  spec::Design target;  // what runs on the target
  int rule = 1;         // the mapping rule that gave it (1 = unchanged, see the file comment)
};

// Maps one design of `origin` onto `target` by the rule above. Throws RunError (rule 4).
TransferredDesign transfer_design(const spec::Design& d, const spec::Soc& origin, const spec::Soc& target,
                                  const spec::ModelLibrary& lib);

class TransferredScheduler final : public StaticScheduler {
 public:
  TransferredScheduler(std::string from_soc, CarinOptions opts)
      : from_soc_(std::move(from_soc)), opts_(std::move(opts)) {}
  static sched::SchedulerInfo info();

  const std::string& from_soc() const { return from_soc_; }
  void set_origin(spec::Soc origin) { origin_ = std::move(origin); }

  // After on_start: CARIn's plan on the origin and how each task's design was mapped.
  const CarinPlan& origin_plan() const { return origin_plan_; }
  const std::vector<TransferredDesign>& mapping() const { return mapping_; }

 protected:
  std::vector<spec::Design> choose(sched::SchedulerContext& ctx) override;

 private:
  std::string from_soc_;
  CarinOptions opts_;
  std::optional<spec::Soc> origin_;
  CarinPlan origin_plan_;
  std::vector<TransferredDesign> mapping_;
};

}  // namespace socsim::solver
