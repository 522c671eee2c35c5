#include "apps/hlcopy/live_startup.hpp"

#include "actors/executor/client_order_id.hpp"
#include "adapters/hyperliquid/info.hpp"
#include "apps/hlcopy/baseline.hpp"
#include "apps/hlcopy/info_fetch.hpp"
#include "persistence/audit_repo.hpp"
#include "persistence/database.hpp"
#include "persistence/system_state_repo.hpp"
#include "support/log.hpp"

#include <soci/soci.h>

#include <chrono>
#include <future>
#include <thread>

namespace hlc {

namespace {

constexpr auto step_bound = std::chrono::seconds(15);
/// Signed reads wait out a full request-weight window (60 s, EXE-2): a
/// restart soon after many others finds the minute's budget spent.
constexpr auto binance_step_bound = std::chrono::seconds(70);

void step(const char* name, const std::string& detail) {
  log_info("run", name, {}, {{"detail", detail}});
}

/// One callback-style read of the REST gateway, asked again until it
/// answers or `binance_step_bound` passed: a restart inside a rate-limit
/// window or a breaker's open time waits instead of failing (the last
/// error is kept and logged).
template <class T, class Start>
binance::read_result<T> await_read(Start start) {
  auto deadline = std::chrono::steady_clock::now() + binance_step_bound;
  binance::read_result<T> last;
  last.error = "no answer within 70 s";
  while (std::chrono::steady_clock::now() < deadline) {
    auto p = std::make_shared<std::promise<binance::read_result<T>>>();
    auto f = p->get_future();
    start([p](binance::read_result<T> r) { p->set_value(std::move(r)); });
    if (f.wait_until(deadline) != std::future_status::ready) break;
    auto r = f.get();
    if (r.value) return r;
    if (r.error != last.error)
      log_warn("run", "startup_read_retry", {}, {{"detail", r.error}});
    last = std::move(r);
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return last;
}

/// The net filled quantity of this database's live orders, by symbol
/// (EXE-6: the book rebuilt from fills), and the symbols with orders not
/// known to be final. Paper orders carry epoch "0" and are not ours on
/// Binance.
void local_positions(const std::string& db_path, const std::string& prefix,
                     baseline_snapshot& b) {
  auto db = database::open(db_path);
  soci::rowset<soci::row> rows
      = (db.session().prepare
         << "SELECT client_id, symbol, side, filled_qty, state FROM orders");
  auto paper = prefix + "-0-";
  for (auto& r : rows) {
    if (r.get<std::string>(0).rfind(paper, 0) == 0) continue;
    auto symbol = r.get<std::string>(1);
    auto qty = decimal::parse_or_throw(r.get<std::string>(3));
    auto& pos = b.local[symbol];
    pos = r.get<std::string>(2) == "BUY" ? pos + qty : pos - qty;
    auto state = r.get<std::string>(4);
    if (state != "FILLED" && state != "CANCELED" && state != "EXPIRED"
        && state != "REJECTED")
      b.unresolved.insert(symbol);
  }
}

std::optional<startup_failure> leader_positions(net::runtime& rt,
                                                const ingest_context& ingest,
                                                baseline_snapshot& b) {
  for (auto& leader : ingest.settings.leaders) {
    std::string why;
    auto body = post_info_retrying(
        rt, ingest.tls, ingest.settings.info_url,
        hyperliquid::clearinghouse_state_request(leader), step_bound, why);
    if (!body)
      return startup_failure{"HL_UNREACHABLE",
                             "clearinghouseState of " + leader + ": " + why};
    auto parsed = hyperliquid::parse_clearinghouse_state(*body);
    if (auto err = std::get_if<hyperliquid::parse_error>(&parsed))
      return startup_failure{"HL_UNREACHABLE", "clearinghouseState of " + leader
                                                   + ": " + err->to_string()};
    auto& coins = b.leaders[leader];
    for (auto& p : std::get<hyperliquid::clearinghouse_state>(parsed).positions)
      coins[p.coin] = p.szi;
  }
  return std::nullopt;
}

void record_state(const settings& cfg, const startup_result& started) {
  auto db = database::open(cfg.storage.path);
  auto& s = started.initial_state;
  system_state_repo{db}.store(
      system_state_row{s, started.config_hash, started.run_id});
  audit_repo{db}.append(audit_row{0, s.time_ms, "startup", "baseline",
                                  std::string{to_string(s.reason)}, s.detail});
}

} // namespace

binance::rest_gateway_settings rest_settings(const settings& cfg) {
  binance::rest_gateway_settings s;
  s.rest_url = cfg.binance.rest_url;
  s.api_key = cfg.keys.binance_api_key;
  s.api_secret = cfg.keys.binance_api_secret;
  s.recv_window_ms = cfg.binance.recv_window_ms;
  s.request_timeout_ms = cfg.binance.request_timeout_ms;
  s.margin_type
      = cfg.binance.margin_type == "isolated" ? "ISOLATED" : "CROSSED";
  // "follow" would need the leader's leverage per coin at order time; until
  // clearinghouseState feeds it, it sets the configured one, like "fixed".
  s.leverage = cfg.binance.leverage_mode == "cap"
                   ? std::min(cfg.binance.leverage, cfg.risk.max_leverage)
                   : cfg.binance.leverage;
  return s;
}

std::optional<startup_failure> start_live_venue(
    net::runtime& rt, const ingest_context& ingest, const settings& cfg,
    std::vector<binance::rate_limit> limits,
    std::shared_ptr<const wall_clock> clock, startup_result& started,
    std::function<void(std::string, std::string)> status, live_venue& out) {
  try {
    out.rest = binance::rest_gateway::create(
        rt, ingest.tls, rest_settings(cfg), [clock] { return clock->now_ms(); },
        std::move(status));
  } catch (const std::exception& e) {
    return startup_failure{"CONFIG", std::string{"binance: "} + e.what()};
  }
  if (!limits.empty()) out.rest->set_rate_limits(std::move(limits));
  // One epoch per run (ADR 0014): seconds since 1970 in base 36.
  out.epoch = to_base36(static_cast<uint64_t>(clock->now_ms() / 1000));

  auto synced = await_read<bool>([&](auto done) {
    out.rest->sync_clock([done](bool ok, std::string why) {
      binance::read_result<bool> r;
      if (ok)
        r.value = true;
      else
        r.error = std::move(why);
      done(std::move(r));
    });
  });
  if (!synced.value) return startup_failure{"CLOCK_SYNC_FAILED", synced.error};
  step("clock_sync", "server time offset known");

  auto dual = await_read<bool>(
      [&](auto done) { out.rest->position_mode(std::move(done)); });
  if (!dual.value) return startup_failure{"BINANCE_UNREACHABLE", dual.error};
  if (*dual.value)
    return startup_failure{
        "HEDGE_MODE", "the account is in hedge mode (dualSidePosition true); "
                      "hlcopy trades one-way positions only: switch the "
                      "account to one-way mode (EXE-10)"};
  step("position_mode", "one-way");

  baseline_snapshot b;
  auto risk = await_read<std::vector<binance::position_risk>>(
      [&](auto done) { out.rest->positions(std::move(done)); });
  if (!risk.value)
    return startup_failure{"BINANCE_UNREACHABLE",
                           "positionRisk: " + risk.error};
  for (auto& p : *risk.value)
    if (!p.position_amt.is_zero()) b.binance[p.symbol] = p.position_amt;
  try {
    local_positions(cfg.storage.path, cfg.execution.client_id_prefix, b);
  } catch (const std::exception& e) {
    return startup_failure{"DB_ERROR", e.what()};
  }
  if (auto failed = leader_positions(rt, ingest, b)) return failed;
  auto refusal = baseline_refusal(b, cfg.strategy.trust_local);
  auto next = starting_state(started.initial_state, refusal, clock->now_ms());
  step("baseline", refusal ? "SAFE: " + *refusal : "accepted");
  if (next.state != started.initial_state.state
      || next.reason != started.initial_state.reason) {
    started.initial_state = next;
    try {
      record_state(cfg, started);
    } catch (const std::exception& e) {
      return startup_failure{"DB_ERROR", e.what()};
    }
  }
  return std::nullopt;
}

} // namespace hlc
