#include <fmt/format.h>

#include <algorithm>

#include "sim/config/engines_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/scenario_parts_impl.h"

namespace socsim::config {
namespace {

using Kind = spec::RuntimeEvent::Kind;

constexpr EventForm kForms[] = {
    {Kind::kBackgroundLoad, "background_load", "load_frac", true},
    {Kind::kProcessorOffline, "processor_offline", nullptr, true},
    {Kind::kProcessorOnline, "processor_online", nullptr, true},
    {Kind::kMemoryPressure, "memory_pressure", "available_mib", false},
    {Kind::kAmbient, "thermal", "ambient_c", false},
    {Kind::kFrequencyCap, "thermal", "max_freq_frac", true},
};

// The forms of the event's file kind, and among them those whose value key the event has.
struct Candidates {
  std::vector<const EventForm*> all;
  std::vector<const EventForm*> present;
};

Candidates candidates(const Fields& f) {
  Candidates c;
  for (const EventForm& form : kForms) {
    if (f.text("kind") != form.file_kind) continue;
    c.all.push_back(&form);
    if (form.value_key == nullptr || f.has(form.value_key)) c.present.push_back(&form);
  }
  return c;
}

void report_value_keys(const Fields& f, const Candidates& c) {
  std::vector<std::string> keys;
  for (const EventForm* form : c.all)
    if (form->value_key != nullptr) keys.push_back(quote(form->value_key));
  f.reporter().error(f.at(), fmt::format("a {} event needs exactly one of {} (got {})", f.text("kind"),
                                         fmt::join(keys, " or "), c.present.empty() ? "neither" : "both"));
}

void check_processor_key(const Fields& f, const EventForm& form) {
  const std::string with = form.value_key != nullptr ? fmt::format(" with {}", quote(form.value_key)) : "";
  if (form.processor && !f.has("processor"))
    f.reporter().error(f.at(), fmt::format("missing key \"processor\" for a {} event{} (expected the processor it "
                                           "applies to)",
                                           form.file_kind, with));
  if (!form.processor && f.has("processor"))
    f.reporter().error(f.at() / "processor", fmt::format("\"processor\" does not apply to a {} event{} (expected no "
                                                         "\"processor\": it applies to the whole SoC)",
                                                         form.file_kind, with));
}

// The form of the event. The schema fixes it for every kind but thermal, whose value key selects
// it. Reports when the keys do not single out one form, or the processor does not match it; the
// event is then still read (with the first form of its kind), so later pointers keep the file's
// indices, but the scenario does not load.
const EventForm& form_of(const Fields& f) {
  const Candidates c = candidates(f);
  if (c.present.size() != 1) {
    report_value_keys(f, c);
    return *c.all.front();
  }
  check_processor_key(f, *c.present.front());
  return *c.present.front();
}

spec::RuntimeEvent read_event(const Fields& f) {
  const EventForm& form = form_of(f);
  spec::RuntimeEvent e;
  e.kind = form.kind;
  e.at = f.duration("at_s", TimeUnit::kS).value_or(Duration());
  e.duration = f.duration("duration_s", TimeUnit::kS);
  e.processor = f.text("processor");
  if (form.value_key != nullptr) e.value = f.number(form.value_key);
  return e;
}

}  // namespace

const EventForm& event_form(Kind kind) {
  return *std::find_if(std::begin(kForms), std::end(kForms), [&](const EventForm& f) { return f.kind == kind; });
}

std::vector<spec::RuntimeEvent> read_events(const Fields& f) {
  std::vector<spec::RuntimeEvent> events;
  for (const Fields& e : f.items("events")) events.push_back(read_event(e));
  return events;
}

void sort_events(std::vector<spec::RuntimeEvent>& events) {
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
}

void check_events(const std::vector<spec::RuntimeEvent>& events, const spec::Soc& soc, Reporter& r) {
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string& name = events[i].processor;
    if (!name.empty() && soc.find_processor(name) < 0)
      r.error(Pointer() / "events" / i / "processor", unknown_name("processor", name, processor_names(soc)));
  }
}

}  // namespace socsim::config
