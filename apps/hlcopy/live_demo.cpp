#include "apps/hlcopy/live_demo.hpp"

#include "apps/hlcopy/embedded.hpp"
#include "apps/hlcopy/report.hpp"
#include "apps/hlcopy/run.hpp"
#include "config/loader.hpp"
#include "persistence/database.hpp"
#include "sim/binance/binance_sim.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"
#include "sim/hyperliquid/scenario.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <ostream>
#include <set>

namespace hlc {

namespace {

namespace bsim = sim::binance;

constexpr auto demo_bound = std::chrono::seconds(30);

/// The bundled demo config, pointed at the two simulators.
settings demo_settings(uint16_t hl_port, uint16_t bn_port) {
  auto loaded = load_settings_text(embedded::demo_config(), {});
  if (!loaded) throw std::runtime_error("bundled demo config: unreadable");
  auto cfg = std::move(loaded).value();
  auto port = [](uint16_t p) { return "127.0.0.1:" + std::to_string(p); };
  cfg.mode = run_mode::live;
  cfg.hyperliquid.info_url = "http://" + port(hl_port) + "/info";
  cfg.hyperliquid.ws_url = "ws://" + port(hl_port) + "/ws";
  cfg.hyperliquid.ping_interval_ms = 1000;
  cfg.hyperliquid.ws_stale_ms = 5000;
  cfg.binance.rest_url = "http://" + port(bn_port);
  cfg.binance.ws_url = "ws://" + port(bn_port);
  // The simulator's own key pair (the Binance docs' example keys).
  cfg.keys.binance_api_key = bsim::test_api_key;
  cfg.keys.binance_api_secret = bsim::test_api_secret;
  cfg.storage.path = "hlcopy-demo-live.db";
  cfg.safety.shutdown_grace_ms = 3000;
  return cfg;
}

int64_t count(database& db, const std::string& sql) {
  int64_t n = 0;
  db.session() << sql, soci::into(n);
  return n;
}

/// Leader fill time → our order placed and → our order filled, from the
/// DB (ms): the order's correlation ends with its leader fill's time.
struct latency_sample {
  std::vector<int64_t> placed;
  std::vector<int64_t> filled;
};

latency_sample latencies(database& db) {
  latency_sample out;
  soci::rowset<soci::row> rows
      = (db.session().prepare << "SELECT correlation, created_ms, updated_ms, "
                                 "state FROM orders");
  for (auto& r : rows) {
    auto corr = r.get<std::string>(0);
    auto colon = corr.rfind(':');
    if (colon == std::string::npos) continue;
    int64_t leader_ms = std::stoll(corr.substr(colon + 1));
    out.placed.push_back(r.get<long long>(1) - leader_ms);
    if (r.get<std::string>(3) == "FILLED")
      out.filled.push_back(r.get<long long>(2) - leader_ms);
  }
  return out;
}

std::string percentiles(std::vector<int64_t> xs) {
  if (xs.empty()) return "no orders";
  std::sort(xs.begin(), xs.end());
  // Nearest rank below, in whole per-mille: no floating point.
  auto at = [&](size_t permille) {
    return std::to_string(xs[(xs.size() - 1) * permille / 1000]) + " ms";
  };
  return "p50 " + at(500) + ", p90 " + at(900) + ", p99 " + at(990) + ", max "
         + at(1000) + " (" + std::to_string(xs.size()) + " orders)";
}

void remove_db(const std::string& path) {
  for (auto* suffix : {"", "-wal", "-shm"})
    std::remove((path + suffix).c_str());
}

} // namespace

int run_live_demo(std::ostream& out, std::ostream& err) {
  // The simulators' threads must not take SIGINT/SIGTERM from the run.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto session = sim::hl::parse_scenario(embedded::demo_live_session(),
                                         "bundled demo session");
  sim::real_clock clock;
  sim::hl::hl_sim hl{clock, 7};
  auto hl_port = hl.start(0);
  bsim::binance_sim bn{bsim::venue_config{}};
  auto bn_port = bn.start(0);
  auto cfg = demo_settings(hl_port, bn_port);
  remove_db(cfg.storage.path); // a fresh account deserves a fresh book
  const auto leader = cfg.leaders.front().address;
  const auto trades = static_cast<int64_t>(session.trades.size());
  out << "hlcopy demo: the live path on 127.0.0.1 — hl-sim :" << hl_port
      << " → hlcopy run (live) → binance-sim :" << bn_port << "\n"
      << "  leader " << leader << ": " << trades
      << " trades over 3 minutes, replayed 12× faster\n"
      << std::flush;

  auto started = std::chrono::steady_clock::now();
  std::atomic<bool> loaded{false};
  run_hooks hooks;
  std::vector<symbol_filters> filters;
  hooks.filters_out = &filters;
  hooks.done = [&] {
    if (std::chrono::steady_clock::now() - started > demo_bound) return true;
    // The session starts once the copier follows the leader.
    if (!loaded) {
      if (hl.snapshot().tracked_users == 0) return false;
      hl.load_scenario(session);
      loaded = true;
      return false;
    }
    auto db = database::open(cfg.storage.path);
    return count(db, "SELECT COUNT(*) FROM processed_fills") >= trades
           && count(db, "SELECT COUNT(*) FROM orders WHERE state NOT IN "
                        "('FILLED','CANCELED','EXPIRED','REJECTED')")
                  == 0;
  };
  int rc = run_service(cfg, hooks);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now()
                                               - started)
                     .count();
  bn.stop();
  hl.stop();
  if (rc != 0) {
    err << "hlcopy demo: the live run failed (exit " << rc << ")\n";
    return rc;
  }

  auto db = database::open(cfg.storage.path);
  replay_counters c;
  c.read = static_cast<uint64_t>(
      count(db, "SELECT COUNT(*) FROM processed_fills"));
  c.fresh = c.read;
  db.session() << "SELECT COALESCE(MIN(time_ms), 0), COALESCE(MAX(time_ms), 0) "
                  "FROM processed_fills",
      soci::into(c.first_ms), soci::into(c.last_ms);
  c.quarantined
      = static_cast<uint64_t>(count(db, "SELECT COUNT(*) FROM quarantine"));
  std::map<std::string, decimal> venue;
  for (auto& p : bn.venue().positions())
    venue[p.symbol] = p.amount;
  market_snapshot market;
  market.filters = filters;
  auto report
      = build_report(cfg, c, market, "the bundled leader session", &venue);
  report.title = "hlcopy demo report (live path)";
  out << render(report);
  auto lat = latencies(db);
  auto orders = bn.venue().orders();
  std::set<std::string> ids;
  for (auto& o : orders)
    ids.insert(o.client_id);
  out << "copy latency (leader fill time → our order, wall clock):\n"
      << "  placed                  " << percentiles(lat.placed) << "\n"
      << "  filled                  " << percentiles(lat.filled) << "\n"
      << "binance-sim received " << orders.size() << " orders, "
      << (ids.size() == orders.size() ? "each client id once"
                                      : "SOME CLIENT ID TWICE")
      << "; the run took " << std::fixed << std::setprecision(1) << seconds
      << " s\n";
  bool on_target = std::all_of(
      report.symbols.begin(), report.symbols.end(),
      [](const symbol_report& s) { return s.note != "OFF TARGET"; });
  if (c.read < static_cast<uint64_t>(trades) || !on_target
      || ids.size() != orders.size()) {
    err << "hlcopy demo: the session did not finish on target within "
        << demo_bound.count() << " s\n";
    return 1;
  }
  return 0;
}

} // namespace hlc
