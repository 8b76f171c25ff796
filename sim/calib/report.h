// What `socsim calibrate` writes: the fitted parameters (JSON, read by
// models/tools/generate_profiles.py) and the cross-validation report (Markdown).
#pragma once

#include <map>
#include <string>

#include "sim/calib/fit.h"

namespace socsim::calib {

// Leave-one-out error over a set of points: how many, how many predictable, their MAPE (%).
struct LooSummary {
  int points = 0, predictable = 0;
  double mape_pct = 0;  // over the predictable points; 0 when none
};
LooSummary summarise(const Calibration& cal, const std::string& soc = "", const std::string& processor = "",
                     const std::string& group = "");

// The fitted parameters of every group, deterministic (fixed order, 6 significant digits).
std::string fitted_json(const Calibration& cal);

// Every point's leave-one-out prediction as CSV (file order): line, soc, processor, threads,
// runtime, model, precision, measured_ms, predicted_ms (empty when not predictable), error_pct.
std::string loo_csv(const Calibration& cal);

// The report: calibration table per SoC x processor, per processor kind and per group; the
// worst points; the points that cannot be cross-validated; and, per preset, which engine and
// precision entries of its profiles rest on no measurement of their own SoC.
std::string markdown_report(const Calibration& cal, const MeasurementSet& set,
                            const std::map<std::string, spec::Soc>& presets);

}  // namespace socsim::calib
