#include "solver/design_space.h"

#include <algorithm>

#include "sim/core/error.h"

namespace socsim::solver {

std::string dnn_task_of(const spec::ModelLibrary& lib, const spec::Task& task) {
  if (!task.dnn_task.empty()) return task.dnn_task;
  if (task.design) {
    if (const spec::Variant* v = lib.find_variant(task.design->variant)) return v->task;
  }
  throw RunError("task \"" + task.name + "\" names neither a dnn_task nor a design: its design space is unknown");
}

std::vector<spec::Design> enumerate_designs(const spec::Soc& soc, const spec::ModelLibrary& lib,
                                            const spec::Task& task) {
  const std::string dnn_task = dnn_task_of(lib, task);
  std::vector<spec::Design> out;
  for (const spec::Profile& p : lib.profiles) {
    if (p.soc != soc.name || soc.find_processor(p.engine) < 0) continue;
    const spec::Variant* v = lib.find_variant(p.variant);
    if (!v || v->task != dnn_task || !v->find_build(p.precision)) continue;
    out.push_back({p.variant, p.precision, p.engine, p.threads, {}});
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace socsim::solver
