// The trace schema: which table each record type becomes and what each field means, with units.
// analysis/trace.py documents the same schema for Python users (tests/trace/check_trace.py checks
// the two agree on every table, field and unit).
#pragma once

#include "sim/trace/records.h"
#include "sim/trace_hdf5/columns.h"

namespace socsim::trace::schema {

// Lookup table names (/lookup/<name>) that integer id columns index.
inline constexpr const char* kTasks = "tasks";
inline constexpr const char* kProcessors = "processors";
inline constexpr const char* kDesigns = "designs";
inline constexpr const char* kEventKinds = "event_kinds";
inline constexpr const char* kSwitchReasons = "switch_reasons";

inline constexpr ColumnSpec<RequestRecord> kRequestColumns[] = {
    column<&RequestRecord::id>("id", "1", "request id, unique within the run"),
    column<&RequestRecord::task>("task", "1", "task that issued the request", kTasks),
    column<&RequestRecord::arrival_ns>("arrival_ns", "ns", "arrival time"),
    column<&RequestRecord::start_ns>("start_ns", "ns", "first execution start; -1 when dropped"),
    column<&RequestRecord::finish_ns>("finish_ns", "ns", "completion time; -1 when dropped"),
    column<&RequestRecord::processor>("processor", "1", "processor that ran it; -1 when dropped before dispatch",
                                      kProcessors),
    column<&RequestRecord::design>("design", "1", "design that ran it; -1 when dropped before dispatch", kDesigns),
    column<&RequestRecord::dropped>("dropped", "1", "1 when the request was dropped"),
    column<&RequestRecord::violated>("violated", "1", "1 when it finished after its deadline or was dropped"),
};

inline constexpr ColumnSpec<ExecutionRecord> kExecutionColumns[] = {
    column<&ExecutionRecord::request>("request", "1", "request id (requests.id)"),
    column<&ExecutionRecord::task>("task", "1", "task of the request", kTasks),
    column<&ExecutionRecord::processor>("processor", "1", "processor that ran this stretch", kProcessors),
    column<&ExecutionRecord::design>("design", "1", "design being run", kDesigns),
    column<&ExecutionRecord::threads>("threads", "1", "threads (cores) used"),
    column<&ExecutionRecord::start_ns>("start_ns", "ns", "stretch start"),
    column<&ExecutionRecord::finish_ns>("finish_ns", "ns", "stretch end"),
    column<&ExecutionRecord::energy_mj>("energy_mj", "mJ", "dynamic energy attributed to the inference"),
};

inline constexpr ColumnSpec<EventRecord> kEventColumns[] = {
    column<&EventRecord::time_ns>("time_ns", "ns", "time the event took effect"),
    column<&EventRecord::kind>("kind", "1", "event kind", kEventKinds),
    column<&EventRecord::processor>("processor", "1", "processor concerned; -1 when not processor-specific",
                                    kProcessors),
    column<&EventRecord::task>("task", "1", "task concerned; -1 when not task-specific", kTasks),
    column<&EventRecord::value>("value", "1", "kind-specific value (load fraction, MiB, degC, ...)"),
};

inline constexpr ColumnSpec<SwitchRecord> kSwitchColumns[] = {
    column<&SwitchRecord::time_ns>("time_ns", "ns", "time of the switch"),
    column<&SwitchRecord::task>("task", "1", "task whose design changed", kTasks),
    column<&SwitchRecord::from_design>("from_design", "1", "previous design; -1 when none", kDesigns),
    column<&SwitchRecord::to_design>("to_design", "1", "new design; -1 when none", kDesigns),
    column<&SwitchRecord::reason>("reason", "1", "why the design changed", kSwitchReasons),
    column<&SwitchRecord::cost_ns>("cost_ns", "ns", "switching cost (e.g. model load time)"),
};

inline constexpr ColumnSpec<DvfsRecord> kDvfsColumns[] = {
    column<&DvfsRecord::time_ns>("time_ns", "ns", "time of the frequency change"),
    column<&DvfsRecord::processor>("processor", "1", "processor whose domain changed", kProcessors),
    column<&DvfsRecord::domain>("domain", "1", "frequency domain: cluster index for CPUs, 0 for accelerators"),
    column<&DvfsRecord::freq_mhz>("freq_mhz", "MHz", "new frequency"),
};

inline constexpr ColumnSpec<SampleRecord> kSampleColumns[] = {
    column<&SampleRecord::time_ns>("time_ns", "ns", "sample time"),
    column<&SampleRecord::processor>("processor", "1", "processor observed", kProcessors),
    column<&SampleRecord::domain>("domain", "1", "frequency domain: cluster index for CPUs, 0 for accelerators"),
    column<&SampleRecord::utilisation>("utilisation", "1", "busy fraction of the domain's cores since the previous sample, in [0, 1]"),
    column<&SampleRecord::freq_mhz>("freq_mhz", "MHz", "current frequency"),
    column<&SampleRecord::power_mw>("power_mw", "mW", "average power of the domain since the previous sample, idle included"),
    column<&SampleRecord::temp_c>("temp_c", "degC", "SoC temperature (0 when the SoC has no thermal model)"),
    column<&SampleRecord::queue_length>("queue_length", "1", "inferences waiting for this processor"),
};

inline constexpr ColumnSpec<TaskSummary> kSummaryColumns[] = {
    column<&TaskSummary::task>("task", "1", "task", kTasks),
    column<&TaskSummary::arrived>("arrived", "1", "requests that arrived"),
    column<&TaskSummary::completed>("completed", "1", "requests that completed"),
    column<&TaskSummary::dropped>("dropped", "1", "requests dropped"),
    column<&TaskSummary::violated>("violated", "1", "requests that missed their deadline or were dropped"),
    column<&TaskSummary::pending>("pending", "1", "requests still queued or running when the run ended"),
    column<&TaskSummary::latency_mean_ms>("latency_mean_ms", "ms", "mean latency of completed requests after the warm-up"),
    column<&TaskSummary::latency_p50_ms>("latency_p50_ms", "ms", "median latency"),
    column<&TaskSummary::latency_p90_ms>("latency_p90_ms", "ms", "90th percentile latency"),
    column<&TaskSummary::latency_p99_ms>("latency_p99_ms", "ms", "99th percentile latency"),
    column<&TaskSummary::latency_sd_ms>("latency_sd_ms", "ms", "latency standard deviation"),
    column<&TaskSummary::throughput_hz>("throughput_hz", "Hz", "completed requests per simulated second"),
    column<&TaskSummary::energy_mj>("energy_mj", "mJ", "mean dynamic energy per completed inference"),
    column<&TaskSummary::accuracy_pct>("accuracy_pct", "%", "mean accuracy of the builds that served the completed requests"),
    column<&TaskSummary::cold_start_ms>("cold_start_ms", "ms", "latency of the first completed request (cold start: initial model load included)"),
    column<&TaskSummary::warmup_completed>("warmup_completed", "1", "completed requests that arrived in the warm-up, left out of the latency statistics"),
    column<&TaskSummary::warmup_end_ms>("warmup_end_ms", "ms", "end of the warm-up: warmup_s, or the first completion"),
};

inline constexpr ColumnSpec<ProcessorEnergy> kEnergyColumns[] = {
    column<&ProcessorEnergy::processor>("processor", "1", "processor", kProcessors),
    column<&ProcessorEnergy::energy_mj>("energy_mj", "mJ", "energy over the run, idle included"),
    column<&ProcessorEnergy::idle_energy_mj>("idle_energy_mj", "mJ", "idle part of energy_mj"),
};

inline constexpr TableSpec<RequestRecord> kRequests{"requests", "one row per request, in completion/drop order",
                                                    kRequestColumns};
inline constexpr TableSpec<ExecutionRecord> kExecutions{
    "executions", "one row per stretch of work a processor ran for a request", kExecutionColumns};
inline constexpr TableSpec<EventRecord> kEvents{"events", "scripted runtime events as they take effect", kEventColumns};
inline constexpr TableSpec<SwitchRecord> kSwitches{"switches", "run-time design switches of a task", kSwitchColumns};
inline constexpr TableSpec<DvfsRecord> kDvfs{"dvfs", "frequency changes of a DVFS domain", kDvfsColumns};
inline constexpr TableSpec<SampleRecord> kSamples{"samples", "periodic per-processor observations", kSampleColumns};
inline constexpr TableSpec<TaskSummary> kSummary{
    "summary",
    "per-task outcome of the run; attributes: events, sim_time_ns, energy_mj, attributed_energy_mj, "
    "background_energy_mj, idle_energy_mj, peak_temp_c, peak_memory_mib, storage_mib, served_size_mib, switches, "
    "switch_time_ns, solve_time_ns",
    kSummaryColumns};
inline constexpr TableSpec<ProcessorEnergy> kEnergy{"energy", "per-processor energy of the run", kEnergyColumns};

}  // namespace socsim::trace::schema
