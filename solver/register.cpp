#include "solver/register.h"

#include "solver/carin_scheduler.h"
#include "solver/fixed_scheduler.h"
#include "solver/multi_dnn_unaware.h"
#include "solver/oodin_scheduler.h"
#include "solver/oracle_scheduler.h"
#include "solver/single_model.h"
#include "solver/transferred.h"

namespace socsim::solver {

void register_builtin_schedulers(sched::Registry& registry) {
  registry.add({"fixed", "Runs each task's design as named in the scenario (tasks[i].design); no adaptation.", {},
                [](const sched::Params&) { return std::make_unique<FixedScheduler>(); }});
  registry.add(CarinScheduler::info());
  registry.add(OodinScheduler::info());
  registry.add(single_model_info());
  registry.add(TransferredScheduler::info());
  registry.add(MultiDnnUnawareScheduler::info());
  registry.add(OracleScheduler::info());
}

}  // namespace socsim::solver
