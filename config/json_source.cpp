#include "config/json_source.hpp"

#include "json_input/bounded_parse.hpp"

#include <algorithm>
#include <set>

namespace hlc::detail {

namespace {

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
  using json_input::dialect;
  using json_input::parse_failure;
  const auto& limits = json_input::limits::config;
  if (auto err
      = json_input::parse(out.values, json, limits, dialect::relaxed)) {
    if (err->what != parse_failure::kind::syntax)
      return config_error{"", std::move(err->message)};
    // Syntax errors point at line and column: the operator edits the file.
    auto offset = std::min(err->offset, json.size());
    auto line = 1 + std::count(json.begin(), json.begin() + offset, '\n');
    auto nl = json.rfind('\n', offset == 0 ? 0 : offset - 1);
    auto column = nl == std::string_view::npos || offset == 0 ? offset + 1
                                                              : offset - nl;
    auto msg = err->message;
    msg.replace(0, msg.find(':'),
                "invalid JSON at line " + std::to_string(line) + ", column "
                    + std::to_string(column));
    return config_error{"", std::move(msg)};
  }
  if (json_input::parse(out.texts, json, limits,
                        dialect::relaxed_numbers_as_text))
    return config_error{"", "invalid JSON"}; // cannot differ from the first
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
