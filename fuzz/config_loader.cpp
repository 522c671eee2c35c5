// The config loader, text to settings: parse, schema, settings reader,
// semantic checks, secrets from an environment that has every variable;
// then the effective config and its hash (config/loader).

#include "config/effective_config.hpp"
#include "config/loader.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    return "secret-of-" + name;
  };
  auto result = hlc::load_settings_text(hlc::fuzz::text_of(data, size), env);
  if (result) {
    (void)hlc::effective_config_json(result.value(), true);
    (void)hlc::config_hash(result.value());
  } else {
    (void)hlc::to_string(result.error());
  }
  return 0;
}
