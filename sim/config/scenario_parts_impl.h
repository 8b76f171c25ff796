// Private to sim/config: the optional parts of a scenario — SLOs, runtime events, the DVFS policy —
// read from a document that passed its schema, checked, and named for writing back.
#pragma once

#include <string>
#include <vector>

#include "sim/config/json_read_impl.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"

namespace socsim::config {

// --- SLOs (scenario_slo.cpp) -----------------------------------------------------------------

// The SLO object `f` ("objectives", "constraints"), goals and weights defaulted.
spec::Slo read_slo(const Fields& f);

// No metric among the objectives twice. `at` is the SLO's object.
void check_slo(const spec::Slo& slo, const Pointer& at, Reporter& r);

// True when an objective on `m` is maximised by default (accuracy, throughput).
bool maximised_by_default(spec::Metric m);

// "<=", "<", ">=", ">".
const char* to_string(spec::Constraint::Op op);

// --- Runtime events (scenario_events.cpp) ----------------------------------------------------

// How one kind of RuntimeEvent is written: its file kind, the key holding its value (nullptr: it
// has none) and whether it names a processor. kAmbient and kFrequencyCap are both "thermal".
struct EventForm {
  spec::RuntimeEvent::Kind kind;
  const char* file_kind;
  const char* value_key;
  bool processor;
};
const EventForm& event_form(spec::RuntimeEvent::Kind kind);

// The events of the scenario object `f`, in file order, one per element. Reports a thermal event
// without exactly one of ambient_c and max_freq_frac, a frequency cap without a processor and an
// ambient change with one.
std::vector<spec::RuntimeEvent> read_events(const Fields& f);

// Stable sort by time: events at the same time keep their order.
void sort_events(std::vector<spec::RuntimeEvent>& events);

// Every event's processor names one of the SoC. Pointers index `events` as given.
void check_events(const std::vector<spec::RuntimeEvent>& events, const spec::Soc& soc, Reporter& r);

// --- DVFS policy (scenario_dvfs.cpp) ---------------------------------------------------------

// The "dvfs" object `f`, defaults filled in.
spec::DvfsPolicy read_dvfs_policy(const Fields& f);

// Keys of governors name processors; keys of userspace_freq_mhz name processors or CPU clusters
// ("<cpu>.<cluster>") and their frequencies lie within the domains they set; every domain whose
// processor runs the userspace governor has a frequency (its own entry, else its processor's).
void check_dvfs_policy(const spec::DvfsPolicy& policy, const spec::Soc& soc, Reporter& r);

}  // namespace socsim::config
