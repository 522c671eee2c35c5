#include "config/loader.hpp"

#include "config/json_source.hpp"
#include "config/schema_check.hpp"
#include "config/secrets.hpp"
#include "config/semantic_check.hpp"
#include "config/settings_reader.hpp"
#include "json_input/bounded_parse.hpp"

#include <cstdlib>

namespace hlc {

std::string to_string(const config_error& x) {
  auto msg = x.message;
  // One line, always: the operator greps for it.
  for (auto& c : msg)
    if (c == '\n' || c == '\r') c = ' ';
  return "config error at " + (x.pointer.empty() ? "(root)" : x.pointer) + ": "
         + msg;
}

env_lookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string{v};
    return std::nullopt;
  };
}

config_result<settings> load_settings_text(std::string_view json,
                                           const env_lookup& env) {
  try {
    detail::json_source src;
    if (auto err = detail::parse_config_json(json, src)) return *err;
    if (auto err = detail::check_against_schema(src.values)) return *err;
    auto result = detail::read_settings(src);
    if (!result) return result;
    auto& s = result.value();
    if (auto err = check_settings(s)) return *err;
    if (auto err = resolve_secrets(s, env)) return *err;
    return result;
  } catch (const std::exception& x) { // allocation, a defective schema
    return config_error{"", std::string{"cannot load config: "} + x.what()};
  }
}

config_result<settings> load_settings_file(const std::string& path,
                                           const env_lookup& env) {
  std::string text;
  try {
    text = json_input::read_file(path, json_input::limits::config);
  } catch (const json_input::read_failure& x) {
    return config_error{"",
                        "cannot read config file " + path + ": " + x.reason};
  }
  return load_settings_text(text, env);
}

} // namespace hlc
