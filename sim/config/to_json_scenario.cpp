#include "sim/config/config.h"
#include "sim/config/scenario_parts_impl.h"
#include "sim/config/to_json_impl.h"

namespace socsim::config {
namespace {

Json arrival_json(const spec::Arrival& a) {
  Json j;
  switch (a.kind) {
    case spec::Arrival::Kind::kPeriodic:
      j["kind"] = "periodic";
      j["fps"] = number(a.rate_hz);
      break;
    case spec::Arrival::Kind::kPoisson:
      j["kind"] = "poisson";
      j["rate_hz"] = number(a.rate_hz);
      break;
    case spec::Arrival::Kind::kClosedLoop:
      j["kind"] = "closed_loop";
      j["think_ms"] = ms(a.think);
      break;
  }
  j["offset_ms"] = ms(a.offset);
  return j;
}

Json design_json(const spec::Design& d) {
  Json j;
  j["variant"] = d.variant;
  j["precision"] = spec::to_string(d.precision);
  j["engine"] = d.engine;
  if (d.threads > 0) j["threads"] = d.threads;
  if (!d.clusters.empty()) j["clusters"] = d.clusters;
  return j;
}

Json slo_json(const spec::Slo& slo) {
  Json j;
  j["objectives"] = Json::array();
  for (const auto& o : slo.objectives)
    j["objectives"].push_back(
        {{"metric", spec::to_string(o.metric)}, {"goal", o.maximise ? "max" : "min"}, {"weight", number(o.weight)}});
  j["constraints"] = Json::array();
  for (const auto& c : slo.constraints)
    j["constraints"].push_back(
        {{"metric", spec::to_string(c.metric)}, {"op", to_string(c.op)}, {"bound", number(c.bound)}});
  return j;
}

Json task_json(const spec::Task& t) {
  Json j;
  j["name"] = t.name;
  set_if(j, "dnn_task", t.dnn_task);
  j["slo"] = slo_json(t.slo);
  j["arrival"] = arrival_json(t.arrival);
  if (t.design) j["design"] = design_json(*t.design);
  if (t.deadline) j["deadline_ms"] = ms(*t.deadline);
  j["max_queue"] = t.max_queue;
  // Written only when not the default, so the resolved configs (and traces) of earlier scenarios keep their bytes.
  if (t.latency_distribution != spec::LatencyDistribution::kLognormal)
    j["latency_distribution"] = spec::to_string(t.latency_distribution);
  return j;
}

// Parameters were stored as text; numbers and booleans go back as such, anything else as a string.
Json param_json(const std::string& text) {
  Json v = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (v.is_number() || v.is_boolean()) return v;
  return text;
}

Json scheduler_json(const spec::SchedulerChoice& s) {
  Json j;
  j["name"] = s.name;
  for (const auto& [key, text] : s.params) j["params"][key] = param_json(text);
  return j;
}

Json event_json(const spec::RuntimeEvent& e) {
  const EventForm& form = event_form(e.kind);
  Json j;
  j["kind"] = form.file_kind;
  j["at_s"] = seconds(e.at);
  if (e.duration) j["duration_s"] = seconds(*e.duration);
  set_if(j, "processor", e.processor);
  if (form.value_key != nullptr) j[form.value_key] = number(e.value);
  return j;
}

Json dvfs_json(const spec::DvfsPolicy& p) {
  Json j;
  j["governor"] = p.governor;
  j["governors"] = Json::object();
  for (const auto& [name, governor] : p.governors) j["governors"][name] = governor;
  j["userspace_freq_mhz"] = Json::object();
  for (const auto& [name, mhz] : p.userspace_freq_mhz) j["userspace_freq_mhz"][name] = number(mhz);
  j["period_ms"] = ms(p.period);
  return j;
}

}  // namespace

std::string to_json(const spec::Scenario& sc) {
  Json j;
  j["name"] = sc.name;
  set_if(j, "description", sc.description);
  j["soc"] = sc.soc_path;
  j["models"] = sc.models_path;
  j["seed"] = sc.seed;
  j["duration_s"] = seconds(sc.duration);
  if (sc.warmup) j["warmup_s"] = seconds(*sc.warmup);
  j["scheduler"] = scheduler_json(sc.scheduler);
  j["tasks"] = Json::array();
  for (const auto& t : sc.tasks) j["tasks"].push_back(task_json(t));
  j["slo"] = slo_json(sc.slo);
  j["optimality"] = sc.optimality;
  j["accelerator_sharing"] = sc.accelerator_sharing;
  j["events"] = Json::array();
  for (const auto& e : sc.events) j["events"].push_back(event_json(e));
  j["dvfs"] = dvfs_json(sc.dvfs);
  j["trace"]["sample_period_ms"] = ms(sc.trace.sample_period);
  return j.dump(2);
}

}  // namespace socsim::config
