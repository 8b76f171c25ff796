// Optimality: the composite score that ranks designs against an SLO's objectives (CARIN.md §2).
// Pure functions, no state; shared by every solver. analysis/ (later) must reimplement exactly these
// formulas, so that the ratios it reports agree with what the solvers optimised.
//
// Normalised score of objective j for design i, with f = values[i][j] and best_j the best value of
// objective j over ALL designs passed in (callers pass the feasible set of one (app, device)):
//   maximised: s_j = f / best_j        minimised: s_j = best_j / f
// so s_j is in [0, 1] and the best design on objective j has s_j = 1. Weights w_j are exponents in
// the ratio optimalities and coefficients in weighted_sum (as sim/spec/scenario.h says):
//   ratio_product    Π_j s_j^w_j                              (the default)
//   ratio_geomean    (Π_j s_j^w_j)^(1 / Σ_j w_j)
//   ratio_min        min_j s_j^w_j                           (max-min fairness)
//   utopia_distance  1 / (1 + ‖1 − t‖₂) with t_j = s_j^w_j    (distance to the utopia point s = 1)
//   weighted_sum     Σ_j w_j s_j / Σ_j w_j                     (OODIn's scalarisation, CARIN.md §4)
// Every score is in [0, 1]; higher is better.
//
// [known] the papers reward treating all objectives fairly. [choice] everything above is our
// reconstruction: CARIN.md §2 says the papers' exact formula is not available; weighted_sum is our
// reconstruction of OODIn's "weighted sum of normalised objectives", normalised the same way.
//
// Edge cases [choice], all deliberate:
//   - no objectives: every design scores 1 (nothing distinguishes them);
//   - f == 0 and best_j == 0: s_j = 1 (0/0 is "as good as the best"). For a minimised objective
//     best_j == 0 means some design reaches 0; every design with f > 0 then has s_j = 0, so the
//     ratio optimalities score it 0 (utopia_distance and weighted_sum still separate such designs);
//   - a maximised objective with best_j > 0 and f == 0: s_j = 0;
//   - weight 0 drops the objective (s^0 = 1, coefficient 0); all weights 0: every design scores 1;
//   - no designs: an empty result.
// Preconditions (std::invalid_argument when violated): every value finite and >= 0; every weight
// finite and >= 0; every values[i] has one entry per objective; a known name.
#pragma once

#include <string>
#include <vector>

#include "sim/spec/scenario.h"

namespace socsim::solver {

// The optimality `name` of every design: result[i] scores values[i], where values[i][j] is design i's
// value of objectives[j] (objectives[j].metric is not read; maximise and weight are). Throws
// std::invalid_argument on an unknown name (the message lists the known names) or a violated
// precondition (see above).
std::vector<double> optimality(const std::string& name, const std::vector<spec::Objective>& objectives,
                               const std::vector<std::vector<double>>& values);

// The known optimality names, default ("ratio_product") first.
const std::vector<std::string>& optimality_names();

}  // namespace socsim::solver
