#include "apps/hlcopy/run.hpp"

#include "actors/ingest/ingest_children.hpp"
#include "adapters/net/tls.hpp"
#include "apps/hlcopy/pipeline.hpp"
#include "apps/hlcopy/startup.hpp"
#include "messages/type_ids.hpp"
#include "persistence/cursor_repo.hpp"
#include "persistence/database.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <csignal>
#include <iostream>

namespace hlc {

namespace {

int refuse(const std::string& why) {
  std::cerr << "hlcopy run: " << why << "\n";
  return 2;
}

void step(const char* name, const std::string& detail = {}) {
  log_info("run", name, {}, {{"detail", detail}});
}

} // namespace

int run_service(const settings& cfg) {
  switch (cfg.mode) {
  case run_mode::live:
    return refuse("mode \"live\" needs the Binance gateway, which is not "
                  "part of this build; use \"backfill-only\"");
  case run_mode::dry_run:
    return refuse("mode \"dry-run\" needs Binance market data (marks) for "
                  "the paper exchange, which is not part of this build "
                  "yet; use \"backfill-only\"");
  case run_mode::replay:
    return refuse("mode \"replay\" is `hlcopy replay --fills F`");
  case run_mode::backfill_only:
    break;
  }
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
  step("config", "mode backfill-only, "
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

  auto ctx = std::make_shared<pipeline_context>();
  ctx->cfg = cfg;
  ctx->startup = started;
  ctx->clock = clock;
  ctx->alert_out = [](const std::string& line) { std::cout << line << "\n"; };
  // backfill-only: record and advance, never order (MODE-1).
  ctx->startup.initial_state = state_change{
      trading_state::safe, state_reason::operator_command,
      "backfill-only: ingest and cursors only", "run", clock->now_ms()};
  auto sc = make_paper_pipeline(ctx);
  add_live_ingest(sc, ingest);

  caf::actor_system_config sys_cfg;
  sys_cfg.add_message_types<caf::id_block::hlcopy>();
  sys_cfg.set("scheduler.max-threads", 2);
  caf::actor_system sys{sys_cfg};
  auto sup = sys.spawn(supervisor, std::move(sc));
  step("pipeline",
       "supervisor started; ingest connecting to " + ingest->settings.ws_url);

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
  rt.stop();
  step("stopped", clean ? "clean" : "a phase was cut at its bound");
  return 0;
}

} // namespace hlc
