// CARIn's Runtime Manager (CARIN.md §3): watches per-processor external load and the app's
// memory budget, raises "processor issue" and "memory issue" flags, and names the condition the
// app should be served in. It never searches: the caller maps the condition to the design set
// RASS precomputed.
//
// [choice] rules, each a documented parameter:
// - A processor issue on p is raised when p's background load stays above `load_threshold` for
//   `confirm_samples` consecutive samples (default 1: at the first sample that sees it, as OODIn
//   sees a change at its first sample — the paper compares reaction cost, search vs look-up, not
//   detection), and cleared when it stays at or below it for `clear_samples` samples
//   (hysteresis). Watched processors: those the preferred design d0 uses.
// - A memory issue is raised at the first sample where the memory the app may use falls below
//   the preferred design's footprint (the low-memory killer acts at once, so waiting buys
//   nothing), and cleared when d0 fits again for `clear_samples` samples.
// - With issues on several processors, the lowest-indexed one is served.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/core/time.h"

namespace socsim::solver {

struct RmOptions {
  Duration period = Duration::ms(100);
  double load_threshold = 0.5;
  int confirm_samples = 1;  // [choice, issue 15 (b)]; 3 before (see README "Reproducing CARIn")
  int clear_samples = 5;
  bool predict_switch = true;  // read by CarinScheduler (solver/carin_scheduler.h), not by the RM
};

struct RmCondition {
  int processor = -1;  // the processor with an issue, -1 when none
  bool memory = false;
  bool operator==(const RmCondition&) const = default;
};

class RuntimeManager {
 public:
  // `watched`: SoC processor indices d0 uses; `d0_memory_mib`: d0's footprint.
  RuntimeManager(RmOptions opts, std::vector<int> watched, double d0_memory_mib);

  // One sample. `background_load[p]` for every SoC processor p; `available_mib`: app memory.
  RmCondition observe(const std::vector<double>& background_load, double available_mib);
  const RmOptions& options() const { return opts_; }

 private:
  struct Flag {
    bool raised = false;
    int streak = 0;  // consecutive samples contradicting the flag's state
    void update(bool issue, int confirm, int clear);
  };

  RmOptions opts_;
  std::vector<int> watched_;
  double d0_memory_mib_;
  std::vector<Flag> processor_flags_;  // per watched processor
  Flag memory_flag_;
};

}  // namespace socsim::solver
