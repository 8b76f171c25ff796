#include "sim/sched/registry.h"

#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "solver/register.h"

namespace socsim {
namespace {

struct Nop : sched::Scheduler {
  void on_arrival(sched::SchedulerContext&, const Request&) override {}
};

sched::Registry registry_with_demo() {
  sched::Registry reg;
  solver::register_builtin_schedulers(reg);
  reg.add({"demo", "a test scheduler", {{"alpha", "number", "0.5", "weight"}, {"k", "integer", "3", "top-k"}},
           [](const sched::Params& p) {
             EXPECT_DOUBLE_EQ(p.number("alpha"), 0.25);
             EXPECT_EQ(p.integer("k"), 3);
             return std::make_unique<Nop>();
           }});
  return reg;
}

TEST(Registry, UnknownSchedulerListsTheKnownOnes) {
  try {
    registry_with_demo().create("rasss", {}, "s.json");
    FAIL();
  } catch (const ConfigError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("s.json: error: /scheduler/name: unknown scheduler \"rasss\""), std::string::npos) << m;
    EXPECT_NE(m.find("demo, fcfs, fixed"), std::string::npos) << m;
  }
}

TEST(Registry, UnknownOrBadlyTypedParametersAreAllReported) {
  try {
    registry_with_demo().create("demo", {{"beta", "1"}, {"k", "x"}}, "s.json");
    FAIL();
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].pointer, "/scheduler/params/beta");
    EXPECT_NE(e.diagnostics()[0].message.find("expected one of: alpha, k"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].pointer, "/scheduler/params/k");
  }
}

TEST(Registry, DefaultsAreOverlaidWithGivenValues) {
  EXPECT_NE(registry_with_demo().create("demo", {{"alpha", "0.25"}}, "s.json"), nullptr);
}

}  // namespace
}  // namespace socsim
