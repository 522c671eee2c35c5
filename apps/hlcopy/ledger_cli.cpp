#include "apps/hlcopy/ledger_cli.hpp"

#include "config/loader.hpp"

#include <cstdio>
#include <ctime>

namespace hlc::ledger_cli {

std::optional<options> parse(int argc, char** argv, bool allow_json,
                             std::ostream& err) {
  options o;
  std::string config;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--json" && allow_json) {
      o.json = true;
    } else if ((a == "--db" || a == "--config") && i + 1 < argc) {
      (a == "--db" ? o.db_path : config) = argv[++i];
    } else if (a.rfind("--", 0) == 0) {
      err << "hlcopy " << argv[1] << ": unexpected option '" << a << "'\n";
      return std::nullopt;
    } else {
      o.positional.push_back(a);
    }
  }
  if (o.help) return o;
  if (!o.db_path.empty() && !config.empty()) {
    err << "hlcopy " << argv[1] << ": give --db or --config, not both\n";
    return std::nullopt;
  }
  if (!config.empty()) {
    auto cfg = load_settings_file(config, process_env());
    if (!cfg) {
      err << to_string(cfg.error()) << " (" << config << ")\n";
      return std::nullopt;
    }
    o.db_path = cfg.value().storage.path;
  }
  if (o.db_path.empty()) {
    err << "hlcopy " << argv[1] << ": needs --db F or --config F\n";
    return std::nullopt;
  }
  return o;
}

database open(const options& o) {
  return database::open_read_only(o.db_path);
}

std::string utc(int64_t ms) {
  auto seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec,
                static_cast<int>(((ms % 1000) + 1000) % 1000));
  return buf;
}

} // namespace hlc::ledger_cli
