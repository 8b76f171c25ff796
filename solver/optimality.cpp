#include "solver/optimality.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace socsim::solver {
namespace {

// Aggregates one design's normalised scores s (one per objective) into its optimality.
using Aggregate = double (*)(const std::vector<spec::Objective>& objectives, const std::vector<double>& s);

// s^w; weight 1 (the common case) skips std::pow.
double raise(double s, double w) { return w == 1 ? s : std::pow(s, w); }

double weight_sum(const std::vector<spec::Objective>& objectives) {
  double sum = 0;
  for (const auto& o : objectives) sum += o.weight;
  return sum;
}

double ratio_product(const std::vector<spec::Objective>& objectives, const std::vector<double>& s) {
  double product = 1;
  for (size_t j = 0; j < s.size(); ++j) product *= raise(s[j], objectives[j].weight);
  return product;
}

double ratio_geomean(const std::vector<spec::Objective>& objectives, const std::vector<double>& s) {
  const double total = weight_sum(objectives);
  if (total == 0) return 1;  // every weight 0: no objective counts
  return std::pow(ratio_product(objectives, s), 1 / total);
}

double ratio_min(const std::vector<spec::Objective>& objectives, const std::vector<double>& s) {
  double lowest = 1;  // also the score with no objectives
  for (size_t j = 0; j < s.size(); ++j) lowest = std::min(lowest, raise(s[j], objectives[j].weight));
  return lowest;
}

double utopia_distance(const std::vector<spec::Objective>& objectives, const std::vector<double>& s) {
  double squares = 0;
  for (size_t j = 0; j < s.size(); ++j) {
    const double gap = 1 - raise(s[j], objectives[j].weight);
    squares += gap * gap;
  }
  return 1 / (1 + std::sqrt(squares));
}

double weighted_sum(const std::vector<spec::Objective>& objectives, const std::vector<double>& s) {
  const double total = weight_sum(objectives);
  if (total == 0) return 1;  // no objectives, or every weight 0
  double sum = 0;
  for (size_t j = 0; j < s.size(); ++j) sum += objectives[j].weight * s[j];
  return sum / total;
}

struct Named {
  std::string name;
  Aggregate aggregate;
};

const std::vector<Named>& registry() {
  static const std::vector<Named> all = {{"ratio_product", ratio_product},
                                         {"ratio_geomean", ratio_geomean},
                                         {"ratio_min", ratio_min},
                                         {"utopia_distance", utopia_distance},
                                         {"weighted_sum", weighted_sum}};
  return all;
}

Aggregate find(const std::string& name) {
  for (const auto& n : registry())
    if (n.name == name) return n.aggregate;
  std::string known;
  for (const auto& n : optimality_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown optimality \"" + name + "\" (known: " + known + ")");
}

void check_preconditions(const std::vector<spec::Objective>& objectives,
                         const std::vector<std::vector<double>>& values) {
  for (size_t j = 0; j < objectives.size(); ++j) {
    const double w = objectives[j].weight;
    if (!std::isfinite(w) || w < 0)
      throw std::invalid_argument("optimality: objective " + std::to_string(j) + " has weight " + std::to_string(w) +
                                  "; weights must be finite and >= 0");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].size() != objectives.size())
      throw std::invalid_argument("optimality: design " + std::to_string(i) + " has " +
                                  std::to_string(values[i].size()) + " values for " +
                                  std::to_string(objectives.size()) + " objectives");
    for (size_t j = 0; j < values[i].size(); ++j)
      if (!std::isfinite(values[i][j]) || values[i][j] < 0)
        throw std::invalid_argument("optimality: design " + std::to_string(i) + ", objective " + std::to_string(j) +
                                    ": value " + std::to_string(values[i][j]) + " is not finite and >= 0");
  }
}

// s = f / best (maximised) or best / f (minimised); 0/0 counts as 1.
double normalised(double f, double best, bool maximise) {
  const double numerator = maximise ? f : best, denominator = maximise ? best : f;
  if (denominator == 0) return 1;  // then numerator == 0 too: f and best both 0
  return numerator / denominator;
}

}  // namespace

const std::vector<std::string>& optimality_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& n : registry()) out.push_back(n.name);
    return out;
  }();
  return names;
}

std::vector<double> optimality(const std::string& name, const std::vector<spec::Objective>& objectives,
                               const std::vector<std::vector<double>>& values) {
  const Aggregate aggregate = find(name);
  check_preconditions(objectives, values);
  if (values.empty()) return {};

  std::vector<double> best(objectives.size());
  for (size_t j = 0; j < objectives.size(); ++j) {
    best[j] = values[0][j];
    for (const auto& v : values) best[j] = objectives[j].maximise ? std::max(best[j], v[j]) : std::min(best[j], v[j]);
  }

  std::vector<double> scores;
  scores.reserve(values.size());
  std::vector<double> s(objectives.size());
  for (const auto& v : values) {
    for (size_t j = 0; j < objectives.size(); ++j) s[j] = normalised(v[j], best[j], objectives[j].maximise);
    scores.push_back(aggregate(objectives, s));
  }
  return scores;
}

}  // namespace socsim::solver
