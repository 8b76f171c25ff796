// Campaign files: canonical expansion order, run ids, seed derivation, checks, sweep files.
#include "cli/campaign/campaign.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace socsim::config {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class CampaignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("socsim_campaign_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A campaign over the quickstart scenario with `body` (JSON members after "base").
  std::string write(const std::string& name, const std::string& body) {
    const fs::path base = fs::path(SOCSIM_SOURCE_DIR) / "scenarios" / "quickstart.json";
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << "{\"base\": \"" << base.string() << "\", " << body << "}";
    return path;
  }
  std::string messages(const std::string& path, bool expand = true) {
    try {
      const Campaign c = load_campaign(path);
      if (expand) expand_campaign(c);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

TEST_F(CampaignTest, CartesianOrderFirstAxisSlowestReplicationsInnermost) {
  const Campaign c = load_campaign(write("c.json", R"("replications": 2, "axes": [
      {"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, 20, 30]},
      {"name": "scheduler", "values": ["fixed", "round_robin"]}])"));
  EXPECT_EQ(campaign_size(c), 12u);
  const auto runs = expand_campaign(c);
  ASSERT_EQ(runs.size(), 12u);
  size_t i = 0;
  for (const char* fps : {"10", "20", "30"})
    for (const char* sched : {"fixed", "round_robin"})
      for (size_t rep = 0; rep < 2; ++rep, ++i) {
        EXPECT_EQ(runs[i].index, i);
        EXPECT_EQ(runs[i].coordinates, (std::vector<std::string>{fps, sched})) << i;
        EXPECT_EQ(runs[i].replication, rep);
      }
  EXPECT_THAT(runs[6].scenario_json, HasSubstr("\"fps\": 20"));
  EXPECT_THAT(runs[6].scenario_json, HasSubstr("\"round_robin\""));
}

TEST_F(CampaignTest, ZipTakesTheIthValuesTogether) {
  const auto runs = expand_campaign(load_campaign(write("z.json", R"("mode": "zip", "axes": [
      {"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, 20, 30]},
      {"name": "rate", "pointer": "/tasks/2/arrival/rate_hz", "values": [1, 2, 3]}])")));
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[1].coordinates, (std::vector<std::string>{"20", "2"}));
  EXPECT_EQ(runs[2].value_index, (std::vector<size_t>{2, 2}));
}

TEST_F(CampaignTest, RunIdsAreStableDistinctContentHashes) {
  const std::string body = R"("axes": [{"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, 20]},
                                       {"name": "seed", "values": [1, 2]}])";
  const auto a = expand_campaign(load_campaign(write("a.json", body)));
  const auto b = expand_campaign(load_campaign(write("b.json", body)));
  std::set<std::string> ids;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);  // same content, same id, whatever the campaign's name
    EXPECT_EQ(a[i].id.size(), 16u);
    EXPECT_EQ(a[i].id.find_first_not_of("0123456789abcdef"), std::string::npos);
    ids.insert(a[i].id);
  }
  EXPECT_EQ(ids.size(), 4u);
  // A run's id depends on its content, not on its position.
  const auto c = expand_campaign(load_campaign(write("c.json", R"("axes": [
      {"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [20]}, {"name": "seed", "values": [2]}])")));
  EXPECT_EQ(c[0].id, a[3].id);
}

TEST_F(CampaignTest, SeedsDeriveFromTheBaseSeedAndReplication) {
  EXPECT_EQ(replication_seed(42, 0), 42u);
  EXPECT_EQ(replication_seed(42, 1), 7309461073020055u);  // pinned: documented derivation
  for (size_t r = 1; r < 100; ++r) EXPECT_LT(replication_seed(42, r), 1ull << 53);
  EXPECT_NE(replication_seed(42, 1), replication_seed(43, 1));
  const auto runs = expand_campaign(load_campaign(write("s.json", R"("replications": 3, "seed": 7, "axes": [
      {"name": "scheduler", "values": ["fixed", "round_robin"]}])")));
  ASSERT_EQ(runs.size(), 6u);
  for (const auto& r : runs) {
    EXPECT_EQ(r.seed, replication_seed(7, r.replication));  // common random numbers across axes
    EXPECT_THAT(r.scenario_json, HasSubstr("\"seed\": " + std::to_string(r.seed)));
  }
  const auto given = expand_campaign(load_campaign(write("g.json", R"("axes": [{"name": "seed", "values": [5, 9]}])")));
  EXPECT_EQ(given[1].seed, 9u);
}

TEST_F(CampaignTest, ResolvedScenarioHasAbsolutePaths) {
  const auto runs = expand_campaign(load_campaign(write("p.json", R"("axes": [{"name": "soc", "values": ["tensor_g2"]}])")));
  const fs::path socs = fs::absolute(fs::path(SOCSIM_SOURCE_DIR) / "socs").lexically_normal();
  EXPECT_THAT(runs[0].scenario_json, HasSubstr("\"soc\": \"" + (socs / "tensor_g2.json").string() + "\""));
}

TEST_F(CampaignTest, ChecksNameTheCampaignAxisAndValue) {
  EXPECT_THAT(messages(write("v.json", R"("axes": [{"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, 0]}])")),
              HasSubstr("v.json: error: /axes/0/values/1: axis \"fps\" value 0 makes the scenario invalid"));
  EXPECT_THAT(messages(write("p.json", R"("axes": [{"name": "x", "pointer": "/tasks/9/name", "values": ["a"]}])"), false),
              HasSubstr("p.json: error: /axes/0/pointer: pointer \"/tasks/9/name\" names no place in the base scenario"));
  EXPECT_THAT(messages(write("m.json", R"("max_runs": 3, "replications": 4, "axes": [])")),
              HasSubstr("expands to 4 runs, more than max_runs 3"));
  EXPECT_THAT(messages(write("d.json", R"("axes": [{"name": "seed", "values": [1, 1]}])"), false),
              HasSubstr("/axes/0/values/1: value 1 repeats /axes/0/values/0"));
  EXPECT_THAT(messages(write("n.json", R"("axes": [{"name": "a", "pointer": "/duration_s", "values": [1]},
                                                    {"name": "a", "pointer": "/seed", "values": [1]}])"), false),
              HasSubstr("duplicate axis name \"a\""));
  const Campaign big = load_campaign(write("f.json", R"("max_runs": 2, "replications": 3, "axes": [])"));
  ExpandOptions force;
  force.force = true;
  EXPECT_EQ(expand_campaign(big, force).size(), 3u);
}

// A campaign file with `body` as its whole content (no base).
std::string source(const char* rel) { return (fs::path(SOCSIM_SOURCE_DIR) / rel).string(); }

TEST_F(CampaignTest, ScenarioAxisGivesEachRunItsBaseScenario) {
  const std::string path = (dir_ / "s.json").string();
  std::ofstream(path) << R"({"axes": [{"name": "scenario", "values": [")" << source("scenarios/quickstart.json") << R"(", ")"
                      << source("scenarios/suites/image_classification_snapdragon865.json") << R"("]},
      {"name": "soc", "values": ["tensor_g2", "snapdragon865"]}], "set": {"/duration_s": 2}})";
  const Campaign c = load_campaign(path);
  ASSERT_EQ(c.scenarios.size(), 2u);
  const auto runs = expand_campaign(c);
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].coordinates, (std::vector<std::string>{"quickstart", "tensor_g2"}));
  EXPECT_EQ(runs[3].coordinates, (std::vector<std::string>{"image_classification_snapdragon865", "snapdragon865"}));
  EXPECT_THAT(runs[2].scenario_json, HasSubstr("tensor_g2.json"));
  EXPECT_THAT(runs[3].scenario_json, HasSubstr("\"duration_s\": 2"));
  // Without a seed axis, each run keeps its own scenario's seed (replication 0).
  const auto own = expand_campaign(load_campaign(write("q.json", R"("axes": [{"name": "soc", "values": ["tensor_g2"]}])")));
  EXPECT_EQ(runs[0].seed, own[0].seed);
}

TEST_F(CampaignTest, ZipMayRepeatValuesAndSchedulersTakeParamsAndLabels) {
  const std::string path = (dir_ / "z.json").string();
  const std::string qs = source("scenarios/quickstart.json"), ic = source("scenarios/suites/image_classification_tensor_g2.json");
  std::ofstream(path) << R"({"mode": "zip", "axes": [{"name": "scenario", "values": [")" << qs << R"(", ")" << qs << R"(", ")"
                      << ic << R"("]},
      {"name": "scheduler", "values": ["fixed", {"name": "least_slack_time", "params": {"drop_hopeless": false}},
                                       {"name": "round_robin", "label": "rr"}]}]})";
  const auto runs = expand_campaign(load_campaign(path));
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[1].coordinates, (std::vector<std::string>{"quickstart", "least_slack_time-drop_hopeless-false"}));
  EXPECT_EQ(runs[2].coordinates, (std::vector<std::string>{"image_classification_tensor_g2", "rr"}));
  EXPECT_THAT(runs[1].scenario_json, HasSubstr("\"drop_hopeless\": false"));
  EXPECT_THAT(runs[2].scenario_json, HasSubstr("\"round_robin\""));
}

TEST_F(CampaignTest, ScenarioAndSchedulerAxisChecks) {
  const std::string qs = source("scenarios/quickstart.json");
  auto file = [&](const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  };
  EXPECT_THAT(messages(file("n.json", R"({"axes": [{"name": "seed", "values": [1]}]})"), false),
              HasSubstr("no scenario: expected a \"base\" scenario or an axis named \"scenario\""));
  EXPECT_THAT(messages(write("b.json", R"("axes": [{"name": "scenario", "values": [")" + qs + R"("]}])"), false),
              HasSubstr("/base: a base scenario and a scenario axis (/axes/0)"));
  EXPECT_THAT(messages(file("m.json", R"({"axes": [{"name": "scenario", "values": ["nope.json"]}]})"), false),
              HasSubstr("/axes/0/values/0: scenario \"" + (dir_ / "nope.json").string() + "\" does not exist"));
  fs::create_directories(dir_ / "other");
  fs::copy_file(qs, dir_ / "other" / "quickstart.json");
  EXPECT_THAT(messages(file("d.json", R"({"axes": [{"name": "scenario", "values": [")" + qs + R"(", "other/quickstart.json"]}]})"), false),
              HasSubstr("/axes/0/values/1: scenario"));
  EXPECT_THAT(messages(write("o.json", R"("axes": [{"name": "scheduler", "values": [{"params": {}}]}])"), false),
              HasSubstr("/axes/0/values/0: scheduler {\"params\":{}} is not a name or a {\"name\", \"params\", \"label\"} object"));
  EXPECT_THAT(messages(write("l.json", R"("axes": [{"name": "scheduler", "values": ["fixed", {"name": "heft", "label": "fixed"}]}])"), false),
              HasSubstr("/axes/0/values/1: value {\"label\":\"fixed\",\"name\":\"heft\"} is labelled \"fixed\" like /axes/0/values/0"));
  EXPECT_THAT(messages(write("r.json", R"("axes": [{"name": "trace", "pointer": "/duration_s", "values": [1]}])"), false),
              HasSubstr("axis name \"trace\" is reserved"));
}

TEST_F(CampaignTest, ManifestLinesRoundTrip) {
  ManifestEntry e{3, "0123456789abcdef", {{"fps", "10"}, {"scheduler", "a,\"b\""}}, 42, 1, "runs/x.h5"};
  const std::string line = manifest_line(e);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const auto back = parse_manifest_line(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->coordinates, e.coordinates);
  EXPECT_EQ(back->exit_code, 1);
  EXPECT_FALSE(parse_manifest_line(line.substr(0, line.size() / 2)));
}

}  // namespace
}  // namespace socsim::config
