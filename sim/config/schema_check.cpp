#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/config/schema_cache_impl.h"
#include "sim/config/schema_check_impl.h"

// GCC 12 falsely warns about std::string::replace inlined into valijson's JSON pointer code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "sim/config/messages_impl.h"
#include "sim/config/schema_patterns_impl.h"

namespace socsim::config {
namespace {

using valijson::adapters::NlohmannJsonAdapter;
using Path = std::vector<std::string>;  // reference tokens, unescaped

// Every oneOf in socsim's schemas is a tagged union: each branch fixes this key with "const".
constexpr const char* kTag = "kind";
// Values longer than this are abbreviated in messages.
constexpr size_t kMaxShown = 60;

class CompiledSchema {
 public:
  // valijson gets the schema without its patterns (std::regex recursion; schema_patterns_impl.h).
  explicit CompiledSchema(Json doc) : doc_(std::move(doc)), for_valijson_(without_patterns(doc_)) {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(NlohmannJsonAdapter(for_valijson_), schema_);
  }
  const Json& doc() const { return doc_; }
  const valijson::Schema& schema() const { return schema_; }

 private:
  Json doc_;
  Json for_valijson_;
  valijson::Schema schema_;
};

// Compiled on first use, one kind at a time: a run whose documents are all known valid
// (schema_cache_impl.h) compiles only its scenario's schema.
const CompiledSchema& compiled(Kind kind) {
  static std::mutex mutex;
  static std::map<Kind, std::unique_ptr<const CompiledSchema>> all;
  std::lock_guard lock(mutex);
  auto& slot = all[kind];
  if (!slot) slot = std::make_unique<CompiledSchema>(Json::parse(schema_text(kind)));
  return *slot;
}

struct RawError {
  Path path;  // where in the validated value
  std::string description;
};

// valijson's context ("<root>", "[tasks]", "[0]") as reference tokens.
Path path_of(const std::vector<std::string>& context) {
  Path path;
  for (size_t i = 1; i < context.size(); ++i) path.push_back(context[i].substr(1, context[i].size() - 2));
  return path;
}

std::vector<RawError> validate(const CompiledSchema& cs, const Json& value) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(cs.schema(), NlohmannJsonAdapter(value), &results);
  std::vector<RawError> errors;
  for (const auto& e : results) errors.push_back({path_of(e.context), e.description});
  return errors;
}

Pointer operator/(Pointer p, const Path& path) {
  for (const auto& token : path) p = p / std::string_view(token);
  return p;
}

const Json& value_at(const Json& value, const Path& path) {
  return value.at(Json::json_pointer((Pointer() / path).str()));
}

// --- Finding the schema that describes an instance location ---------------------------------

const Json& resolve(const Json& root, const Json& node) {
  const Json* n = &node;
  while (n->contains("$ref")) n = &root.at(Json::json_pointer(n->at("$ref").get<std::string>().substr(1)));
  return *n;
}

const Json* child_schema(const Json& node, const std::string& token) {
  auto props = node.find("properties");
  if (props != node.end() && props->contains(token)) return &props->at(token);
  for (const char* key : {"items", "additionalProperties"}) {
    auto it = node.find(key);
    if (it != node.end() && it->is_object()) return &*it;
  }
  return nullptr;
}

// The schema describing `path`, or the tagged union on the way there (`union_depth`: the union's
// location is path[0, union_depth)). `node` is null when the location is not in the schema.
struct Place {
  const Json* node = nullptr;
  std::optional<size_t> union_depth;
};

Place locate(const Json& root, const Path& path) {
  const Json* node = &resolve(root, root);
  for (size_t i = 0;; ++i) {
    if (node->contains("oneOf")) return {node, i};
    if (i == path.size()) return {node, std::nullopt};
    const Json* next = child_schema(*node, path[i]);
    if (next == nullptr) return {};
    node = &resolve(root, *next);
  }
}

// --- Messages --------------------------------------------------------------------------------

std::string show(const Json& v) {
  if (v.is_object()) return v.empty() ? "{}" : "an object";
  if (v.is_array()) return v.empty() ? "[]" : "an array";
  std::string text = v.dump();
  return text.size() <= kMaxShown ? text : text.substr(0, kMaxShown - 3) + "...";
}

// A schema value as a user reads it: strings bare, everything else as JSON.
std::string plain(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string plain_list(const Json& values, std::string_view separator = ", ") {
  std::vector<std::string> items;
  for (const auto& v : values) items.push_back(plain(v));
  return fmt::format("{}", fmt::join(items, separator));
}

// The "properties" of an object schema (empty when it declares none).
const Json& properties_of(const Json& node) {
  static const Json kNone = Json::object();
  auto it = node.find("properties");
  return it != node.end() ? *it : kNone;
}

std::string key_list(const Json& node) {
  std::vector<std::string> keys;
  for (const auto& [key, _] : properties_of(node).items()) keys.push_back(key);
  return join(keys);
}

std::string a_number(const Json& node) { return node.value("type", "") == "integer" ? "an integer" : "a number"; }

std::string count_of(const Json& n, std::string_view word) {
  return fmt::format("{} {}{}", n.dump(), word, n == 1 ? "" : "s");
}

// The bound a value below the minimum violates: "> 0" or ">= 1".
std::string lower_bound(const Json& node, const Json& v) {
  auto ex = node.find("exclusiveMinimum");
  if (ex != node.end() && v.get<double>() <= ex->get<double>()) return "> " + ex->dump();
  return ">= " + node.at("minimum").dump();
}

std::string upper_bound(const Json& node, const Json& v) {
  auto ex = node.find("exclusiveMaximum");
  if (ex != node.end() && v.get<double>() >= ex->get<double>()) return "< " + ex->dump();
  return "<= " + node.at("maximum").dump();
}

// Why a bound is where it is, when the schema says so ("x-bound", an annotation valijson ignores).
std::string bound_reason(const Json& node) {
  auto it = node.find("x-bound");
  return it != node.end() && it->is_string() ? "; " + it->get<std::string>() : "";
}

enum class Problem {
  kType,
  kMinimum,
  kMaximum,
  kEnum,
  kConst,
  kMinLength,
  kMaxLength,
  kMinItems,
  kMaxItems,
  kMinProperties,
  kRequired,
  kUnknownKey,
  kWrapper,
  kOther
};

// valijson's message kinds, by their fixed prefixes. Wrappers only say that a child failed.
Problem classify(const std::string& description) {
  static const std::pair<std::string_view, Problem> kPrefixes[] = {
      {"Value type not permitted", Problem::kType},
      {"Expected number greater", Problem::kMinimum},
      {"Expected number less", Problem::kMaximum},
      {"Failed to match against any enum", Problem::kEnum},
      {"Failed to match expected value set by 'const'", Problem::kConst},
      {"String should be no fewer", Problem::kMinLength},
      {"String should be no more", Problem::kMaxLength},
      {"Array should contain no fewer", Problem::kMinItems},
      {"Array should contain no more", Problem::kMaxItems},
      {"Object should have no fewer", Problem::kMinProperties},
      {"Missing required property", Problem::kRequired},
      {"Object contains a property that could not be validated", Problem::kUnknownKey},
      {"Failed to validate", Problem::kWrapper},
      {"Cannot validate", Problem::kWrapper},
  };
  for (const auto& [prefix, problem] : kPrefixes)
    if (description.starts_with(prefix)) return problem;
  return Problem::kOther;
}

// Reports every key of the object `v` that the object schema `node` does not declare.
void report_unknown_keys(const Json& node, const Json& v, const Pointer& at, Reporter& r) {
  for (const auto& [key, _] : v.items())
    if (!properties_of(node).contains(key))
      r.error(at / key, fmt::format("unknown key {} (expected one of: {})", quote(key), key_list(node)));
}

// One valijson error, rewritten: `node` is the schema at the error's location, `v` the value there.
void report(const RawError& e, const Json& node, const Json& v, const Pointer& at, Reporter& r) {
  switch (classify(e.description)) {
    case Problem::kWrapper:
      return;
    case Problem::kType: {
      const Json& type = node.at("type");
      std::string expected = type.is_array() ? plain_list(type, " or ") : plain(type);
      r.error(at, fmt::format("{} has the wrong type (expected {})", show(v), expected));
      return;
    }
    case Problem::kMinimum:
      r.error(at, fmt::format("{} is below the minimum (expected {} {}{})", show(v), a_number(node), lower_bound(node, v),
                              bound_reason(node)));
      return;
    case Problem::kMaximum:
      r.error(at, fmt::format("{} is above the maximum (expected {} {}{})", show(v), a_number(node), upper_bound(node, v),
                              bound_reason(node)));
      return;
    case Problem::kEnum:
      r.error(at,
              fmt::format("{} is not an allowed value (expected one of: {})", show(v), plain_list(node.at("enum"))));
      return;
    case Problem::kConst:
      r.error(at, fmt::format("{} is not allowed here (expected {})", show(v), node.at("const").dump()));
      return;
    case Problem::kMinLength:
      r.error(at, fmt::format("{} is too short (expected at least {})", show(v),
                              count_of(node.at("minLength"), "character")));
      return;
    case Problem::kMaxLength:
      r.error(at, fmt::format("{} is too long (expected at most {})", show(v),
                              count_of(node.at("maxLength"), "character")));
      return;
    case Problem::kMinItems:
      r.error(at, fmt::format("the array has {} (expected at least {})", count_of(v.size(), "item"),
                              node.at("minItems").dump()));
      return;
    case Problem::kMaxItems:
      r.error(at, fmt::format("the array has {} (expected at most {})", count_of(v.size(), "item"),
                              node.at("maxItems").dump()));
      return;
    case Problem::kMinProperties:
      r.error(at, fmt::format("the object has {} (expected at least {} of: {})", count_of(v.size(), "key"),
                              node.at("minProperties").dump(), key_list(node)));
      return;
    case Problem::kRequired:
      r.error(at, fmt::format("missing required key {}", quote(single_quoted(e.description))));
      return;
    case Problem::kUnknownKey:
      report_unknown_keys(node, v, at, r);
      return;
    case Problem::kOther:
      r.error(at, e.description);
      return;
  }
}

bool check_against(const CompiledSchema& cs, const Json& value, const Pointer& base, Reporter& r);

// The schema of one branch of a union, as a document of its own (keeping the shared definitions).
Json branch_document(const Json& root, const Json& branch) {
  Json doc = resolve(root, branch);
  if (root.contains("definitions")) doc["definitions"] = root.at("definitions");
  return doc;
}

// A tagged union: checks the tag, then the value against the one branch the tag selects, so
// the user never sees the other branches' complaints.
void check_union(const CompiledSchema& cs, const Json& union_node, const Json& v, const Pointer& at, Reporter& r) {
  const Json& branches = union_node.at("oneOf");
  std::vector<std::string> tags;
  for (const auto& branch : branches)
    tags.push_back(resolve(cs.doc(), branch).at("properties").at(kTag).at("const").get<std::string>());
  if (!v.is_object()) {
    r.error(at, fmt::format("{} has the wrong type (expected object)", show(v)));
    return;
  }
  auto tag = v.find(kTag);
  if (tag == v.end()) {
    r.error(at, fmt::format("missing required key {} (expected one of: {})", quote(kTag), join(tags)));
    return;
  }
  auto chosen = tag->is_string() ? std::find(tags.begin(), tags.end(), tag->get<std::string>()) : tags.end();
  if (chosen == tags.end()) {
    r.error(at / kTag, fmt::format("{} is not a known kind (expected one of: {})", show(*tag), join(tags)));
    return;
  }
  const Json& branch = branches.at(static_cast<size_t>(chosen - tags.begin()));
  check_against(CompiledSchema(branch_document(cs.doc(), branch)), v, at, r);
}

bool check_against(const CompiledSchema& cs, const Json& value, const Pointer& base, Reporter& r) {
  std::vector<RawError> errors = validate(cs, value);
  if (errors.empty()) return true;
  const size_t before = r.errors();
  std::set<Path> unions;
  for (const RawError& e : errors) {
    Place place = locate(cs.doc(), e.path);
    if (place.union_depth)
      unions.insert(Path(e.path.begin(), e.path.begin() + static_cast<std::ptrdiff_t>(*place.union_depth)));
    else if (place.node)
      report(e, *place.node, value_at(value, e.path), base / e.path, r);
    else
      r.error(base / e.path, e.description);
  }
  for (const Path& path : unions) check_union(cs, *locate(cs.doc(), path).node, value_at(value, path), base / path, r);
  // valijson said no; never let that pass silently even if every message was a wrapper.
  if (r.errors() == before) r.error(base, "does not match its schema");
  return false;
}

}  // namespace

bool check_schema(Kind kind, const Json& doc, Reporter& r) {
  const std::string_view* bytes = SourceBytes::of(doc);
  const SchemaCacheKey key = bytes ? schema_cache_key_of_bytes(kind, *bytes) : schema_cache_key(kind, doc);
  if (schema_known_valid(key)) return true;
  const CompiledSchema& cs = compiled(kind);
  bool ok = check_against(cs, doc, Pointer(), r);
  check_patterns(cs.doc(), doc, [&](const Pointer& at, const std::string& pattern, const Json& v) {
    ok = false;
    r.error(at, fmt::format("{} does not match the pattern {} (expected {})", show(v), pattern, pattern_meaning(pattern)));
  });
  if (ok) remember_schema_valid(key);
  return ok;
}

}  // namespace socsim::config
