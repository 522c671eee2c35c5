#include "apps/hlcopy/run.hpp"

#include "actors/ingest/ingest_children.hpp"
#include "adapters/hyperliquid/info.hpp"
#include "adapters/net/tls.hpp"
#include "adapters/net/url.hpp"
#include "apps/hlcopy/info_fetch.hpp"
#include "apps/hlcopy/live_pipeline.hpp"
#include "apps/hlcopy/live_startup.hpp"
#include "apps/hlcopy/market_children.hpp"
#include "apps/hlcopy/pipeline.hpp"
#include "apps/hlcopy/startup.hpp"
#include "messages/type_ids.hpp"
#include "persistence/cursor_repo.hpp"
#include "persistence/database.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <csignal>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace hlc {

namespace {

/// Hands adapter events that must change the trading state (a 418 ban,
/// EXE-2) to the SUPERVISOR once it runs.
class supervisor_link {
public:
  void attach(supervisor_actor sup) {
    std::lock_guard<std::mutex> g{m_};
    sup_ = std::move(sup);
  }
  void escalate(state_reason reason, const std::string& detail) {
    std::lock_guard<std::mutex> g{m_};
    if (sup_) caf::anon_send(sup_, atom::escalate_v, reason, detail);
  }

private:
  std::mutex m_;
  supervisor_actor sup_;
};

int refuse(const std::string& why) {
  std::cerr << "hlcopy run: " << why << "\n";
  return 2;
}

void step(const char* name, const std::string& detail = {}) {
  log_info("run", name, {}, {{"detail", detail}});
}

/// Hyperliquid's mids for the price sanity check (STR-1); nullopt with
/// `why` when there is no usable answer within `bound`.
std::optional<std::vector<coin_mid>>
fetch_hl_mids(net::runtime& rt, const ingest_context& ingest,
              std::chrono::milliseconds bound, std::string& why) {
  auto body = post_info_retrying(rt, ingest.tls, ingest.settings.info_url,
                                 hyperliquid::all_mids_request(), bound, why);
  if (!body) {
    why = "allMids: " + why;
    return std::nullopt;
  }
  auto parsed = hyperliquid::parse_all_mids(*body);
  if (auto err = std::get_if<hyperliquid::parse_error>(&parsed)) {
    why = "allMids: " + err->to_string();
    return std::nullopt;
  }
  std::vector<coin_mid> mids;
  for (auto& [coin, mid] : std::get<std::map<std::string, decimal>>(parsed))
    mids.push_back(coin_mid{coin, mid});
  return mids;
}

} // namespace

int run_service(const settings& cfg) {
  return run_service(cfg, run_hooks{});
}

int run_service(const settings& cfg, const run_hooks& hooks) {
  switch (cfg.mode) {
  case run_mode::replay:
    return refuse("mode \"replay\" is `hlcopy replay --fills F`");
  case run_mode::live:
  case run_mode::dry_run:
  case run_mode::backfill_only:
    break;
  }
  const bool dry_run = cfg.mode == run_mode::dry_run;
  const bool live = cfg.mode == run_mode::live;
  const bool trades = dry_run || live;
  auto ingest = std::make_shared<ingest_context>();
  ingest->settings = to_ingest_settings(cfg);
  if (auto err = hyperliquid::validate(ingest->settings); !err.empty())
    return refuse("config error: " + err);

  // SIGINT/SIGTERM are taken by sigwait below; block them before any thread
  // starts so that none of them gets the signal instead.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  init_logging(cfg.logging);
  auto clock = std::make_shared<system_wall_clock>();
  step("config", std::string{"mode "} + std::string{to_string(cfg.mode)} + ", "
                     + std::to_string(ingest->settings.leaders.size())
                     + " leaders");
  startup_result started;
  try {
    started = prepare_database(cfg, clock->now_ms());
    auto db = database::open(cfg.storage.path);
    cursor_repo cursors{db};
    for (auto& c : cursors.load_all())
      ingest->cursors->advance(c.leader, c.last_time_ms);
    step("cursors", std::to_string(ingest->cursors->snapshot().size())
                        + " leaders with a cursor");
  } catch (const std::exception& e) {
    std::cerr << "hlcopy run: startup failed: " << e.what() << "\n";
    return 1;
  }
  net::runtime rt;
  ingest->runtime = &rt;
  ingest->clock = clock;
  try {
    ingest->tls = net::make_client_tls_context({ingest->settings.ca_file});
  } catch (const std::exception& e) {
    std::cerr << "hlcopy run: TLS setup failed (CA store): " << e.what()
              << "\n";
    return 1;
  }
  rt.start();
  step("network", "io thread started");

  // Binance's rules and marks (unsigned): the paper venue fills at them in
  // dry-run (issue 7 item 5); sizing and the price guards use them in both.
  // exchangeInfo gates the start (MODE-2).
  auto bridge = std::make_shared<market_bridge>();
  std::shared_ptr<binance::market_feed> feed;
  std::vector<symbol_filters> filters;
  std::optional<std::vector<coin_mid>> hl_mids;
  if (trades) {
    binance::market_feed_settings ms;
    ms.rest_url = cfg.binance.rest_url;
    ms.ws_url = cfg.binance.ws_url;
    ms.request_timeout_ms = cfg.binance.request_timeout_ms;
    auto now = [clock] { return clock->now_ms(); };
    try {
      feed = binance::market_feed::create(rt, ingest->tls, ms,
                                          bridge->events(now), now);
    } catch (const std::exception& e) {
      rt.stop();
      return refuse("config error: binance: " + std::string{e.what()});
    }
    feed->start();
    auto first = bridge->first_filters(std::chrono::seconds(15));
    if (!first) {
      feed->stop();
      rt.stop();
      std::cerr << "hlcopy run: startup failed: BINANCE_UNREACHABLE: no "
                   "exchangeInfo from "
                << cfg.binance.rest_url << " within 15 s\n";
      return 1;
    }
    filters = std::move(*first);
    size_t trading = 0;
    for (auto& f : filters)
      trading += f.trading ? 1 : 0;
    step("exchange_info", std::to_string(trading) + " trading symbols");
    // No fill is decided before the market is known (STR-8): the ingest
    // starts once every trading symbol has a mark.
    std::set<std::string> symbols;
    for (auto& f : filters)
      if (f.trading) symbols.insert(f.symbol);
    if (!bridge->marks_for(symbols, std::chrono::seconds(15))) {
      feed->stop();
      rt.stop();
      std::cerr << "hlcopy run: startup failed: MARKS_UNAVAILABLE: no mark "
                   "for every trading symbol within 15 s\n";
      return 1;
    }
    step("marks", std::to_string(symbols.size()) + " symbols");
    std::string why;
    hl_mids = fetch_hl_mids(rt, *ingest, std::chrono::seconds(15), why);
    if (!hl_mids) {
      feed->stop();
      rt.stop();
      std::cerr << "hlcopy run: startup failed: HL_UNREACHABLE: " << why
                << "\n";
      return 1;
    }
    step("hl_mids", std::to_string(hl_mids->size()) + " coins");
  }

  // live: clock, position mode and the baseline before any actor (MODE-2,
  // MODE-3); the gateway's events reach the SUPERVISOR once it runs.
  live_venue venue;
  auto escalation = std::make_shared<supervisor_link>();
  if (live) {
    auto failed = start_live_venue(
        rt, *ingest, cfg, bridge->rate_limits(), clock, started,
        [escalation](std::string event, std::string detail) {
          log_info("binance", event, {}, {{"detail", detail}});
          if (event == "ip_banned")
            escalation->escalate(state_reason::ip_banned, detail);
        },
        venue);
    if (failed) {
      if (venue.rest) venue.rest->stop();
      feed->stop();
      rt.stop();
      std::cerr << "hlcopy run: startup failed: " << failed->code << ": "
                << failed->detail << "\n";
      return 1;
    }
  }

  auto ctx = std::make_shared<pipeline_context>();
  ctx->cfg = cfg;
  ctx->startup = started;
  ctx->clock = clock;
  ctx->alert_out = [](const std::string& line) { std::cout << line << "\n"; };
  ctx->filters = filters;
  if (!trades) {
    // backfill-only: record and advance, never order (MODE-1).
    ctx->startup.initial_state = state_change{
        trading_state::safe, state_reason::operator_command,
        "backfill-only: ingest and cursors only", "run", clock->now_ms()};
  }
  auto sc = live ? make_live_pipeline(ctx, venue.rest, venue.epoch)
                 : make_paper_pipeline(ctx);
  if (trades) add_market_feed(sc, bridge);
  add_live_ingest(sc, ingest);

  caf::actor_system_config sys_cfg;
  sys_cfg.add_message_types<caf::id_block::hlcopy>();
  sys_cfg.set("scheduler.max-threads", 2);
  caf::actor_system sys{sys_cfg};
  auto sup = sys.spawn(supervisor, std::move(sc));
  escalation->attach(sup);
  step("pipeline",
       "supervisor started; ingest connecting to " + ingest->settings.ws_url);
  if (trades) {
    // Restart recovery: the market is known (above), so restored targets
    // trade at current prices (ADR 0022).
    caf::scoped_actor self{sys};
    self->request(sup, caf::infinite, caf::get_atom_v, atom::wiring_v)
        .receive(
            [&](dedup_gate_actor&, strategy_actor& s, router_actor&,
                paper_gateway_actor&, writer_actor&) {
              // Price sanity before anything is traded (STR-1): the rules
              // and marks went first through the MARKET FEED.
              // The marks again from this sender, so they reach the
              // STRATEGY before the mids (CAF orders per sender only).
              if (hl_mids) {
                for (auto& m : bridge->marks())
                  self->send(s, m);
                self->send(s, *hl_mids);
              }
              self->request(s, caf::infinite, atom::restore_v)
                  .receive(
                      [](uint64_t n) {
                        step("restored", std::to_string(n) + " targets");
                      },
                      [](const caf::error& e) {
                        log_warn("run", "restore_failed", {},
                                 {{"detail", caf::to_string(e)}});
                      });
            },
            [](const caf::error&) {});
  }

  if (hooks.filters_out) *hooks.filters_out = filters;
  if (hooks.on_ready) hooks.on_ready();
  int sig = 0;
  if (hooks.done) {
    timespec tick{0, 100'000'000};
    while (sig <= 0 && !hooks.done())
      sig = sigtimedwait(&stop_signals, nullptr, &tick);
  } else {
    sigwait(&stop_signals, &sig);
  }
  step("stopping", sig == SIGTERM  ? "SIGTERM"
                   : sig == SIGINT ? "SIGINT"
                                   : "done");
  bool clean = false;
  {
    caf::scoped_actor self{sys};
    self->request(sup, caf::infinite, atom::shutdown_v)
        .receive([&](bool ok) { clean = ok; }, [](const caf::error&) {});
    self->send_exit(sup, caf::exit_reason::user_shutdown);
  }
  escalation->attach(supervisor_actor{});
  sys.await_all_actors_done();
  if (venue.rest) venue.rest->stop();
  if (feed) feed->stop();
  rt.stop();
  step("stopped", clean ? "clean" : "a phase was cut at its bound");
  return 0;
}

} // namespace hlc
