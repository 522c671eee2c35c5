#include "config/json_source.hpp"

#include <rapidjson/error/en.h>

#include <algorithm>
#include <set>

namespace hlc::detail {

namespace {

constexpr unsigned base_flags
    = rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;

// RapidJSON keeps the first of two equal keys silently; a key written twice
// is almost always an edit mistake, so it is an error here.
std::optional<config_error> find_duplicate_key(const rapidjson::Value& v,
                                               const std::string& ptr) {
  if (v.IsObject()) {
    std::set<std::string> seen;
    for (auto& m : v.GetObject()) {
      std::string key{m.name.GetString(), m.name.GetStringLength()};
      auto child = ptr + "/" + pointer_token(key);
      if (!seen.insert(key).second)
        return config_error{child, "option given twice"};
      if (auto err = find_duplicate_key(m.value, child)) return err;
    }
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
      if (auto err = find_duplicate_key(v[i], ptr + "/" + std::to_string(i)))
        return err;
  }
  return std::nullopt;
}

} // namespace

std::optional<config_error> parse_config_json(std::string_view json,
                                              json_source& out) {
  out.values.Parse<base_flags>(json.data(), json.size());
  if (out.values.HasParseError()) {
    auto offset = std::min(out.values.GetErrorOffset(), json.size());
    auto line = 1 + std::count(json.begin(), json.begin() + offset, '\n');
    auto nl = json.rfind('\n', offset == 0 ? 0 : offset - 1);
    auto column = nl == std::string_view::npos || offset == 0 ? offset + 1
                                                              : offset - nl;
    std::string msg = "invalid JSON at line " + std::to_string(line)
                      + ", column " + std::to_string(column) + ": "
                      + rapidjson::GetParseError_En(out.values.GetParseError());
    return config_error{"", std::move(msg)};
  }
  out.texts.Parse<base_flags | rapidjson::kParseNumbersAsStringsFlag>(
      json.data(), json.size());
  if (out.texts.HasParseError()) // cannot differ from the first parse
    return config_error{"", "invalid JSON"};
  return find_duplicate_key(out.values, "");
}

std::string pointer_token(std::string_view key) {
  std::string result;
  for (char c : key) {
    if (c == '~')
      result += "~0";
    else if (c == '/')
      result += "~1";
    else
      result += c;
  }
  return result;
}

std::string quote_for_message(std::string_view text) {
  constexpr size_t max_len = 40;
  std::string result = "\"";
  for (char c : text.substr(0, max_len)) {
    auto u = static_cast<unsigned char>(c);
    result += u < 0x20 || u == 0x7f ? '?' : c;
  }
  if (text.size() > max_len) result += "...";
  return result + "\"";
}

} // namespace hlc::detail
