// Timeline export: a socsim trace as Chrome Trace Event JSON (object form), for Perfetto UI or
// chrome://tracing.
//
// Mapping (times: Chrome's `ts`/`dur` are microseconds, written with 3 decimals = exact ns):
//   pid 1..N          one process per processor (pid = processor id + 1: Perfetto treats pid 0
//                     as the kernel's swapper), named after /lookup/processors.
//   pid N+1 "app"     the app: one thread per task plus "events" (sorted first in the UI).
//   tids              unique across processes, numbered after the last pid. On a processor:
//                     "events" (counters, processor events), then one lane per task that ran
//                     there ("classify"), plus overflow lanes ("classify #2") when executions of
//                     the task overlap there (see lanes.h: slices on one lane never overlap).
//   X  /executions    one slice per row on its (processor, task) lane; name = design; args:
//                     request, task, threads and energy_mj when those columns exist.
//   C  /samples       per processor, the columns that exist: per DVFS domain "utilisation" (%),
//                     "freq" (MHz), "power" (mW) - named "freq cpu.1" etc. when the processor
//                     has several domains in /samples or /dvfs; processor-wide "temperature"
//                     (degC) and "queue" (requests), once per sample time.
//   C  /dvfs          "dvfs freq" (MHz) per processor (and domain), at each frequency change.
//   i  /switches      on the task's app thread: "switch <from> -> <to>"; args reason, cost_ms.
//   i  /events        name from /lookup/event_kinds, args value (and task): on the processor
//                     ("s":"p", its "events" thread) when processor-specific, else on the task's
//                     app thread when a `task` column names one, else global ("s":"g", app
//                     "events" thread).
//   i  /requests      dropped requests, on the task's app thread at arrival: "drop".
//   metadata          the trace's root attributes (provenance), plus the export window if any.
// Output order is fixed (metadata events, then tables in the order above, rows in file order):
// the same trace and options give byte-identical JSON.
//
// Window: keeps slices overlapping [begin, end) (whole, not clipped) and instants and counter
// values with begin <= t < end. Memory: tables are streamed in blocks of `block_rows`; lane
// assignment alone keeps 32 bytes per execution in the window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>

#include "sim/trace_hdf5/trace_reader.h"

namespace socsim::trace {

// Half-open interval of simulated time [begin_ns, end_ns).
struct TimeWindow {
  int64_t begin_ns = std::numeric_limits<int64_t>::min();
  int64_t end_ns = std::numeric_limits<int64_t>::max();

  bool has_begin() const { return begin_ns != std::numeric_limits<int64_t>::min(); }
  bool has_end() const { return end_ns != std::numeric_limits<int64_t>::max(); }
  bool contains(int64_t t) const { return begin_ns <= t && t < end_ns; }
  // A zero-length slice overlaps when it lies inside.
  bool overlaps(int64_t start, int64_t finish) const {
    return start < end_ns && (finish > begin_ns || start >= begin_ns);
  }
};

// Parses "A:B" in seconds, either side possibly empty ("2.5:", ":10", "1:3"). Throws
// std::invalid_argument with a message for anything else, for negative, non-finite or too large
// values, and unless A < B.
TimeWindow parse_time_window(std::string_view text);

// `ns` as microseconds with exactly three decimals ("1234.567", "-0.001").
std::string format_micros(int64_t ns);

struct ChromeExportOptions {
  TimeWindow window;
  size_t block_rows = 65536;  // rows read per table per step (>= 1)
};

struct ChromeExportStats {
  size_t slices = 0;
  size_t counters = 0;
  size_t instants = 0;
};

// Writes `trace` to `out`. Throws ConfigError for inconsistent trace content (an id outside its
// lookup, a missing required column) and whatever `out` throws (set its exceptions() to learn of
// write errors early); `out` is left holding a partial document then.
ChromeExportStats export_chrome(const TraceReader& trace, std::ostream& out, const ChromeExportOptions& opts = {});

}  // namespace socsim::trace
