#include "sim/calib/report.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace socsim::calib {
namespace {

std::string num(double v, const char* fmt = "%.6g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string mape_cell(const LooSummary& s) { return s.predictable ? num(s.mape_pct, "%.1f") : "–"; }
std::string mape_json(const LooSummary& s) { return s.predictable ? num(s.mape_pct, "%.2f") : "null"; }

// Precisions each engine kind can run (models/README.md, "Precision / engine compatibility").
const std::map<std::string, std::vector<std::string>> kCompat = {
    {"cpu", {"fp32", "fp16", "dr8", "fx8", "ffx8"}}, {"gpu", {"fp32", "fp16"}}, {"npu", {"fx8", "ffx8", "fp16"}},
    {"dsp", {"fx8"}}};

}  // namespace

LooSummary summarise(const Calibration& cal, const std::string& soc, const std::string& processor,
                     const std::string& group) {
  LooSummary s;
  double sum = 0;
  for (const auto& p : cal.loo) {
    if ((!soc.empty() && p.row->soc != soc) || (!processor.empty() && p.row->processor != processor)) continue;
    if (!group.empty() && GroupKey{p.row->runtime, p.row->processor, p.row->precision}.label() != group) continue;
    ++s.points;
    if (!p.predictable) continue;
    ++s.predictable;
    sum += p.ape;
  }
  if (s.predictable) s.mape_pct = 100 * sum / s.predictable;
  return s;
}

std::string loo_csv(const Calibration& cal) {
  std::ostringstream o;
  o << "line,soc,processor,threads,runtime,model,precision,measured_ms,predicted_ms,error_pct\n";
  for (const auto& p : cal.loo) {
    const auto& r = *p.row;
    o << r.line << "," << r.soc << "," << r.processor << "," << (r.threads ? std::to_string(r.threads) : "") << ","
      << r.runtime << "," << r.model << "," << r.precision << "," << num(r.ms) << ",";
    if (p.predictable) o << num(p.predicted_ms, "%.4g") << "," << num(100 * (p.predicted_ms / r.ms - 1), "%+.2f");
    else o << ",";
    o << "\n";
  }
  return o.str();
}

std::string fitted_json(const Calibration& cal) {
  std::ostringstream o;
  const auto all = summarise(cal);
  o << "{\n  \"description\": \"Parameters fitted by `socsim calibrate` to models/measurements/latency.csv "
       "(model and method: sim/calib/fit.h). Generated file; do not edit by hand.\",\n";
  o << "  \"cross_validation\": {\"points\": " << all.points << ", \"predictable\": " << all.predictable
    << ", \"loo_mape_pct\": " << mape_json(all) << "},\n  \"groups\": [";
  for (size_t gi = 0; gi < cal.groups.size(); ++gi) {
    const auto& g = cal.groups[gi];
    const auto s = summarise(cal, "", "", g.key.label());
    o << (gi ? "," : "") << "\n    {\"runtime\": " << quoted(g.key.runtime) << ", \"processor\": " << quoted(g.key.processor)
      << ", \"precision\": " << quoted(g.key.precision) << ", \"points\": " << s.points
      << ", \"predictable\": " << s.predictable << ", \"loo_mape_pct\": " << mape_json(s) << ",\n";
    o << "     \"socs\": {";
    size_t k = 0;
    for (const auto& [name, f] : g.socs) {
      o << (k++ ? "," : "") << "\n       " << quoted(name) << ": {\"points\": " << f.points << ", \"throughput\": " << num(f.throughput);
      if (f.little_speed > 0) o << ", \"little_speed\": " << num(f.little_speed);
      if (f.one_thread_speed > 0) o << ", \"one_thread_speed\": " << num(f.one_thread_speed);
      if (g.key.processor != "cpu") o << ", \"overhead_ms\": " << num(f.overhead_ms);
      o << "}";
    }
    o << "},\n     \"models\": {";
    k = 0;
    for (const auto& [name, f] : g.models) {
      o << (k++ ? "," : "") << "\n       " << quoted(name) << ": {\"points\": " << f.points << ", \"work\": " << num(f.work);
      if (g.key.processor == "cpu") o << ", \"parallel_frac\": " << num(f.parallel_frac);
      o << "}";
    }
    o << "}}";
  }
  o << "\n  ]\n}\n";
  return o.str();
}

std::string markdown_report(const Calibration& cal, const MeasurementSet& set,
                            const std::map<std::string, spec::Soc>& presets) {
  std::ostringstream o;
  const auto all = summarise(cal);
  o << "Leave-one-out cross-validation of `socsim calibrate` over " << all.points << " measured points ("
    << all.predictable << " predictable from the others): MAPE " << mape_cell(all) << " %.\n\n";

  o << "| SoC | processor | points | LOO-predictable | LOO MAPE % | runtimes |\n|---|---|---|---|---|---|\n";
  std::map<std::pair<std::string, std::string>, std::set<std::string>> cells;
  for (const auto& r : set.rows) cells[{r.soc, r.processor}].insert(r.runtime);
  for (const auto& [key, runtimes] : cells) {
    const auto s = summarise(cal, key.first, key.second);
    std::string rts;
    for (const auto& rt : runtimes) rts += (rts.empty() ? "" : ", ") + rt;
    o << "| " << key.first << (presets.count(key.first) ? " (preset)" : "") << " | " << key.second << " | " << s.points
      << " | " << s.predictable << " | " << mape_cell(s) << " | " << rts << " |\n";
  }
  o << "\n| processor kind | points | LOO-predictable | LOO MAPE % |\n|---|---|---|---|\n";
  for (const char* k : {"cpu", "gpu", "npu", "dsp"}) {
    const auto s = summarise(cal, "", k);
    if (s.points) o << "| " << k << " | " << s.points << " | " << s.predictable << " | " << mape_cell(s) << " |\n";
  }
  o << "\n| group (runtime/processor/precision) | points | LOO-predictable | LOO MAPE % |\n|---|---|---|---|\n";
  for (const auto& g : cal.groups) {
    const auto s = summarise(cal, "", "", g.key.label());
    o << "| " << g.key.label() << " | " << s.points << " | " << s.predictable << " | " << mape_cell(s) << " |\n";
  }

  std::vector<const LooPoint*> worst;
  for (const auto& p : cal.loo) if (p.predictable) worst.push_back(&p);
  std::stable_sort(worst.begin(), worst.end(), [](const LooPoint* a, const LooPoint* b) { return a->ape > b->ape; });
  o << "\nWorst predicted points (leave-one-out):\n\n| line | SoC | processor | threads | runtime | model | precision | measured ms | predicted ms | error % |\n"
       "|---|---|---|---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < std::min<size_t>(10, worst.size()); ++i) {
    const auto& r = *worst[i]->row;
    o << "| " << r.line << " | " << r.soc << " | " << r.processor << " | " << (r.threads ? std::to_string(r.threads) : "")
      << " | " << r.runtime << " | " << r.model << " | " << r.precision << " | " << num(r.ms) << " | "
      << num(worst[i]->predicted_ms, "%.3g") << " | " << num(100 * (worst[i]->predicted_ms / r.ms - 1), "%+.1f") << " |\n";
  }
  std::map<std::string, int> reasons;
  for (const auto& p : cal.loo) if (!p.predictable) ++reasons[p.why_not];
  o << "\nPoints that cannot be cross-validated (their prediction would rest on the priors alone):\n\n";
  for (const auto& [why, n] : reasons) o << "- " << n << " × " << why << "\n";

  o << "\nLITTLE-core DNN speed (relative to the fastest core) per preset:\n\n";
  for (const auto& [name, soc] : presets) {
    std::string fitted;
    for (const auto& g : cal.groups) {
      const auto it = g.socs.find(name);
      if (it != g.socs.end() && it->second.little_speed > 0)
        fitted += (fitted.empty() ? "" : ", ") + num(it->second.little_speed, "%.3f") + " (" + g.key.label() + ")";
    }
    const auto& cpu = *std::find_if(soc.processors.begin(), soc.processors.end(),
                                    [](const spec::Processor& p) { return p.kind == spec::ProcessorKind::kCpu; });
    o << "- " << name << ": shipped dnn_speed " << num(cpu.clusters.back().dnn_speed, "%.3f") << "; "
      << (fitted.empty() ? "no measured point puts threads on it: a pure estimate" : "fitted " + fitted) << "\n";
  }
  o << "\nSingle-thread placement (fit.h): speed of the core a 1-thread row ran on, relative to the fastest "
       "core, fitted where the big cores differ:\n\n";
  bool any_one = false;
  for (const auto& g : cal.groups)
    for (const auto& [name, f] : g.socs)
      if (f.one_thread_speed > 0) {
        any_one = true;
        o << "- " << name << " (" << g.key.label() << "): " << num(f.one_thread_speed, "%.3f") << "\n";
      }
  if (!any_one) o << "- none\n";
  o << "\nPreset profile entries and their own-SoC measurements (engine: precisions with a measured "
       "point of this SoC | precisions that are pure estimates):\n\n";
  for (const auto& [name, soc] : presets) {
    o << "- **" << name << "**:";
    for (const auto& p : soc.processors) {
      const std::string kind = spec::to_string(p.kind);
      std::string measured, pure;
      for (const auto& prec : kCompat.at(kind)) {
        const bool has = std::any_of(set.rows.begin(), set.rows.end(), [&](const Measurement& r) {
          return r.soc == name && r.processor == kind && r.precision == prec;
        });
        (has ? measured : pure) += (((has ? measured : pure).empty()) ? "" : ",") + prec;
      }
      o << " " << p.name << " " << (measured.empty() ? "–" : measured) << " | " << (pure.empty() ? "–" : pure) << ";";
    }
    o << "\n";
  }
  return o.str();
}

}  // namespace socsim::calib
