#include "adapters/common/json_read.hpp"

#include "json_input/bounded_parse.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <limits>

namespace hlc::adapters::detail {

namespace {

std::string_view view_of(const rapidjson::Value& x) {
  return {x.GetString(), x.GetStringLength()};
}

// Parses 1..20 decimal digits without a sign; nullopt on anything else or on
// overflow.
std::optional<uint64_t> parse_digits(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t result = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    auto digit = static_cast<uint64_t>(c - '0');
    if (result > (std::numeric_limits<uint64_t>::max() - digit) / 10)
      return std::nullopt;
    result = result * 10 + digit;
  }
  return result;
}

} // namespace

std::string to_json(const rapidjson::Value& x) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buf};
  x.Accept(writer);
  return std::string{buf.GetString(), buf.GetSize()};
}

std::string excerpt(std::string_view text, size_t n) {
  return std::string{text.substr(0, n)};
}

std::string join(std::string_view path, std::string_view name) {
  std::string result;
  result.reserve(path.size() + name.size() + 1);
  result += path;
  if (!path.empty()) result += '.';
  result += name;
  return result;
}

std::string index(std::string_view path, size_t i) {
  std::string result{path};
  result += '[';
  result += std::to_string(i);
  result += ']';
  return result;
}

void parse_document(rapidjson::Document& doc, std::string_view text,
                    std::string_view what,
                    const json_input::input_limits& limits) {
  if (auto err = json_input::parse(doc, text, limits))
    throw field_failure{std::string{what}, std::move(err->message)};
}

std::string to_lower(std::string_view text) {
  std::string result{text};
  for (auto& c : result)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return result;
}

std::string describe(const rapidjson::Value& x) {
  if (x.IsString()) {
    std::string result = "\"";
    result += excerpt(view_of(x), 64);
    result += '"';
    return result;
  }
  if (x.IsNumber()) return "number " + to_json(x);
  if (x.IsBool()) return x.GetBool() ? "true" : "false";
  if (x.IsNull()) return "null";
  return x.IsObject() ? "an object" : "an array";
}

decimal read_decimal(const rapidjson::Value& x, const std::string& path) {
  if (!x.IsString())
    throw field_failure{path, "expected a decimal string, got " + describe(x)};
  if (auto result = decimal::parse(view_of(x))) return *result;
  throw field_failure{path, "not a decimal: " + describe(x)};
}

uint64_t read_u64(const rapidjson::Value& x, const std::string& path) {
  if (x.IsUint64()) return x.GetUint64();
  if (x.IsString())
    if (auto result = parse_digits(view_of(x))) return *result;
  throw field_failure{path, "expected an unsigned integer, got " + describe(x)};
}

int64_t read_i64(const rapidjson::Value& x, const std::string& path) {
  if (x.IsInt64()) return x.GetInt64();
  if (x.IsString()) {
    auto digits = parse_digits(view_of(x));
    if (digits && *digits <= static_cast<uint64_t>(INT64_MAX))
      return static_cast<int64_t>(*digits);
  }
  throw field_failure{path, "expected an integer, got " + describe(x)};
}

object_reader::object_reader(const rapidjson::Value& obj, std::string path)
    : obj_(obj), path_(std::move(path)) {
  if (!obj_.IsObject())
    throw field_failure{path_, "expected an object, got " + describe(obj_)};
}

const rapidjson::Value* object_reader::find(const char* name) const {
  auto i = obj_.FindMember(name);
  if (i == obj_.MemberEnd() || i->value.IsNull()) return nullptr;
  return &i->value;
}

const rapidjson::Value& object_reader::get(const char* name) const {
  if (auto x = find(name)) return *x;
  fail(name, "missing");
}

void object_reader::fail(std::string_view name, std::string message) const {
  throw field_failure{path_of(name), std::move(message)};
}

std::string object_reader::str(const char* name) const {
  auto& x = get(name);
  if (!x.IsString()) fail(name, "expected a string, got " + describe(x));
  return std::string{view_of(x)};
}

std::optional<std::string> object_reader::opt_str(const char* name) const {
  if (find(name) == nullptr) return std::nullopt;
  return str(name);
}

decimal object_reader::dec(const char* name) const {
  return read_decimal(get(name), path_of(name));
}

std::optional<decimal> object_reader::opt_dec(const char* name) const {
  if (find(name) == nullptr) return std::nullopt;
  return dec(name);
}

uint64_t object_reader::u64(const char* name) const {
  return read_u64(get(name), path_of(name));
}

std::optional<uint64_t> object_reader::opt_u64(const char* name) const {
  if (find(name) == nullptr) return std::nullopt;
  return u64(name);
}

int64_t object_reader::i64(const char* name) const {
  return read_i64(get(name), path_of(name));
}

std::optional<int64_t> object_reader::opt_i64(const char* name) const {
  if (find(name) == nullptr) return std::nullopt;
  return i64(name);
}

bool object_reader::boolean(const char* name) const {
  auto& x = get(name);
  if (!x.IsBool()) fail(name, "expected a boolean, got " + describe(x));
  return x.GetBool();
}

std::optional<bool> object_reader::opt_bool(const char* name) const {
  if (find(name) == nullptr) return std::nullopt;
  return boolean(name);
}

const rapidjson::Value& object_reader::object(const char* name) const {
  auto& x = get(name);
  if (!x.IsObject()) fail(name, "expected an object, got " + describe(x));
  return x;
}

const rapidjson::Value& object_reader::array(const char* name) const {
  auto& x = get(name);
  if (!x.IsArray()) fail(name, "expected an array, got " + describe(x));
  return x;
}

} // namespace hlc::adapters::detail
