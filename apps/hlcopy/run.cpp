#include "apps/hlcopy/run.hpp"

#include "actors/ingest/ingest_children.hpp"
#include "adapters/hyperliquid/info.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/net/tls.hpp"
#include "adapters/net/url.hpp"
#include "apps/hlcopy/market_children.hpp"
#include "apps/hlcopy/pipeline.hpp"
#include "apps/hlcopy/startup.hpp"
#include "messages/type_ids.hpp"
#include "persistence/cursor_repo.hpp"
#include "persistence/database.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <csignal>
#include <future>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace hlc {

namespace {

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
  auto url = net::parse_url_or_throw(ingest.settings.info_url);
  auto http = net::http_client::create(rt.make_strand(), ingest.tls, url);
  auto answer = std::make_shared<std::promise<net::http_reply>>();
  auto got = answer->get_future();
  http->post_json(
      url.target, hyperliquid::all_mids_request(),
      [answer](net::http_reply r) { answer->set_value(std::move(r)); });
  if (got.wait_for(bound) != std::future_status::ready) {
    http->shutdown();
    why = "no allMids answer within " + std::to_string(bound.count()) + " ms";
    return std::nullopt;
  }
  auto r = got.get();
  http->shutdown();
  if (!r.ok()) {
    why = r.error.empty() ? "allMids: HTTP " + std::to_string(r.status)
                          : "allMids: " + r.error;
    return std::nullopt;
  }
  auto parsed = hyperliquid::parse_all_mids(r.body);
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
  switch (cfg.mode) {
  case run_mode::live:
    return refuse("mode \"live\" needs the Binance gateway, which is not "
                  "part of this build; use \"backfill-only\"");
  case run_mode::replay:
    return refuse("mode \"replay\" is `hlcopy replay --fills F`");
  case run_mode::dry_run:
  case run_mode::backfill_only:
    break;
  }
  const bool dry_run = cfg.mode == run_mode::dry_run;
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

  // dry-run: Binance's rules and marks (unsigned), the paper venue fills at
  // them (issue 7 item 5). exchangeInfo gates the start (MODE-2).
  auto bridge = std::make_shared<market_bridge>();
  std::shared_ptr<binance::market_feed> feed;
  std::vector<symbol_filters> filters;
  std::optional<std::vector<coin_mid>> hl_mids;
  if (dry_run) {
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

  auto ctx = std::make_shared<pipeline_context>();
  ctx->cfg = cfg;
  ctx->startup = started;
  ctx->clock = clock;
  ctx->alert_out = [](const std::string& line) { std::cout << line << "\n"; };
  ctx->filters = filters;
  if (!dry_run) {
    // backfill-only: record and advance, never order (MODE-1).
    ctx->startup.initial_state = state_change{
        trading_state::safe, state_reason::operator_command,
        "backfill-only: ingest and cursors only", "run", clock->now_ms()};
  }
  auto sc = make_paper_pipeline(ctx);
  if (dry_run) add_market_feed(sc, bridge);
  add_live_ingest(sc, ingest);

  caf::actor_system_config sys_cfg;
  sys_cfg.add_message_types<caf::id_block::hlcopy>();
  sys_cfg.set("scheduler.max-threads", 2);
  caf::actor_system sys{sys_cfg};
  auto sup = sys.spawn(supervisor, std::move(sc));
  step("pipeline",
       "supervisor started; ingest connecting to " + ingest->settings.ws_url);
  if (dry_run) {
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

  int sig = 0;
  sigwait(&stop_signals, &sig);
  step("stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
  bool clean = false;
  {
    caf::scoped_actor self{sys};
    self->request(sup, caf::infinite, atom::shutdown_v)
        .receive([&](bool ok) { clean = ok; }, [](const caf::error&) {});
    self->send_exit(sup, caf::exit_reason::user_shutdown);
  }
  sys.await_all_actors_done();
  if (feed) feed->stop();
  rt.stop();
  step("stopped", clean ? "clean" : "a phase was cut at its bound");
  return 0;
}

} // namespace hlc
