#include "config/check_config.hpp"

#include "config/effective_config.hpp"
#include "config/loader.hpp"

namespace hlc {

int run_check_config(const std::string& path, const env_lookup& env,
                     std::ostream& out, std::ostream& err) {
  auto result = load_settings_file(path, env);
  if (!result) {
    err << to_string(result.error()) << '\n';
    return 2;
  }
  out << effective_config_json(result.value(), true) << '\n'
      << "config hash: " << config_hash(result.value()) << '\n';
  return 0;
}

} // namespace hlc
