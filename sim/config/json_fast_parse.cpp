#include "sim/config/json_fast_parse_impl.h"

#include <utility>
#include <vector>

namespace socsim::config {
namespace {

// nlohmann's SAX interface, building the document in place. Every "return false" stops the parse
// and sends the caller to the diagnostic parser.
class CleanDom {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return leaf(Json(nullptr)); }
  bool boolean(bool v) { return leaf(Json(v)); }
  bool number_integer(number_integer_t v) { return leaf(Json(v)); }
  bool number_unsigned(number_unsigned_t v) { return leaf(Json(v)); }
  bool number_float(number_float_t v, const string_t&) { return leaf(Json(v)); }
  bool string(string_t& v) { return leaf(Json(std::move(v))); }
  bool binary(binary_t&) { return false; }  // not in JSON text
  bool start_object(std::size_t) { return open(Json::value_t::object); }
  bool start_array(std::size_t) { return open(Json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(string_t& k) {
    Json& object = *open_.back();
    if (object.contains(k)) return false;  // a duplicate key: the diagnostic parser reports it
    slot_ = &object[std::move(k)];
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  Json take() { return std::move(root_); }

 private:
  // Stores `v` where the parser stands: the root, the next element of an array, or the value of
  // the key just read. Returns where it went.
  Json* place(Json&& v) {
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    *slot_ = std::move(v);
    return slot_;
  }
  bool leaf(Json&& v) {
    place(std::move(v));
    return true;
  }
  // Containers are placed empty and filled where they stand; an open container is the last
  // element of its parent, so no later insertion moves it.
  bool open(Json::value_t type) {
    if (open_.size() >= static_cast<size_t>(kMaxNesting)) return false;
    open_.push_back(place(Json(type)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  Json root_;
  std::vector<Json*> open_;  // the containers being filled, outermost first
  Json* slot_ = nullptr;     // in an object: the value of the key just read
};

}  // namespace

std::optional<Json> parse_clean_json(std::string_view text) {
  CleanDom dom;
  try {
    if (!Json::sax_parse(text.begin(), text.end(), &dom)) return std::nullopt;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
  return dom.take();
}

}  // namespace socsim::config
