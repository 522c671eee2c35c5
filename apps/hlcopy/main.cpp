// hlcopy: copies Hyperliquid leader positions onto Binance USD-M futures.
// This file only parses the command line; the commands live in hlc_app.

#include "actors/strategy/sizing.hpp"
#include "apps/hlcopy/embedded.hpp"
#include "apps/hlcopy/input_files.hpp"
#include "apps/hlcopy/live_demo.hpp"
#include "apps/hlcopy/market_data.hpp"
#include "apps/hlcopy/replay.hpp"
#include "apps/hlcopy/report.hpp"
#include "apps/hlcopy/run.hpp"
#include "apps/hlcopy/status.hpp"
#include "apps/hlcopy/why.hpp"
#include "config/check_config.hpp"
#include "config/loader.hpp"
#include "persistence/db_error.hpp"
#include "support/crash_points.hpp"
#include "support/log.hpp"

#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace {

constexpr const char* usage = R"(usage: hlcopy <command> [options]

commands:
  demo                       the live path on this machine, offline: starts
                             hl-sim and binance-sim on 127.0.0.1, copies a
                             scripted 3-minute leader session (run 12x
                             faster) through `run` in live mode onto
                             binance-sim, and prints what was copied,
                             skipped and why, positions against targets and
                             copy latency
  demo --replay              replay the bundled REAL leader recording (500
                             fills, 2023-05-05) against the paper exchange
                             with the bundled demo config; prints the report
  replay --config F --fills R [--exchange-info X] [--marks M]
         [--from MS] [--to MS]
                             run recording R (userFills/userFillsByTime JSON)
                             through the real pipeline against the paper
                             exchange and print the report; X and M default
                             to the bundled exchangeInfo and marks (a marks
                             file listing a symbol more than once is a
                             timeline: marks then move at their own times,
                             not to each fill's price); --from / --to keep
                             fills with time in [MS, MS]
         test options (docs/operations.md): --crash-at POINT:N (SIGKILL at
         the Nth pass of intent_committed, order_sent, answer_recorded or
         decision_persisted; --crash-after-intents N and --crash-after-sends
         N are aliases), --count-crash-points (print the passes as a JSON
         line after the report), --term-after-fills N
  check-config --config F    validate F, print the effective config (secrets
                             as set/missing) and its hash; exit 2 on error
  run --config F             the service: mode live (signed orders on
                             Binance), dry-run (paper exchange at Binance
                             marks) or backfill-only (ingest and cursors
                             only); SIGINT/SIGTERM stop it in order
  status [--db F | --config F] [--json]
                             state, cursors, positions vs targets, open
                             orders, skips with reasons (read-only DB)
  why <fill key | client order id | symbol> [--db F | --config F]
                             what was decided about it, and why
  help                       this text

Every command accepts --help. Exit codes: 0 ok, 1 runtime failure,
2 usage or configuration error (any config error, from every command; a
data file that cannot be read as JSON within its limits).
)";

struct args {
  std::string command;
  std::map<std::string, std::string> options;
  bool help = false;
};

/// Options that take no value.
bool is_flag(const std::string& name) {
  return name == "--count-crash-points" || name == "--replay";
}

/// Parses `--name value` pairs and flags; returns an error text or empty.
std::string parse(int argc, char** argv, args& out) {
  if (argc < 2) return "missing command";
  out.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      out.help = true;
      continue;
    }
    if (is_flag(a)) {
      out.options[a.substr(2)] = "1";
      continue;
    }
    if (a.rfind("--", 0) != 0 || i + 1 >= argc)
      return "unexpected argument '" + a + "'";
    out.options[a.substr(2)] = argv[++i];
  }
  return {};
}

int fail_usage(const std::string& why) {
  std::cerr << "hlcopy: " << why << "\n\n" << usage;
  return 2;
}

std::string option(const args& a, const std::string& name,
                   const std::string& fallback = {}) {
  auto i = a.options.find(name);
  return i == a.options.end() ? fallback : i->second;
}

/// A whole-number option, or exit 2 naming it.
int64_t number_option(const args& a, const std::string& name,
                      int64_t fallback) {
  auto text = option(a, name);
  if (text.empty()) return fallback;
  size_t used = 0;
  int64_t value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 0) {
    std::cerr << "hlcopy: --" << name << " must be a whole number >= 0, got '"
              << text << "'\n";
    std::exit(2);
  }
  return value;
}

/// `--crash-at POINT:N`, or its aliases `--crash-after-intents N`
/// (intent_committed) and `--crash-after-sends N` (order_sent); exit 2 on a
/// bad value or on more than one.
std::optional<hlc::crash_points::crash_spec> crash_option(const args& a) {
  using hlc::crash_points::point;
  std::vector<hlc::crash_points::crash_spec> given;
  if (auto text = option(a, "crash-at"); !text.empty()) {
    std::string error;
    auto spec = hlc::crash_points::parse_spec(text, error);
    if (!spec) {
      std::cerr << "hlcopy: --crash-at: " << error << "\n";
      std::exit(2);
    }
    given.push_back(*spec);
  }
  for (auto [name, p] :
       {std::pair{"crash-after-intents", point::intent_committed},
        std::pair{"crash-after-sends", point::order_sent}})
    if (auto n = number_option(a, name, 0); n > 0)
      given.push_back({p, static_cast<uint64_t>(n)});
  if (given.size() > 1) {
    std::cerr << "hlcopy: only one crash point at a time (--crash-at, "
                 "--crash-after-intents, --crash-after-sends)\n";
    std::exit(2);
  }
  if (given.empty()) return std::nullopt;
  return given.front();
}

struct window {
  int64_t from_ms = 0;
  int64_t to_ms = INT64_MAX;
  std::optional<hlc::crash_points::crash_spec> crash_at;
  bool count_crash_points = false;
  uint64_t term_after_fills = 0;
};

/// Options the schema accepts but this build cannot honour yet: refuse them
/// clearly instead of silently doing something else (exit 2).
void refuse_unsupported(const hlc::settings& cfg) {
  if (cfg.execution.order_type != "market") {
    std::cerr << "config error at /execution/order_type: \""
              << cfg.execution.order_type
              << "\" is not available yet (limit pricing, EXE-7, comes with "
                 "the live gateway); use \"market\"\n";
    std::exit(2);
  }
  for (size_t i = 0; i < cfg.leaders.size(); ++i)
    if (!hlc::sizing_supported(cfg.leaders[i].sizing.mode)) {
      std::cerr << "config error at /leaders/" << i << "/sizing/mode: \""
                << hlc::to_string(cfg.leaders[i].sizing.mode)
                << "\" needs account equity feeds that are not available "
                   "yet; use \"ratio\" or \"fixed_usd\"\n";
      std::exit(2);
    }
}

/// `recording` is a path, or with `in_memory` the recording itself.
int run_replay_command(hlc::settings cfg, std::string_view recording,
                       bool in_memory, std::string source,
                       hlc::market_snapshot market, window w) {
  refuse_unsupported(cfg);
  hlc::init_logging(cfg.logging);
  for (auto& e : market.errors)
    std::cerr << "hlcopy: market data: " << e << "\n";
  hlc::replay_options opts;
  opts.cfg = cfg;
  if (in_memory)
    opts.fills_json = recording;
  else
    opts.fills_path = std::string{recording};
  opts.fills_name = source;
  opts.market = market;
  opts.from_ms = w.from_ms;
  opts.to_ms = w.to_ms;
  opts.crash_at = w.crash_at;
  opts.count_crash_points = w.count_crash_points;
  opts.term_after_fills = w.term_after_fills;
  hlc::install_stop_handlers();
  opts.out = [](const std::string& line) { std::cout << line << "\n"; };
  auto counters = hlc::run_replay(opts);
  auto report = hlc::build_report(cfg, counters, market, source);
  std::cout << hlc::render(report);
  if (w.count_crash_points)
    std::cout << hlc::crash_points::counts_json() << "\n";
  return 0;
}

/// Every config error (unreadable, invalid JSON, schema, semantic, missing
/// secret) exits 2, whichever command loads the config.
hlc::settings settings_or_exit(hlc::config_result<hlc::settings> result,
                               const std::string& name) {
  if (!result) {
    std::cerr << hlc::to_string(result.error()) << " (" << name << ")\n";
    std::exit(2);
  }
  return std::move(result).value();
}

hlc::settings load_file_or_exit(const std::string& path) {
  return settings_or_exit(hlc::load_settings_file(path, hlc::process_env()),
                          path);
}

} // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string{argv[1]} == "status")
    return hlc::status_main(argc, argv, std::cout, std::cerr);
  if (argc > 1 && std::string{argv[1]} == "why")
    return hlc::why_main(argc, argv, std::cout, std::cerr);
  args a;
  if (auto err = parse(argc, argv, a); !err.empty()) return fail_usage(err);
  if (a.command == "help" || a.command == "--help" || a.command == "-h"
      || a.help) {
    std::cout << usage;
    return 0;
  }
  try {
    if (a.command == "check-config") {
      auto path = option(a, "config");
      if (path.empty()) return fail_usage("check-config needs --config F");
      return hlc::run_check_config(path, hlc::process_env(), std::cout,
                                   std::cerr);
    }
    if (a.command == "demo" && option(a, "replay").empty())
      return hlc::run_live_demo(std::cout, std::cerr);
    if (a.command == "demo") {
      auto cfg = settings_or_exit(
          hlc::load_settings_text(hlc::embedded::demo_config(),
                                  hlc::process_env()),
          "bundled demo config");
      auto market = hlc::load_market(hlc::embedded::demo_exchange_info(),
                                     hlc::embedded::demo_marks());
      return run_replay_command(cfg, hlc::embedded::demo_fills(), true,
                                "bundled REAL userFills recording (500 fills)",
                                market, window{});
    }
    if (a.command == "replay") {
      auto config_path = option(a, "config");
      auto fills_path = option(a, "fills");
      if (config_path.empty() || fills_path.empty())
        return fail_usage("replay needs --config F and --fills R");
      auto cfg = load_file_or_exit(config_path);
      namespace limits = hlc::json_input::limits;
      auto info = option(a, "exchange-info");
      auto marks = option(a, "marks");
      auto market = hlc::load_market(
          info.empty() ? std::string{hlc::embedded::demo_exchange_info()}
                       : hlc::read_json_input("exchange-info", info,
                                              limits::exchange_info),
          marks.empty() ? std::string{hlc::embedded::demo_marks()}
                        : hlc::read_json_input("marks", marks, limits::marks));
      window w;
      w.from_ms = number_option(a, "from", 0);
      w.to_ms = number_option(a, "to", INT64_MAX);
      // Test hooks for recovery and shutdown (docs/operations.md).
      w.crash_at = crash_option(a);
      w.count_crash_points = !option(a, "count-crash-points").empty();
      w.term_after_fills
          = static_cast<uint64_t>(number_option(a, "term-after-fills", 0));
      return run_replay_command(cfg, fills_path, false, fills_path, market, w);
    }
    if (a.command == "run") {
      // Config errors first, with the same exit code as every command.
      if (auto path = option(a, "config"); !path.empty())
        return hlc::run_service(load_file_or_exit(path));
      return fail_usage("run needs --config F");
    }
    return fail_usage("unknown command '" + a.command + "'");
  } catch (const hlc::input_file_error& e) {
    std::cerr << "hlcopy: " << e.what() << "\n";
    return 2;
  } catch (const hlc::db_error& e) {
    std::cerr << "hlcopy: database error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "hlcopy: " << e.what() << "\n";
    return 1;
  }
}
