// Hand-built specs for the dispatcher tests, on top of tests/engine/fixtures.h (the "tiny" SoC: a
// 4-core CPU and a GPU): libraries with any set of deterministic profiles of two variants, "net"
// and "big", tasks with an arrival offset and deadline, and a run through the scheduler registry.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/engine.h"
#include "sim/sched/registry.h"
#include "solver/register.h"
#include "tests/engine/fixtures.h"

namespace socsim::testing {

// A profile of `variant` (fp32) on the tiny SoC, no spread.
inline spec::Profile profile_of(const std::string& variant, const std::string& engine, int threads, int64_t mean_us) {
  spec::Profile p = profile(engine, threads, mean_us);
  p.variant = variant;
  return p;
}

// The variants "net" and "big" (fp32 builds, no load time), profiled as given.
inline spec::ModelLibrary library_of(std::vector<spec::Profile> profiles) {
  spec::ModelLibrary lib;
  for (const char* name : {"net", "big"}) {
    spec::Variant v;
    v.name = name;
    v.family = "nets";
    v.task = "image_classification";
    v.builds.push_back({spec::Precision::kFp32, 70, 10, {}, {}});
    lib.variants.push_back(v);
  }
  lib.profiles = std::move(profiles);
  return lib;
}

// A periodic task of `variant` whose scenario design is on `engine`, first arriving at `offset`.
inline spec::Task task_of(const std::string& name, const std::string& variant, double fps, const std::string& engine,
                          int threads, Duration offset, std::optional<Duration> deadline) {
  spec::Task t = periodic_task(name, fps, engine, threads);
  t.design->variant = variant;
  t.arrival.offset = offset;
  t.deadline = deadline;
  return t;
}

struct DispatchOutcome {
  trace::MemorySink sink;
  trace::RunSummary summary;

  // Executions per processor index.
  std::map<int, int> per_processor(std::optional<uint32_t> task = std::nullopt) const {
    std::map<int, int> n;
    for (const auto& x : sink.executions)
      if (!task || x.task == *task) ++n[x.processor];
    return n;
  }
  // The finished requests of a task, in arrival order.
  std::vector<trace::RequestRecord> finished(uint32_t task) const {
    std::vector<trace::RequestRecord> out;
    for (const auto& q : sink.requests)
      if (q.task == task && !q.dropped) out.push_back(q);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }
};

// Runs `sc` on the tiny SoC with the registered scheduler `name`.
inline DispatchOutcome run_dispatch(const std::string& name, const spec::Scenario& sc, const spec::ModelLibrary& lib,
                                    const std::map<std::string, std::string>& params = {}) {
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  auto scheduler = registry.create(name, params, "test.json");
  const auto soc = tiny_soc();
  DispatchOutcome out;
  Engine engine(soc, lib, sc, *scheduler, out.sink);
  out.summary = engine.run({});
  return out;
}

}  // namespace socsim::testing
