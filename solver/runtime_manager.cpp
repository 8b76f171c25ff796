#include "solver/runtime_manager.h"

namespace socsim::solver {

RuntimeManager::RuntimeManager(RmOptions opts, std::vector<int> watched, double d0_memory_mib)
    : opts_(opts), watched_(std::move(watched)), d0_memory_mib_(d0_memory_mib), processor_flags_(watched_.size()) {}

void RuntimeManager::Flag::update(bool issue, int confirm, int clear) {
  if (issue == raised) {
    streak = 0;
    return;
  }
  if (++streak >= (issue ? confirm : clear)) {
    raised = issue;
    streak = 0;
  }
}

RmCondition RuntimeManager::observe(const std::vector<double>& background_load, double available_mib) {
  RmCondition c;
  for (size_t i = 0; i < watched_.size(); ++i) {
    const bool loaded = background_load[static_cast<size_t>(watched_[i])] > opts_.load_threshold;
    processor_flags_[i].update(loaded, opts_.confirm_samples, opts_.clear_samples);
    if (processor_flags_[i].raised && (c.processor < 0 || watched_[i] < c.processor)) c.processor = watched_[i];
  }
  memory_flag_.update(available_mib < d0_memory_mib_ - 1e-6, 1, opts_.clear_samples);  // sums of MiB: a tolerance
  c.memory = memory_flag_.raised;
  return c;
}

}  // namespace socsim::solver
