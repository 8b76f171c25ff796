// JSON Schema violations read like a compiler's errors: file, pointer, the bad value and what was
// expected, without valijson's generic wrapper messages.
#include <gtest/gtest.h>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using testing::diagnostics_of;
using testing::fails_with;
using testing::fixture;

TEST(SchemaMessages, UnknownKeyNamesItAndListsTheAllowedKeys) {
  EXPECT_TRUE(fails_with("scenarios/unknown_key.json",
                         {"scenarios/unknown_key.json: error: /tasks/0/colour: unknown key \"colour\" (expected one "
                          "of: arrival, deadline_ms, description, design, dnn_task, latency_distribution, max_queue, "
                          "name, slo)"}));
}

TEST(SchemaMessages, WrongTypeShowsTheValueAndTheExpectedType) {
  EXPECT_TRUE(fails_with("scenarios/wrong_type.json", {"scenarios/wrong_type.json: error: /duration_s: \"ten\" has "
                                                       "the wrong type (expected number)"}));
}

TEST(SchemaMessages, NumberBelowTheMinimumShowsTheBound) {
  EXPECT_TRUE(fails_with("scenarios/negative_fps.json",
                         {"scenarios/negative_fps.json: error: /tasks/0/arrival/fps: -3 is below the minimum "
                          "(expected a number > 0)"}));
}

TEST(SchemaMessages, NegativeLatencyInAProfilesFile) {
  EXPECT_TRUE(fails_with("files/negative_latency.json",
                         {"files/negative_latency.json: error: /profiles/0/latency_ms: -1 is below the minimum "
                          "(expected a number > 0)"}));
}

TEST(SchemaMessages, ArrivalIsCheckedOnlyAgainstTheBranchItsKindSelects) {
  auto diags = diagnostics_of([] { validate_file(fixture("scenarios/negative_fps.json")); });
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);  // nothing about the poisson branch's rate_hz
}

TEST(SchemaMessages, UnknownArrivalKindListsTheKnownKinds) {
  auto diags = diagnostics_of([] { validate_file(fixture("scenarios/unknown_arrival_kind.json")); });
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);
  EXPECT_EQ(diags[0].pointer, "/tasks/1/arrival/kind");
  EXPECT_EQ(diags[0].message, "\"burst\" is not a known kind (expected one of: periodic, poisson, closed_loop)");
}

TEST(SchemaMessages, ArrivalWithoutAKindListsTheKnownKinds) {
  EXPECT_TRUE(fails_with("scenarios/arrival_without_kind.json",
                         {"/tasks/0/arrival: missing required key \"kind\" (expected one of: periodic, poisson, closed_loop)"}));
}

TEST(SchemaMessages, SeveralErrorsInOneFileAreAllReported) {
  auto diags = diagnostics_of([] { validate_file(fixture("scenarios/several_errors.json")); });
  EXPECT_EQ(diags.size(), 5u) << testing::listing(diags);
  EXPECT_TRUE(testing::has_diagnostic(diags, {"/duration_s: \"ten\" has the wrong type"}));
  EXPECT_TRUE(testing::has_diagnostic(diags, {"/tasks/0/colour: unknown key \"colour\""}));
  EXPECT_TRUE(testing::has_diagnostic(diags, {"several_errors.json: error: missing required key \"models\""}));
  EXPECT_TRUE(
      testing::has_diagnostic(diags, {"/tasks/1/max_queue: 0 is below the minimum (expected an integer >= 1)"}));
  EXPECT_TRUE(testing::has_diagnostic(
      diags, {"/tasks/1/name: \"Voice\" does not match the pattern ^[a-z][a-z0-9_]*$ (expected lowercase letters, "
              "digits and underscores, starting with a letter)"}));
}

TEST(SchemaMessages, NoGenericWrapperMessagesReachTheUser) {
  for (const char* file : {"scenarios/several_errors.json", "scenarios/negative_fps.json"})
    for (const auto& d : diagnostics_of([&] { validate_file(fixture(file)); }))
      EXPECT_EQ(d.message.find("Failed to validate"), std::string::npos) << d.format();
}

}  // namespace
}  // namespace socsim::config
