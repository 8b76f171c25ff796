// Looking up one attribute of a trace's attribute list (trace_reader.h attribute_number / _text).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace_hdf5/trace_reader.h"

namespace socsim::trace {
namespace {

const std::vector<Attribute> kAttrs = {{"energy_mj", 2.5},
                                       {"events", uint64_t{42}},
                                       {"switch_time_ns", int64_t{-3}},
                                       {"soc", std::string("tensor_g2")}};

TEST(TraceAttributes, NumberOfEveryNumericTypeAndNoneForStringsOrAbsence) {
  EXPECT_EQ(attribute_number(kAttrs, "energy_mj"), 2.5);
  EXPECT_EQ(attribute_number(kAttrs, "events"), 42.0);
  EXPECT_EQ(attribute_number(kAttrs, "switch_time_ns"), -3.0);
  EXPECT_FALSE(attribute_number(kAttrs, "soc").has_value());
  EXPECT_FALSE(attribute_number(kAttrs, "missing").has_value());
}

TEST(TraceAttributes, TextOfStringsAsTheyAreAndNumbersFormatted) {
  EXPECT_EQ(attribute_text(kAttrs, "soc"), "tensor_g2");
  EXPECT_EQ(attribute_text(kAttrs, "events"), "42");
  EXPECT_FALSE(attribute_text(kAttrs, "missing").has_value());
}

}  // namespace
}  // namespace socsim::trace
