// unknown_name: the known names listed, and a "did you mean" only when it is close and unambiguous.
#include "sim/core/names.h"

#include <gtest/gtest.h>

namespace socsim {
namespace {

TEST(Names, ListsTheKnownNamesAndSuggestsTheCloseOne) {
  EXPECT_EQ(unknown_name("scheduler", "rond_robin", {"round_robin", "carin", "fixed"}),
            "unknown scheduler \"rond_robin\" (expected one of: carin, fixed, round_robin; did you mean \"round_robin\"?)");
  EXPECT_EQ(unknown_name("format", "js", {"table", "csv", "json"}),
            "unknown format \"js\" (expected one of: csv, json, table; did you mean \"json\"?)");  // a prefix
}

TEST(Names, NoSuggestionWhenFarOrTied) {
  EXPECT_EQ(unknown_name("processor", "tpu", {"cpu", "gpu", "npu"}), "unknown processor \"tpu\" (expected one of: cpu, gpu, npu)");
  EXPECT_EQ(unknown_name("SoC", "pixel", {"tensor_g2", "snapdragon865"}),
            "unknown SoC \"pixel\" (expected one of: snapdragon865, tensor_g2)");
  EXPECT_EQ(unknown_name("SoC", "x", {}), "unknown SoC \"x\" (there are no SoCs)");
}

TEST(Names, ManyNamesAreCountedAndTheNearestSuggested) {
  std::vector<std::string> known;
  for (int i = 0; i < 25; ++i) known.push_back("v" + std::to_string(i));
  EXPECT_EQ(unknown_name("variant", "v7x", known), "unknown variant \"v7x\" (none of the 25 known variants; did you mean \"v7\"?)");
}

}  // namespace
}  // namespace socsim
