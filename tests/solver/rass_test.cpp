#include "solver/rass.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace socsim::solver {
namespace {

using spec::Metric;
using Condition = DesignSetMember::Condition;

// A one-task candidate: accuracy (%), memory (MiB), processors, latency (ms).
Candidate one_task(double accuracy, double memory, std::vector<int> processors, double latency = 10) {
  Candidate c;
  c.designs.resize(1);
  c.task_metrics.resize(1);
  at(c.task_metrics[0], Metric::kAccuracy) = accuracy;
  at(c.task_metrics[0], Metric::kLatencyMean) = latency;
  at(c.task_metrics[0], Metric::kMemory) = memory;
  at(c.app, Metric::kAccuracy) = accuracy;
  at(c.app, Metric::kMemory) = memory;
  c.processors = std::move(processors);
  return c;
}

// A two-task candidate: per-task accuracy and latency; app accuracy is their mean.
Candidate two_tasks(double acc0, double acc1, double lat0, double lat1, double memory) {
  Candidate c;
  c.designs.resize(2);
  c.task_metrics.resize(2);
  at(c.task_metrics[0], Metric::kAccuracy) = acc0;
  at(c.task_metrics[1], Metric::kAccuracy) = acc1;
  at(c.task_metrics[0], Metric::kLatencyMean) = lat0;
  at(c.task_metrics[1], Metric::kLatencyMean) = lat1;
  at(c.app, Metric::kAccuracy) = (acc0 + acc1) / 2;
  at(c.app, Metric::kMemory) = memory;
  c.processors = {0};
  return c;
}

SloTerm maximise(Metric m, int task = -1) { return {task, {m, true, 1}}; }
SloTerm minimise(Metric m, int task = -1) { return {task, {m, false, 1}}; }
ConstraintTerm at_most(Metric m, double bound, int task = -1) { return {task, {m, spec::Constraint::Op::kLe, bound}}; }
ConstraintTerm at_least(Metric m, double bound, int task = -1) { return {task, {m, spec::Constraint::Op::kGe, bound}}; }

// The processor space, one task, accuracy maximised (ratio_product: optimality = accuracy / 90):
//   candidate  accuracy  processors  memory    rank
//   0          70        {0}          50       3
//   1          90        {0, 2}      120       0   <- d0, uses processors 0 and 2
//   2          80        {1}          80       2
//   3          85        {2}         100       1
//   4          60        {1, 2}       30       4
// d_0 = first ranked not using 0 = candidate 3 (rank 1); d_2 = first not using 2 = candidate 2 (rank 2).
// Default d_mem: top quarter = ceil(5/4) = 2 designs {1 (120 MiB), 3 (100 MiB)} -> candidate 3.
std::vector<Candidate> processor_space() {
  return {one_task(70, 50, {0}), one_task(90, 120, {0, 2}), one_task(80, 80, {1}), one_task(85, 100, {2}),
          one_task(60, 30, {1, 2})};
}
const SloTerms kMaxAccuracy{{maximise(Metric::kAccuracy)}, {}};

// A deterministic one-task space over 4 processors for property checks.
std::vector<Candidate> generated_space(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto uniform = [&rng](double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1p-53;
  };
  std::vector<Candidate> out;
  for (size_t i = 0; i < n; ++i) {
    std::vector<int> processors;
    const uint64_t mask = 1 + rng() % 15;  // a non-empty subset of {0, 1, 2, 3}
    for (int p = 0; p < 4; ++p)
      if (mask & (1u << p)) processors.push_back(p);
    out.push_back(one_task(std::round(uniform(50, 90)), std::round(uniform(10, 200)), processors, uniform(5, 50)));
  }
  return out;
}

bool uses(const Candidate& c, int p) {
  return std::find(c.processors.begin(), c.processors.end(), p) != c.processors.end();
}

TEST(Rass, RanksFeasibleDesignsBestFirst) {
  const RassResult r = rass(processor_space(), kMaxAccuracy, {});
  EXPECT_EQ(r.ranked, (std::vector<size_t>{1, 3, 2, 0, 4}));
  ASSERT_EQ(r.optimality.size(), 5u);
  const std::vector<double> want = {1, 85.0 / 90, 80.0 / 90, 70.0 / 90, 60.0 / 90};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_DOUBLE_EQ(r.optimality[i], want[i]) << i;
}

TEST(Rass, TiesGoToTheLowerCandidateIndex) {
  // Accuracies 80, 90, 80, 90, 80: the two 90s first (1 then 3), then the 80s (0, 2, 4).
  const std::vector<Candidate> c = {one_task(80, 1, {0}), one_task(90, 1, {0}), one_task(80, 1, {0}),
                                    one_task(90, 1, {0}), one_task(80, 1, {0})};
  EXPECT_EQ(rass(c, kMaxAccuracy, {}).ranked, (std::vector<size_t>{1, 3, 0, 2, 4}));

  // 40 identical designs (past std::sort's insertion-sort threshold): candidate order, unchanged.
  const std::vector<Candidate> same(40, one_task(70, 10, {0}));
  const RassResult r = rass(same, kMaxAccuracy, {});
  for (size_t i = 0; i < same.size(); ++i) EXPECT_EQ(r.ranked[i], i);
}

TEST(Rass, D0IsTheTopRankedDesign) {
  const RassResult r = rass(processor_space(), kMaxAccuracy, {});
  ASSERT_FALSE(r.design_set.empty());
  const DesignSetMember& d0 = r.design_set[0];
  EXPECT_EQ(d0.condition, Condition::kDefault);
  EXPECT_EQ(d0.candidate, 1u);
  EXPECT_EQ(d0.rank, 0u);
  EXPECT_EQ(d0.processor, -1);
  EXPECT_DOUBLE_EQ(d0.optimality, 1);
}

TEST(Rass, ProcessorFallbacksAreTheFirstDesignAvoidingEachProcessorOfD0) {
  const RassResult r = rass(processor_space(), kMaxAccuracy, {});
  // d0 (1), d_0 (3), d_2 (2), d_mem (3): see processor_space().
  ASSERT_EQ(r.design_set.size(), 4u);
  EXPECT_EQ(r.design_set[1].condition, Condition::kProcessorIssue);
  EXPECT_EQ(r.design_set[1].processor, 0);
  EXPECT_EQ(r.design_set[1].candidate, 3u);
  EXPECT_EQ(r.design_set[1].rank, 1u);
  EXPECT_DOUBLE_EQ(r.design_set[1].optimality, 85.0 / 90);
  EXPECT_EQ(r.design_set[2].condition, Condition::kProcessorIssue);
  EXPECT_EQ(r.design_set[2].processor, 2);
  EXPECT_EQ(r.design_set[2].candidate, 2u);
  EXPECT_EQ(r.design_set[2].rank, 2u);
  EXPECT_TRUE(r.missing.empty());
}

TEST(Rass, ProcessorFallbackNeverUsesItsProcessor) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const std::vector<Candidate> c = generated_space(60, seed);
    const RassResult r = rass(c, kMaxAccuracy, {});
    const Candidate& d0 = c[r.ranked[0]];
    size_t fallbacks = 0;
    for (const auto& m : r.design_set) {
      if (m.condition != Condition::kProcessorIssue) continue;
      ++fallbacks;
      EXPECT_TRUE(uses(d0, m.processor)) << "seed " << seed;
      EXPECT_FALSE(uses(c[m.candidate], m.processor)) << "seed " << seed << " p " << m.processor;
      EXPECT_EQ(r.ranked[m.rank], m.candidate);
      for (size_t better = 0; better < m.rank; ++better)  // the FIRST such design
        EXPECT_TRUE(uses(c[r.ranked[better]], m.processor)) << "seed " << seed << " p " << m.processor;
    }
    // One member or one missing entry per processor of d0.
    EXPECT_EQ(fallbacks + r.missing.size(), d0.processors.size()) << "seed " << seed;
  }
}

TEST(Rass, MemoryFallbackIsTheFirstDesignWithinAnExplicitBudget) {
  RassOptions o;
  // Ranked memories: 120, 100, 80, 50, 30.
  o.memory_budget_mib = 60;  // -> candidate 0 (50 MiB, rank 3)
  RassResult r = rass(processor_space(), kMaxAccuracy, o);
  ASSERT_EQ(r.design_set.size(), 4u);
  EXPECT_EQ(r.design_set[3].condition, Condition::kMemoryIssue);
  EXPECT_EQ(r.design_set[3].candidate, 0u);
  EXPECT_EQ(r.design_set[3].rank, 3u);
  EXPECT_LE(at(processor_space()[r.design_set[3].candidate].app, Metric::kMemory), 60);

  o.memory_budget_mib = 100;  // -> candidate 3 (100 MiB, rank 1): the budget is inclusive
  r = rass(processor_space(), kMaxAccuracy, o);
  EXPECT_EQ(r.design_set[3].candidate, 3u);

  o.memory_budget_mib = 500;  // d0 already fits: d_mem is d0
  r = rass(processor_space(), kMaxAccuracy, o);
  EXPECT_EQ(r.design_set[3].candidate, 1u);
  EXPECT_EQ(r.design_set[3].rank, 0u);
}

TEST(Rass, DefaultMemoryFallbackIsTheSmallestFootprintInTheTopQuarter) {
  // Accuracy 90, 89, ..., 82 ranks candidates 0..8 in order; memories 100, 40, 30, 10, 5, 5, 5, 5, 5.
  std::vector<Candidate> c;
  const std::vector<double> memory = {100, 40, 30, 10, 5, 5, 5, 5, 5};
  for (size_t i = 0; i < memory.size(); ++i) c.push_back(one_task(90 - static_cast<double>(i), memory[i], {0}));
  // 9 designs: top quarter = ceil(9/4) = 3 -> {100, 40, 30} -> candidate 2 (floor would give candidate 1,
  // the whole list candidate 4).
  RassResult r = rass(c, kMaxAccuracy, {});
  ASSERT_EQ(r.design_set.back().condition, Condition::kMemoryIssue);
  EXPECT_EQ(r.design_set.back().candidate, 2u);
  // 8 designs: ceil(8/4) = 2 -> {100, 40} -> candidate 1.
  c.pop_back();
  r = rass(c, kMaxAccuracy, {});
  EXPECT_EQ(r.design_set.back().candidate, 1u);
  // 3 designs: at least 1 -> ceil(3/4) = 1 -> only d0, which is not smaller than itself: the first
  // ranked design smaller than d0 instead, candidate 1 (40 MiB).
  c.resize(3);
  r = rass(c, kMaxAccuracy, {});
  EXPECT_EQ(r.design_set.back().candidate, 1u);
  // Nothing smaller than d0 at all: no memory fall-back, and it says why.
  for (auto& cand : c) at(cand.app, spec::Metric::kMemory) = 100;
  r = rass(c, kMaxAccuracy, {});
  EXPECT_NE(r.design_set.back().condition, Condition::kMemoryIssue);
  ASSERT_FALSE(r.missing.empty());
  EXPECT_EQ(r.missing.back(), "no design has a smaller footprint than d0");
}

TEST(Rass, DefaultMemoryFallbackTiesGoToTheBetterRank) {
  // 12 designs ranked 0..11 by accuracy, memories 100, 30, 30, ...: the top quarter, ceil(12/4) = 3 designs,
  // has two at 30 MiB (candidates 1 and 2): the better rank, candidate 1, wins.
  std::vector<Candidate> c;
  for (int i = 0; i < 12; ++i) c.push_back(one_task(90 - i, i == 0 ? 100 : 30, {0}));
  const RassResult r = rass(c, kMaxAccuracy, {});
  EXPECT_EQ(r.design_set.back().candidate, 1u);
}

TEST(Rass, CombinedFallbacksAvoidTheProcessorWithinDmemsMemory) {
  RassOptions o;
  o.memory_budget_mib = 60;  // d_mem = candidate 0, 50 MiB
  o.combined_fallbacks = true;
  const RassResult r = rass(processor_space(), kMaxAccuracy, o);
  // p = 0: not using 0 and <= 50 MiB: 3 (100) no, 2 (80) no, 0 uses 0, 4 ({1, 2}, 30) -> candidate 4.
  // p = 2: not using 2 and <= 50 MiB: 3 uses 2, 2 (80) no, 0 ({0}, 50) -> candidate 0.
  ASSERT_EQ(r.design_set.size(), 6u);
  const std::vector<size_t> candidates = {1, 3, 2, 0, 4, 0};
  const std::vector<Condition> conditions = {
      Condition::kDefault,     Condition::kProcessorIssue,          Condition::kProcessorIssue,
      Condition::kMemoryIssue, Condition::kProcessorAndMemoryIssue, Condition::kProcessorAndMemoryIssue};
  const std::vector<int> processors = {-1, 0, 2, -1, 0, 2};
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(r.design_set[i].candidate, candidates[i]) << i;
    EXPECT_EQ(r.design_set[i].condition, conditions[i]) << i;
    EXPECT_EQ(r.design_set[i].processor, processors[i]) << i;
  }
  EXPECT_EQ(r.design_set[4].rank, 4u);
  EXPECT_TRUE(r.missing.empty());

  o.combined_fallbacks = false;
  EXPECT_EQ(rass(processor_space(), kMaxAccuracy, o).design_set.size(), 4u);
}

TEST(Rass, MissingFallbacksAreOmittedAndListed) {
  // Candidate 0: 90 %, {0, 1}, 50 MiB (d0); candidate 1: 80 %, {0}, 60 MiB. Nothing avoids 0 or fits 10 MiB.
  const std::vector<Candidate> c = {one_task(90, 50, {0, 1}), one_task(80, 60, {0})};
  RassOptions o;
  o.memory_budget_mib = 10;
  o.combined_fallbacks = true;
  const RassResult r = rass(c, kMaxAccuracy, o);
  ASSERT_EQ(r.design_set.size(), 2u);  // d0 and d_1
  EXPECT_EQ(r.design_set[1].processor, 1);
  EXPECT_EQ(r.design_set[1].candidate, 1u);
  ASSERT_EQ(r.missing.size(), 4u);
  EXPECT_EQ(r.missing[0], "no design avoids processor 0");
  EXPECT_EQ(r.missing[1], "no design fits the memory budget of 10 MiB");
  EXPECT_NE(r.missing[2].find("processor 0"), std::string::npos) << r.missing[2];
  EXPECT_NE(r.missing[3].find("processor 1"), std::string::npos) << r.missing[3];

  // With a memory fall-back (55 MiB budget -> d0 itself, 50 MiB), candidate 1 avoids 1 but needs 60 MiB.
  o.memory_budget_mib = 55;
  const RassResult r2 = rass(c, kMaxAccuracy, o);
  ASSERT_EQ(r2.design_set.size(), 3u);  // d0, d_1, d_mem
  EXPECT_EQ(r2.missing,
            (std::vector<std::string>{"no design avoids processor 0", "no design avoids processor 0 within 50 MiB",
                                      "no design avoids processor 1 within 50 MiB"}));
}

TEST(Rass, EmptyFeasibleSetGivesNoDesignSet) {
  SloTerms impossible = kMaxAccuracy;
  impossible.constraints.push_back(at_least(Metric::kAccuracy, 95));
  const RassResult r = rass(processor_space(), impossible, {});
  EXPECT_TRUE(r.ranked.empty());
  EXPECT_TRUE(r.optimality.empty());
  EXPECT_TRUE(r.design_set.empty());
  EXPECT_EQ(r.missing, std::vector<std::string>{"no design meets the constraints"});
  EXPECT_EQ(r.designs, 5u);
  EXPECT_EQ(r.feasible, 0u);
  EXPECT_EQ(r.comparisons, 0u);

  const RassResult none = rass({}, kMaxAccuracy, {});
  EXPECT_TRUE(none.design_set.empty());
  EXPECT_EQ(none.missing, std::vector<std::string>{"no design meets the constraints"});
}

// The constraint space, two tasks, app accuracy maximised:
//   candidate  task accuracies  app accuracy  task latencies  app memory
//   0          80, 80           80            10, 25           90
//   1          90, 80           85            35, 10           80
//   2          70, 70           70            12, 12          120
//   3          60, 90           75            20, 28           60
// Unconstrained ranking: 1, 0, 3, 2.
std::vector<Candidate> constraint_space() {
  return {two_tasks(80, 80, 10, 25, 90), two_tasks(90, 80, 35, 10, 80), two_tasks(70, 70, 12, 12, 120),
          two_tasks(60, 90, 20, 28, 60)};
}

std::vector<size_t> ranked_under(std::vector<ConstraintTerm> constraints) {
  return rass(constraint_space(), {{maximise(Metric::kAccuracy)}, std::move(constraints)}, {}).ranked;
}

TEST(Rass, AppWideConstraintsUseTheAppAggregates) {
  EXPECT_EQ(ranked_under({}), (std::vector<size_t>{1, 0, 3, 2}));
  EXPECT_EQ(ranked_under({at_most(Metric::kMemory, 100)}), (std::vector<size_t>{1, 0, 3}));    // drops 2 (120)
  EXPECT_EQ(ranked_under({at_least(Metric::kAccuracy, 75)}), (std::vector<size_t>{1, 0, 3}));  // drops 2 (70)
}

TEST(Rass, AppWideConstraintOnAPerTaskMetricMustHoldForEveryTask) {
  // latency <= 30 on every task: 1 fails on task 0 (35).
  EXPECT_EQ(ranked_under({at_most(Metric::kLatencyMean, 30)}), (std::vector<size_t>{0, 3, 2}));
  // latency <= 26 on every task: 1 fails on task 0 (35), 3 on task 1 (28).
  EXPECT_EQ(ranked_under({at_most(Metric::kLatencyMean, 26)}), (std::vector<size_t>{0, 2}));
  // Together with memory <= 100.
  EXPECT_EQ(ranked_under({at_most(Metric::kLatencyMean, 30), at_most(Metric::kMemory, 100)}),
            (std::vector<size_t>{0, 3}));
}

TEST(Rass, PerTaskConstraintsUseOnlyTheirTask) {
  // Task 1 latency <= 26: only 3 fails (28); 1's 35 ms is on task 0.
  EXPECT_EQ(ranked_under({at_most(Metric::kLatencyMean, 26, 1)}), (std::vector<size_t>{1, 0, 2}));
  // Task 0 accuracy >= 75: 2 (70) and 3 (60) fail, although 3's app accuracy is 75.
  EXPECT_EQ(ranked_under({at_least(Metric::kAccuracy, 75, 0)}), (std::vector<size_t>{1, 0}));
}

TEST(Rass, AppWideObjectiveOnAPerTaskMetricBecomesOneTermPerTask) {
  // Latency minimised. Candidate 0: (10, 40) ms, candidate 1: (20, 16) ms; best per task 10 and 16.
  // Expanded, ratio_product: 0 -> (10/10)(16/40) = 0.4; 1 -> (10/20)(16/16) = 0.5: candidate 1 first.
  const std::vector<Candidate> c = {two_tasks(80, 80, 10, 40, 10), two_tasks(80, 80, 20, 16, 10)};
  RassResult r = rass(c, {{minimise(Metric::kLatencyMean)}, {}}, {});
  EXPECT_EQ(r.ranked, (std::vector<size_t>{1, 0}));
  EXPECT_DOUBLE_EQ(r.optimality[0], 0.5);
  EXPECT_DOUBLE_EQ(r.optimality[1], 0.4);
  // A per-task objective on task 0 alone: 0 -> 1, 1 -> 0.5.
  r = rass(c, {{minimise(Metric::kLatencyMean, 0)}, {}}, {});
  EXPECT_EQ(r.ranked, (std::vector<size_t>{0, 1}));
  EXPECT_DOUBLE_EQ(r.optimality[1], 0.5);
}

TEST(Rass, UsesTheChosenOptimality) {
  // Accuracy max, app memory min; best accuracy 100, best memory 30.
  //   candidate  acc  mem  s             product  min
  //   0          100  100  (1, 0.3)      0.3      0.3
  //   1           75   40  (0.75, 0.75)  0.5625   0.75
  //   2          100   50  (1, 0.6)      0.6      0.6
  //   3           40   30  (0.4, 1)      0.4      0.4
  const std::vector<Candidate> c = {one_task(100, 100, {0}), one_task(75, 40, {0}), one_task(100, 50, {0}),
                                    one_task(40, 30, {0})};
  const SloTerms terms{{maximise(Metric::kAccuracy), minimise(Metric::kMemory)}, {}};
  EXPECT_EQ(rass(c, terms, {}).ranked, (std::vector<size_t>{2, 1, 3, 0}));
  RassOptions o;
  o.optimality = "ratio_min";
  EXPECT_EQ(rass(c, terms, o).ranked, (std::vector<size_t>{1, 2, 3, 0}));
}

TEST(Rass, CountsWorkDone) {
  const RassResult r = rass(processor_space(), kMaxAccuracy, {});
  EXPECT_EQ(r.designs, 5u);
  EXPECT_EQ(r.feasible, 5u);
  EXPECT_GE(r.comparisons, 4u);  // at least n - 1 to order n designs
  // d_0: rank 1 (1 scan); d_2: ranks 1, 2 (2 scans); d_mem: the top quarter, 2 designs (2 scans).
  EXPECT_EQ(r.scans, 5u);
}

TEST(Rass, ComparisonsGrowWithTheDesignSpace) {
  uint64_t previous = 0;
  for (const size_t n : {10, 100, 1000}) {
    const RassResult r = rass(generated_space(n, 7), kMaxAccuracy, {});
    EXPECT_GE(r.comparisons, n - 1) << n;
    EXPECT_GT(r.comparisons, previous) << n;
    EXPECT_GT(r.scans, 0u) << n;
    previous = r.comparisons;
  }
}

TEST(Rass, IsDeterministic) {
  const std::vector<Candidate> c = generated_space(500, 3);
  RassOptions o;
  o.combined_fallbacks = true;
  const RassResult a = rass(c, kMaxAccuracy, o), b = rass(c, kMaxAccuracy, o);
  EXPECT_EQ(a.ranked, b.ranked);
  EXPECT_EQ(a.optimality, b.optimality);
  ASSERT_EQ(a.design_set.size(), b.design_set.size());
  for (size_t i = 0; i < a.design_set.size(); ++i) EXPECT_EQ(a.design_set[i].candidate, b.design_set[i].candidate);
}

TEST(Rass, RejectsBrokenInputs) {
  std::vector<Candidate> ragged = constraint_space();
  ragged.push_back(one_task(80, 10, {0}));  // 1 task among 2-task candidates
  EXPECT_THROW(rass(ragged, kMaxAccuracy, {}), std::invalid_argument);
  EXPECT_THROW(rass(constraint_space(), {{maximise(Metric::kAccuracy, 2)}, {}}, {}), std::invalid_argument);
  EXPECT_THROW(rass(constraint_space(), {{}, {at_most(Metric::kMemory, 1, 5)}}, {}), std::invalid_argument);
  RassOptions o;
  o.optimality = "best";
  EXPECT_THROW(rass({}, kMaxAccuracy, o), std::invalid_argument);
}

TEST(RassSloTerms, AppWideTermsFirstThenEachTasksInOrder) {
  spec::Scenario s;
  s.slo.objectives = {{Metric::kAccuracy, true, 2}};
  s.slo.constraints = {{Metric::kMemory, spec::Constraint::Op::kLe, 300}};
  s.tasks.resize(2);
  s.tasks[0].slo.objectives = {{Metric::kLatencyP90, false, 1}, {Metric::kEnergy, false, 1}};
  s.tasks[1].slo.constraints = {{Metric::kThroughput, spec::Constraint::Op::kGe, 30}};
  const SloTerms t = slo_terms(s);
  ASSERT_EQ(t.objectives.size(), 3u);
  EXPECT_EQ(t.objectives[0].task, -1);
  EXPECT_EQ(t.objectives[0].objective.weight, 2);
  EXPECT_EQ(t.objectives[1].task, 0);
  EXPECT_EQ(t.objectives[1].objective.metric, Metric::kLatencyP90);
  EXPECT_EQ(t.objectives[2].task, 0);
  EXPECT_EQ(t.objectives[2].objective.metric, Metric::kEnergy);
  ASSERT_EQ(t.constraints.size(), 2u);
  EXPECT_EQ(t.constraints[0].task, -1);
  EXPECT_EQ(t.constraints[0].constraint.bound, 300);
  EXPECT_EQ(t.constraints[1].task, 1);
  EXPECT_EQ(t.constraints[1].constraint.metric, Metric::kThroughput);
}

TEST(RassSloTerms, PerTaskMetricsAreLatenciesAndThroughput) {
  for (const Metric m : {Metric::kLatencyMean, Metric::kLatencyP50, Metric::kLatencyP90, Metric::kLatencyP99,
                         Metric::kLatencySd, Metric::kThroughput})
    EXPECT_TRUE(is_per_task_metric(m)) << spec::to_string(m);
  for (const Metric m : {Metric::kAccuracy, Metric::kMemory, Metric::kSize, Metric::kEnergy})
    EXPECT_FALSE(is_per_task_metric(m)) << spec::to_string(m);
}

}  // namespace
}  // namespace socsim::solver
