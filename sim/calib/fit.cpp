#include "sim/calib/fit.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <set>

#include "sim/hw/cpu_placement.h"

namespace socsim::calib {
namespace {

constexpr double kSigmaData = 0.05;  // assumed multiplicative measurement error
constexpr double kWide = 20;         // σ of the uninformative priors (log W, log θ)

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1 - p)); }

bool uses_little(const Device& dev, int threads) {
  if (dev.clusters.size() < 2) return false;
  return threads > dev.total_cores() - dev.clusters.back().cores;
}

// Slowest big (non-LITTLE) core's speed when the big cores differ (three or more clusters), else 0:
// a single thread may have run on any big core (fit.h, "single-thread placement").
double slowest_big(const Device& dev) {
  if (dev.clusters.size() < 3) return 0;
  return dev.clusters[dev.clusters.size() - 2].speed;
}

// Speed of the slowest core a t-thread inference runs on (big-first; more threads than cores wrap).
double slowest_speed(const Device& dev, int threads, double little) {
  double v = 1;
  int left = threads;
  for (size_t k = 0; k < dev.clusters.size() && left > 0; ++k) {
    const bool is_little = k + 1 == dev.clusters.size() && k > 0;
    v = std::min(v, is_little && little > 0 ? little : dev.clusters[k].speed);
    left -= dev.clusters[k].cores;
  }
  return v;
}

// The model of fit.h for one point (`one` = the speed of the core a single thread ran on; 0: the fastest).
double model_ms(bool cpu, double work, double theta, double p, double overhead_ms, const Device& dev,
                int threads, double little, double one) {
  if (cpu && threads == 1 && one > 0) return work / theta * hw::parallel_time(p, 1, one, one);
  if (cpu) return work / theta * hw::parallel_time(p, threads, 1.0, slowest_speed(dev, threads, little));
  return overhead_ms + work / theta;
}

double one_speed(double lo, double z) { return lo + (1 - lo) * sigmoid(z); }

// Parameter vector layout of one group: [ln W_m][ln θ_s][logit p_m (CPU) | ln c_s (accelerators)][ln v_little_s]
// [z_one_s]; every map holds absolute indices into the vector.
struct Layout {
  bool cpu = false;
  std::map<std::string, int> work, throughput, overhead, parallel, little, one;
  std::map<std::string, double> one_lo;  // the slowest big core a single thread may have run on
  std::vector<double> mu, sigma;
  void add(std::map<std::string, int>& to, const std::string& name, double mean, double sd) {
    to[name] = static_cast<int>(mu.size());
    mu.push_back(mean);
    sigma.push_back(sd);
  }
};

Layout layout_of(const GroupKey& key, const std::vector<const Measurement*>& rows,
                 const std::map<std::string, Device>& devices, double prior_weight) {
  Layout L;
  L.cpu = key.processor == "cpu";
  std::set<std::string> models, socs, little, one;
  for (const auto* r : rows) {
    models.insert(r->model);
    socs.insert(r->soc);
    if (L.cpu && uses_little(devices.at(r->soc), r->threads)) little.insert(r->soc);
    if (L.cpu && r->threads == 1 && slowest_big(devices.at(r->soc)) > 0) one.insert(r->soc);
  }
  for (const auto& m : models) L.add(L.work, m, 0, kWide);
  for (const auto& s : socs) L.add(L.throughput, s, 0, kWide);
  if (L.cpu) {
    for (const auto& m : models) L.add(L.parallel, m, logit(0.9), 1.0);
  } else {
    for (const auto& s : socs) L.add(L.overhead, s, std::log(0.5), 2.0);
  }
  for (const auto& s : little) L.add(L.little, s, std::log(devices.at(s).clusters.back().speed), 0.5);
  for (const auto& s : one) {
    L.add(L.one, s, 0, 1.5);
    L.one_lo[s] = slowest_big(devices.at(s));
  }
  for (double& sd : L.sigma) sd /= prior_weight;
  return L;
}

double point_ms(const Layout& L, const std::vector<double>& x, const Measurement& r, const Device& dev) {
  const double w = std::exp(x[L.work.at(r.model)]), theta = std::exp(x[L.throughput.at(r.soc)]);
  if (!L.cpu) return model_ms(false, w, theta, 0, std::exp(x[L.overhead.at(r.soc)]), dev, 0, 0, 0);
  const auto lit = L.little.find(r.soc);
  const double little = lit == L.little.end() ? 0 : std::exp(x[lit->second]);
  const auto on = L.one.find(r.soc);
  const double one = on == L.one.end() ? 0 : one_speed(L.one_lo.at(r.soc), x[on->second]);
  return model_ms(true, w, theta, sigmoid(x[L.parallel.at(r.model)]), 0, dev, r.threads, little, one);
}

std::vector<double> residuals(const Layout& L, const std::vector<double>& x, const std::vector<const Measurement*>& rows,
                              const std::map<std::string, Device>& devices) {
  std::vector<double> r;
  r.reserve(rows.size() + x.size());
  for (const auto* row : rows) r.push_back((std::log(point_ms(L, x, *row, devices.at(row->soc))) - std::log(row->ms)) / kSigmaData);
  for (size_t j = 0; j < x.size(); ++j) r.push_back((x[j] - L.mu[j]) / L.sigma[j]);
  return r;
}

double cost(const std::vector<double>& r) { return std::inner_product(r.begin(), r.end(), r.begin(), 0.0); }

// Solves A d = b in place (Gaussian elimination, partial pivoting); false if singular.
bool solve(std::vector<std::vector<double>> A, std::vector<double> b, std::vector<double>& d) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t piv = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::abs(A[r][c]) > std::abs(A[piv][c])) piv = r;
    if (std::abs(A[piv][c]) < 1e-300) return false;
    std::swap(A[c], A[piv]);
    std::swap(b[c], b[piv]);
    for (size_t r = c + 1; r < n; ++r) {
      const double f = A[r][c] / A[c][c];
      for (size_t k = c; k < n; ++k) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  d.assign(n, 0);
  for (size_t c = n; c-- > 0;) {
    double s = b[c];
    for (size_t k = c + 1; k < n; ++k) s -= A[c][k] * d[k];
    d[c] = s / A[c][c];
  }
  return true;
}

// Levenberg–Marquardt with a forward-difference Jacobian. Deterministic.
std::vector<double> minimise(const Layout& L, const std::vector<const Measurement*>& rows,
                             const std::map<std::string, Device>& devices) {
  std::vector<double> x = L.mu;
  for (const auto& [m, idx] : L.work) {  // start each model's work at its largest measured time
    double t = 0;
    for (const auto* r : rows) if (r->model == m) t = std::max(t, r->ms);
    x[idx] = std::log(t);
  }
  auto r = residuals(L, x, rows, devices);
  double c = cost(r), lambda = 1e-3;
  const size_t n = x.size();
  for (int iter = 0; iter < 2000; ++iter) {
    std::vector<std::vector<double>> J(r.size(), std::vector<double>(n));
    for (size_t j = 0; j < n; ++j) {
      auto xh = x;
      const double h = 1e-7 * std::max(1.0, std::abs(x[j]));
      xh[j] += h;
      const auto rh = residuals(L, xh, rows, devices);
      for (size_t i = 0; i < r.size(); ++i) J[i][j] = (rh[i] - r[i]) / h;
    }
    std::vector<std::vector<double>> A(n, std::vector<double>(n, 0));
    std::vector<double> g(n, 0);
    for (size_t i = 0; i < r.size(); ++i)
      for (size_t j = 0; j < n; ++j) {
        if (J[i][j] == 0) continue;
        g[j] += J[i][j] * r[i];
        for (size_t k = 0; k < n; ++k) A[j][k] += J[i][j] * J[i][k];
      }
    bool improved = false;
    while (lambda < 1e12) {
      auto M = A;
      for (size_t j = 0; j < n; ++j) M[j][j] += lambda * (A[j][j] + 1e-9);
      std::vector<double> d, neg(n);
      for (size_t j = 0; j < n; ++j) neg[j] = -g[j];
      if (solve(M, neg, d)) {
        auto xn = x;
        for (size_t j = 0; j < n; ++j) xn[j] += d[j];
        const auto rn = residuals(L, xn, rows, devices);
        const double cn = cost(rn);
        if (std::isfinite(cn) && cn < c) {
          double step = 0;
          for (double dj : d) step = std::max(step, std::abs(dj));
          x = xn; r = rn; c = cn;
          lambda = std::max(lambda / 3, 1e-12);
          improved = step > 1e-9;
          break;
        }
      }
      lambda *= 4;
    }
    if (!improved) break;
  }
  return x;
}

// Are `model` and `soc` linked by a chain of the rows other than `skip` (union-find)?
bool linked(const std::vector<const Measurement*>& rows, size_t skip, const std::string& model, const std::string& soc) {
  std::map<std::string, std::string> parent;
  std::function<std::string(const std::string&)> find = [&](const std::string& a) -> std::string {
    auto it = parent.find(a);
    if (it == parent.end()) return parent[a] = a;
    if (it->second == a) return a;
    const std::string root = find(it->second);
    return parent[a] = root;
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i == skip) continue;
    const std::string a = find("m:" + rows[i]->model), b = find("s:" + rows[i]->soc);
    if (a != b) parent[a] = b;
  }
  return find("m:" + model) == find("s:" + soc);
}

}  // namespace

double predict(const GroupFit& g, const Device& dev, const Measurement& row) {
  const auto& s = g.socs.at(row.soc);
  const auto& m = g.models.at(row.model);
  return model_ms(g.key.processor == "cpu", m.work, s.throughput, m.parallel_frac, s.overhead_ms, dev, row.threads,
                  s.little_speed, s.one_thread_speed);
}

GroupFit fit_group(const GroupKey& key, const std::vector<const Measurement*>& rows,
                   const std::map<std::string, Device>& devices, double prior_weight) {
  const Layout L = layout_of(key, rows, devices, prior_weight);
  const auto x = minimise(L, rows, devices);
  GroupFit g;
  g.key = key;
  for (const auto& [m, idx] : L.work) {
    ModelFit& f = g.models[m];
    f.work = std::exp(x[idx]);
    if (L.cpu) f.parallel_frac = sigmoid(x[L.parallel.at(m)]);
  }
  for (const auto& [s, idx] : L.throughput) {
    SocFit& f = g.socs[s];
    f.throughput = std::exp(x[idx]);
    if (!L.cpu) f.overhead_ms = std::exp(x[L.overhead.at(s)]);
    if (L.little.count(s)) f.little_speed = std::exp(x[L.little.at(s)]);
    if (L.one.count(s)) f.one_thread_speed = one_speed(L.one_lo.at(s), x[L.one.at(s)]);
  }
  for (const auto* r : rows) { ++g.models[r->model].points; ++g.socs[r->soc].points; }
  return g;
}

Calibration calibrate(const MeasurementSet& set, double prior_weight) {
  std::map<GroupKey, std::vector<const Measurement*>> groups;
  for (const auto& r : set.rows) groups[{r.runtime, r.processor, r.precision}].push_back(&r);
  Calibration cal;
  for (const auto& [key, rows] : groups) {
    cal.groups.push_back(fit_group(key, rows, set.devices, prior_weight));
    for (size_t i = 0; i < rows.size(); ++i) {
      LooPoint p;
      p.row = rows[i];
      int same_model = 0, same_soc = 0;
      for (size_t k = 0; k < rows.size(); ++k) {
        if (k == i) continue;
        same_model += rows[k]->model == rows[i]->model;
        same_soc += rows[k]->soc == rows[i]->soc;
      }
      if (!same_model) p.why_not = "the only point of its model in " + key.label();
      else if (!same_soc) p.why_not = "the only point of its SoC in " + key.label();
      else if (!linked(rows, i, rows[i]->model, rows[i]->soc)) p.why_not = "no chain of other points links its model and SoC";
      if (p.why_not.empty()) {
        auto rest = rows;
        rest.erase(rest.begin() + static_cast<long>(i));
        const GroupFit g = fit_group(key, rest, set.devices, prior_weight);
        p.predictable = true;
        p.predicted_ms = predict(g, set.devices.at(p.row->soc), *p.row);
        p.ape = std::abs(p.predicted_ms - p.row->ms) / p.row->ms;
      }
      cal.loo.push_back(p);
    }
  }
  std::sort(cal.loo.begin(), cal.loo.end(), [](const LooPoint& a, const LooPoint& b) { return a.row->line < b.row->line; });
  return cal;
}

}  // namespace socsim::calib
