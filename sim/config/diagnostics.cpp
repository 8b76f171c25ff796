#include <fmt/format.h>

#include <map>

#include "sim/config/diagnostics_impl.h"

namespace socsim::config {

Pointer Pointer::operator/(std::string_view key) const {
  Pointer p = *this;
  p.text_ += '/';
  for (char c : key) {
    if (c == '~')
      p.text_ += "~0";
    else if (c == '/')
      p.text_ += "~1";
    else
      p.text_ += c;
  }
  return p;
}

Pointer Pointer::operator/(size_t index) const { return *this / std::to_string(index); }

void Diagnostics::throw_if_any() const {
  if (!all_.empty()) throw_all();
}

void Diagnostics::throw_all() const { throw ConfigError(all_); }

void Reporter::error(const Pointer& at, std::string message, int line) {
  sink_->add(Diagnostic{file_, at.str(), std::move(message), line});
  ++errors_;
}

void report_duplicates(const std::vector<NamedAt>& names, std::string_view what, Reporter& r) {
  std::map<std::string, const Pointer*> first;
  for (const NamedAt& n : names) {
    auto [it, inserted] = first.emplace(n.name, &n.at);
    if (!inserted)
      r.error(n.at, fmt::format("duplicate {} \"{}\" (first at {}; expected each {} once)", what, n.name,
                                it->second->str(), what));
  }
}

}  // namespace socsim::config
