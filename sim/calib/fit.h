// The calibration model and its least-squares fit with leave-one-out cross-validation.
//
// Points are fitted per group = (runtime, processor kind, precision): numbers from different
// runtimes or precisions are never mixed (like-for-like). Within a group:
//   CPU          T = W_m / θ_s · ((1 − p_m) + p_m / (t · v_min))          (hw::parallel_time)
//   accelerator  T = c_s + W_m / θ_s
// W_m  the model's work (one per model),  θ_s the SoC's effective throughput (one per SoC),
// p_m  the model's parallel fraction,     t threads placed big-first on the SoC's clusters,
// v_min the slowest used core's speed relative to the fastest (clusters from the presets'
//      capacity, the LITTLE cluster's speed fitted per SoC where a row puts threads on it),
// c_s  the accelerator's fixed per-inference overhead.
// Single-thread placement: a 1-thread row on a SoC whose big cores differ (a prime core beside a
// gold cluster) is not taken to have run on the fastest core. Benchmarks restrict the thread to the
// big cores at most (benchncnn's powersave 2 = every core above the mid clock; TFLite's big-core
// affinity); the kernel's scheduler chooses among them, and a migration to the prime core is likely
// but not guaranteed. Such rows run at a fitted per-SoC speed v1_s = lo + (1 − lo)·sigmoid(z_s),
// lo = the slowest big core, prior z ~ N(0, 1.5): T = W_m / (θ_s · v1_s). Taking v1 = 1 (the prime
// core) instead made the SD 8 Gen 2's single-thread rows (MobileNetV2 10.02 ms, as slow as the SD
// 855+'s A76) imply an X3 barely faster than an A76, contradicting its own 4-thread rows. (The CPU model has no per-thread
//      synchronisation cost because the engine has none; adding one lowers the ncnn CPU LOO MAPE by
//      less than one point, and the fitted LITTLE speed feeds the engine.)
// Why this model: it is the engine's own (the same straggler formula, a fixed + proportional
// accelerator cost), it has one parameter per model and per SoC so that a model measured on one
// SoC transfers to another through the SoC's throughput, and errors of latency measurements are
// multiplicative, so residuals are taken in log space: minimise
//   Σ ((ln T_pred − ln T_meas) / 0.05)² + Σ ((x − μ) / σ)²
// by Levenberg–Marquardt. The weak Gaussian priors (log W, log θ: σ 20, i.e. uninformative but
// fixing the scale W/θ leaves free; logit p: 0.9, σ 1; ln v_little: the capacity ratio, σ 0.5;
// ln c: 0.5 ms, σ 2) keep the problem well-posed when a parameter has no data of its own.
// Identifiability: W and θ are known up to one common factor per group (compare θ between SoCs
// of one group only). With a free work per model, one common shift of the accelerators' c (c_s
// by δ·θ_ref/θ_s) is not identifiable either: only differences between SoCs are, and the prior
// anchors the level; c of a SoC measured alone rests on the prior entirely.
// Leave-one-out: each point is removed, the group refitted and the point predicted. A point is
// predictable only when the rest of its group still holds its model, its SoC and a chain of points
// linking them; otherwise its prediction would be the prior, and it is reported as not predictable.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/calib/measurements.h"

namespace socsim::calib {

struct GroupKey {
  std::string runtime, processor, precision;
  auto operator<=>(const GroupKey&) const = default;
  std::string label() const { return runtime + "/" + processor + "/" + precision; }
};

struct SocFit {
  int points = 0;
  double throughput = 1;       // θ (scale shared with the models' work; compare SoCs in one group)
  double little_speed = 0;     // CPU: the LITTLE cluster's speed; 0 when no row used it
  double one_thread_speed = 0; // CPU: speed of the core 1-thread rows ran on; 0 = the fastest (fit.h)
  double overhead_ms = 0;      // accelerators: c
};

struct ModelFit {
  int points = 0;
  double work = 1;             // W
  double parallel_frac = 0;    // CPU only
};

struct GroupFit {
  GroupKey key;
  std::map<std::string, SocFit> socs;
  std::map<std::string, ModelFit> models;
};

struct LooPoint {
  const Measurement* row = nullptr;
  bool predictable = false;
  std::string why_not;         // when not predictable
  double predicted_ms = 0;
  double ape = 0;              // |predicted − measured| / measured
};

struct Calibration {
  std::vector<GroupFit> groups;  // ordered by key
  std::vector<LooPoint> loo;     // in file order
};

// Latency of `row` under a group's fitted parameters (`dev` = the row's device).
double predict(const GroupFit& g, const Device& dev, const Measurement& row);

// Fits every group on all its points and cross-validates every point. prior_weight scales every
// prior's 1/σ (1 = the priors above; tests use a small weight to check that the data alone
// determine the identifiable parameters).
Calibration calibrate(const MeasurementSet& set, double prior_weight = 1);

// Fits one group (rows all of one key).
GroupFit fit_group(const GroupKey& key, const std::vector<const Measurement*>& rows,
                   const std::map<std::string, Device>& devices, double prior_weight = 1);

}  // namespace socsim::calib
