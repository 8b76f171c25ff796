#include <stdexcept>
#include <string>

#include "sim/config/schema_patterns_impl.h"

namespace socsim::config {
namespace {

bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

const Json& resolve(const Json& root, const Json& node) {
  const Json* n = &node;
  while (n->is_object() && n->contains("$ref"))
    n = &root.at(Json::json_pointer(n->at("$ref").get<std::string>().substr(1)));
  return *n;
}

// The branch of a tagged union ("oneOf" whose branches fix "kind" with "const") that `value`
// selects, or null (the union's own error is reported by the schema check).
const Json* branch_of(const Json& root, const Json& node, const Json& value) {
  if (!value.is_object() || !value.contains("kind") || !value.at("kind").is_string()) return nullptr;
  for (const auto& b : node.at("oneOf")) {
    const Json& branch = resolve(root, b);
    const auto props = branch.find("properties");
    if (props == branch.end() || !props->contains("kind")) continue;
    const Json& tag = props->at("kind");
    if (tag.contains("const") && tag.at("const") == value.at("kind")) return &branch;
  }
  return nullptr;
}

const Json* child_of(const Json& node, const std::string& key) {
  auto props = node.find("properties");
  if (props != node.end() && props->contains(key)) return &props->at(key);
  auto extra = node.find("additionalProperties");
  if (extra != node.end() && extra->is_object()) return &*extra;
  return nullptr;
}

void walk(const Json& root, const Json& schema, const Json& value, const Pointer& at, const PatternMismatch& mismatch) {
  const Json* node = &resolve(root, schema);
  if (!node->is_object()) return;
  if (node->contains("oneOf")) {
    node = branch_of(root, *node, value);
    if (node == nullptr) return;
  }
  auto pattern = node->find("pattern");
  if (value.is_string() && pattern != node->end() && pattern->is_string() &&
      !matches_pattern(pattern->get<std::string>(), value.get<std::string>()))
    mismatch(at, pattern->get<std::string>(), value);
  if (value.is_object()) {
    auto names = node->find("propertyNames");
    const Json* name_schema = names != node->end() ? &resolve(root, *names) : nullptr;
    for (const auto& [key, v] : value.items()) {
      if (name_schema && name_schema->contains("pattern") &&
          !matches_pattern(name_schema->at("pattern").get<std::string>(), key))
        mismatch(at / key, name_schema->at("pattern").get<std::string>(), Json(key));
      if (const Json* child = child_of(*node, key)) walk(root, *child, v, at / key, mismatch);
    }
  } else if (value.is_array()) {
    auto items = node->find("items");
    if (items == node->end() || !items->is_object()) return;
    for (size_t i = 0; i < value.size(); ++i) walk(root, *items, value[i], at / i, mismatch);
  }
}

}  // namespace

bool matches_pattern(std::string_view pattern, std::string_view text) {
  if (pattern == "^[a-z][a-z0-9_]*$") {
    if (text.empty() || !lower(text[0])) return false;
    for (char c : text.substr(1))
      if (!lower(c) && !digit(c) && c != '_') return false;
    return true;
  }
  if (pattern == "^/") return text.starts_with('/');
  throw std::logic_error("schema pattern \"" + std::string(pattern) + "\" has no matcher in schema_patterns.cpp");
}

std::string pattern_meaning(std::string_view pattern) {
  if (pattern == "^[a-z][a-z0-9_]*$") return "lowercase letters, digits and underscores, starting with a letter";
  if (pattern == "^/") return "a JSON pointer, starting with /";
  return "a string matching it";
}

Json without_patterns(const Json& schema) {
  if (schema.is_array()) {
    Json out = Json::array();
    for (const auto& item : schema) out.push_back(without_patterns(item));
    return out;
  }
  if (!schema.is_object()) return schema;
  Json out = Json::object();
  for (const auto& [key, v] : schema.items()) {
    if (key == "properties" || key == "definitions") {  // maps of names to schemas
      Json map = Json::object();
      for (const auto& [name, sub] : v.items()) map[name] = without_patterns(sub);
      out[key] = std::move(map);
    } else if (!(key == "pattern" && v.is_string())) {
      out[key] = without_patterns(v);
    }
  }
  return out;
}

void check_patterns(const Json& root, const Json& value, const PatternMismatch& mismatch) {
  walk(root, root, value, Pointer(), mismatch);
}

}  // namespace socsim::config
