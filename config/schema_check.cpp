#include "config/schema_check.hpp"

#include "config/json_source.hpp"
#include "config/schema.hpp"
#include "json_input/bounded_parse.hpp"

#include <rapidjson/pointer.h>
// RapidJSON 1.1.0's validator trips GCC's flow-based -Wnull-dereference
// after inlining (schema.h:1751); the diagnostic is reported when the code is
// generated, so it is silenced for this translation unit, which holds
// nothing but the validator call and the message phrasing.
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace hlc::detail {

namespace {

/// The schema, parsed once. The DOM stays alive because failures are phrased
/// from the keyword values of the failing schema node.
struct compiled_schema {
  rapidjson::Document dom;
  std::unique_ptr<rapidjson::SchemaDocument> schema;

  compiled_schema() {
    auto text = config_schema_text();
    if (json_input::parse(dom, text, json_input::limits::config))
      // a build defect, caught by the unit tests
      throw std::logic_error("embedded config/schema.json is not valid JSON");
    schema = std::make_unique<rapidjson::SchemaDocument>(dom);
  }
};

const compiled_schema& the_schema() {
  static const compiled_schema instance;
  return instance;
}

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return {buf.GetString(), buf.GetSize()};
}

std::string type_name(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "a boolean";
  if (v.IsInt64() || v.IsUint64()) return "an integer";
  if (v.IsNumber()) return "a number";
  if (v.IsString()) return "a string";
  if (v.IsArray()) return "an array";
  return "an object";
}

std::string expected_types(const rapidjson::Value& type) {
  auto one = [](const rapidjson::Value& t) -> std::string {
    std::string s = t.IsString() ? t.GetString() : "?";
    if (s == "integer" || s == "object" || s == "array") return "an " + s;
    if (s == "string")
      return "a string (a decimal may also be written as a string)";
    return "a " + s;
  };
  if (!type.IsArray()) return one(type);
  // ["string", "number"] is how decimals are declared.
  if (type.Size() == 2) return "a decimal (string or number)";
  std::string result;
  for (auto& t : type.GetArray())
    result += (result.empty() ? "" : " or ") + one(t);
  return result;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool looks_like_secret(std::string key) {
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (key.size() > 4 && key.compare(key.size() - 4, 4, "_env") == 0)
    return false;
  for (auto word : {"secret", "token", "password", "passphrase", "apikey",
                    "api_key", "private"})
    if (key.find(word) != std::string::npos) return true;
  return false;
}

std::string unknown_option(const rapidjson::Value& node,
                           const std::string& key) {
  std::string msg = "unknown option " + quote_for_message(key);
  std::string best;
  auto props = node.FindMember("properties");
  if (props != node.MemberEnd() && props->value.IsObject()) {
    size_t best_d = 3; // suggest only close matches
    for (auto& p : props->value.GetObject()) {
      std::string name = p.name.GetString();
      if (p.value.HasMember("not"))
        continue; // forbidden secret keys are no suggestion
      auto d = edit_distance(key, name);
      if (d < best_d) {
        best_d = d;
        best = name;
      }
    }
  }
  // A near miss of a real option is a typo (e.g. "api_key_evn"); otherwise a
  // secret-looking key is somebody pasting a credential into the file.
  if (!best.empty()) return msg + "; did you mean \"" + best + "\"?";
  if (looks_like_secret(key))
    return msg
           + "; secrets are not accepted in the config file, they come from "
             "the environment (see binance.api_key_env, "
             "binance.api_secret_env, notifier.telegram_token_env, "
             "binance.secrets_file) (SAF-4)";
  return msg;
}

std::string hint(const rapidjson::Value& node) {
  auto h = node.FindMember("x-hlc-hint");
  return h != node.MemberEnd() && h->value.IsString() ? h->value.GetString()
                                                      : std::string{};
}

std::string with_hint(std::string msg, const rapidjson::Value& node) {
  auto h = hint(node);
  return h.empty() ? msg : msg + " (" + h + ")";
}

config_error phrase(const rapidjson::Value& doc, const rapidjson::Value& node,
                    std::string ptr, const std::string& keyword) {
  auto kw = [&](const char* name) -> const rapidjson::Value& {
    static const rapidjson::Value null_value;
    auto i = node.FindMember(name);
    return i != node.MemberEnd() ? i->value : null_value;
  };
  rapidjson::Pointer doc_pointer(ptr.c_str(), ptr.size());
  const rapidjson::Value* value = doc_pointer.Get(doc);
  if (keyword == "additionalProperties") {
    // The validator's pointer already ends in the unknown key.
    auto n = doc_pointer.GetTokenCount();
    std::string key;
    if (n > 0) {
      auto& last = doc_pointer.GetTokens()[n - 1];
      key.assign(last.name, last.length);
    }
    return {ptr, unknown_option(node, key)};
  }
  if (keyword == "required") {
    auto& req = kw("required");
    if (req.IsArray() && value != nullptr && value->IsObject())
      for (auto& name : req.GetArray())
        if (!value->HasMember(name))
          return {ptr + "/" + pointer_token(name.GetString()),
                  "required option is missing"};
    return {ptr, "a required option is missing"};
  }
  if (keyword == "not") {
    auto h = hint(node);
    return {ptr, h.empty() ? "option not allowed here" : h};
  }
  if (keyword == "type")
    return {ptr, "expected " + expected_types(kw("type")) + ", got "
                     + (value != nullptr ? type_name(*value) : "?")};
  if (keyword == "pattern")
    return {ptr,
            std::string{"does not match pattern "} + kw("pattern").GetString()};
  if (keyword == "enum") {
    std::string allowed;
    for (auto& e : kw("enum").GetArray())
      allowed += (allowed.empty() ? "" : ", ") + to_json(e);
    std::string got;
    if (value != nullptr && value->IsString())
      got = "; got " + quote_for_message(value->GetString());
    return {ptr, "must be one of " + allowed + got};
  }
  if (keyword == "minimum" || keyword == "maximum") {
    bool min = keyword == "minimum";
    auto& ex = kw(min ? "exclusiveMinimum" : "exclusiveMaximum");
    bool exclusive = ex.IsBool() && ex.GetBool();
    std::string op
        = min ? (exclusive ? "> " : ">= ") : (exclusive ? "< " : "<= ");
    return {ptr, "must be " + op + to_json(kw(keyword.c_str()))};
  }
  if (keyword == "minLength")
    return {ptr, "must be at least " + to_json(kw("minLength"))
                     + " characters long"};
  if (keyword == "maxLength")
    return {ptr,
            "must be at most " + to_json(kw("maxLength")) + " characters long"};
  if (keyword == "minItems")
    return {ptr,
            with_hint("needs at least " + to_json(kw("minItems")) + " entries",
                      node)};
  if (keyword == "maxItems") {
    std::string count = value != nullptr && value->IsArray()
                            ? std::to_string(value->Size())
                            : "too many";
    return {ptr, with_hint("has " + count + " entries, at most "
                               + to_json(kw("maxItems")) + " allowed",
                           node)};
  }
  if (keyword == "uniqueItems") return {ptr, "contains the same entry twice"};
  return {ptr, "violates schema keyword \"" + keyword + "\""};
}

} // namespace

std::optional<config_error> check_against_schema(const rapidjson::Value& doc) {
  auto& compiled = the_schema();
  rapidjson::SchemaValidator validator(*compiled.schema);
  if (doc.Accept(validator)) return std::nullopt;
  rapidjson::StringBuffer doc_ptr;
  validator.GetInvalidDocumentPointer().Stringify(doc_ptr);
  rapidjson::StringBuffer schema_ptr;
  validator.GetInvalidSchemaPointer().Stringify(schema_ptr);
  std::string keyword = validator.GetInvalidSchemaKeyword();
  const rapidjson::Value* node
      = rapidjson::Pointer(schema_ptr.GetString()).Get(compiled.dom);
  static const rapidjson::Value empty_object{rapidjson::kObjectType};
  return phrase(doc, node != nullptr ? *node : empty_object,
                doc_ptr.GetString(), keyword);
}

} // namespace hlc::detail
