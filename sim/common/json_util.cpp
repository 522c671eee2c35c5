#include "sim/common/json_util.hpp"

#include "json_input/bounded_parse.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hlc::sim {

rapidjson::Document parse_json(std::string_view text, std::string_view what,
                               const json_input::input_limits& limits) {
  rapidjson::Document doc;
  if (auto err = json_input::parse(doc, text, limits))
    throw input_error(std::string(what) + ": " + err->message);
  return doc;
}

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string json_quote(std::string_view text) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buf.GetString(), buf.GetSize());
}

namespace {

const rapidjson::Value* member(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto i = obj.FindMember(key);
  if (i == obj.MemberEnd() || i->value.IsNull()) return nullptr;
  return &i->value;
}

[[noreturn]] void bad(const std::string& where, const char* key,
                      const char* expected) {
  throw input_error(where + "." + key + ": expected " + expected);
}

} // namespace

std::string get_string(const rapidjson::Value& obj, const char* key,
                       const std::string& where) {
  auto v = opt_string(obj, key, where);
  if (!v) throw input_error(where + "." + key + ": missing");
  return *v;
}

std::optional<std::string> opt_string(const rapidjson::Value& obj,
                                      const char* key,
                                      const std::string& where) {
  auto* v = member(obj, key);
  if (!v) return std::nullopt;
  if (!v->IsString()) bad(where, key, "a string");
  return std::string(v->GetString(), v->GetStringLength());
}

int64_t get_int(const rapidjson::Value& obj, const char* key,
                const std::string& where) {
  auto v = opt_int(obj, key, where);
  if (!v) throw input_error(where + "." + key + ": missing");
  return *v;
}

std::optional<int64_t> opt_int(const rapidjson::Value& obj, const char* key,
                               const std::string& where) {
  auto* v = member(obj, key);
  if (!v) return std::nullopt;
  if (!v->IsInt64()) bad(where, key, "an integer");
  return v->GetInt64();
}

std::optional<uint64_t> opt_uint(const rapidjson::Value& obj, const char* key,
                                 const std::string& where) {
  auto* v = member(obj, key);
  if (!v) return std::nullopt;
  if (!v->IsUint64()) bad(where, key, "a non-negative integer");
  return v->GetUint64();
}

std::optional<bool> opt_bool(const rapidjson::Value& obj, const char* key,
                             const std::string& where) {
  auto* v = member(obj, key);
  if (!v) return std::nullopt;
  if (!v->IsBool()) bad(where, key, "a boolean");
  return v->GetBool();
}

std::optional<double> opt_number(const rapidjson::Value& obj, const char* key,
                                 const std::string& where) {
  auto* v = member(obj, key);
  if (!v) return std::nullopt;
  if (!v->IsNumber()) bad(where, key, "a number");
  return v->GetDouble();
}

std::string read_file(const std::string& path) {
  try {
    return json_input::read_file(path, json_input::limits::sim_file);
  } catch (const json_input::read_failure& e) {
    throw input_error(path + ": " + e.reason);
  }
}

} // namespace hlc::sim
