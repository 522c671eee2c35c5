// HL_STREAM and HL_BACKFILL as CAF actors against hl-sim on loopback, with
// stand-ins for the DEDUP GATE (the real dedup_set), WRITER, NOTIFIER and
// SUPERVISOR. A real actor system: the adapters run on the net runtime's
// thread and enter CAF with anon_send.

// First: child_spec.hpp needs the complete typed_event_based_actor (the
// library units get it from their precompiled <caf/all.hpp>).
#include <caf/all.hpp>

#include "actors/dedup/dedup_set.hpp"
#include "actors/ingest/hl_backfill_actor.hpp"
#include "actors/ingest/hl_stream_actor.hpp"
#include "actors/ingest/ingest_children.hpp"
#include "actors/supervisor/supervisor.hpp"
#include "messages/type_ids.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;

namespace {

const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/// What the stand-ins saw, guarded: they run on scheduler threads.
struct record {
  std::mutex m;
  std::condition_variable cv;
  hlc::dedup_set seen;
  uint64_t fresh = 0;
  uint64_t duplicates = 0;
  std::vector<hlc::quarantine_record> quarantined;
  std::vector<hlc::alert> alerts;
  std::vector<std::string> escalations;

  /// Waits for `p`, re-checked on every notification and every 10 ms
  /// (some conditions are the simulator's, which does not notify).
  template <class Pred>
  bool wait(Pred p, std::chrono::milliseconds bound = 20s) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    std::unique_lock<std::mutex> l{m};
    while (!p()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      cv.wait_for(l, 10ms);
    }
    return true;
  }
};
using record_ptr = std::shared_ptr<record>;

hlc::dedup_gate_actor::behavior_type fake_dedup(hlc::dedup_gate_actor::pointer,
                                                record_ptr r) {
  return {
      [r](std::vector<hlc::leader_fill>& fills) {
        hlc::ingest_result res;
        std::lock_guard<std::mutex> g{r->m};
        for (auto& f : fills) {
          ++res.received;
          if (r->seen.insert(f.key)) {
            ++res.fresh;
            ++r->fresh;
          } else {
            ++res.duplicates;
            ++r->duplicates;
          }
        }
        r->cv.notify_all();
        return res;
      },
      [](hlc::strategy_actor&) {},
      [](hlc::writer_actor&) {},
  };
}

hlc::writer_actor::behavior_type fake_writer(hlc::writer_actor::pointer,
                                             record_ptr r) {
  using namespace hlc;
  return {
      [r](db_write& w) {
        std::lock_guard<std::mutex> g{r->m};
        for (auto& q : w.quarantined)
          r->quarantined.push_back(q);
        r->cv.notify_all();
      },
      [](atom::persist, order_record&) { return true; },
      [](atom::flush) { return true; },
      [](atom::load, atom::dedup, int64_t) { return std::vector<fill_key>{}; },
      [](atom::load, atom::strategy) {
        return std::vector<leader_coin_state>{};
      },
      [](atom::load, atom::orders,
         std::string&) -> caf::result<std::vector<order_record>, uint64_t> {
        return {std::vector<order_record>{}, uint64_t{1}};
      },
      [](atom::load,
         atom::paper) -> caf::result<std::vector<paper_order>,
                                     std::vector<paper_position>, uint64_t> {
        return {std::vector<paper_order>{}, std::vector<paper_position>{},
                uint64_t{1}};
      },
      [](caf::tick_atom) {},
  };
}

hlc::notifier_actor::behavior_type fake_notifier(hlc::notifier_actor::pointer,
                                                 record_ptr r) {
  return {[r](hlc::alert& a) {
    std::lock_guard<std::mutex> g{r->m};
    r->alerts.push_back(a);
    r->cv.notify_all();
  }};
}

hlc::supervisor_actor::behavior_type
fake_supervisor(hlc::supervisor_actor::pointer, record_ptr r) {
  using namespace hlc;
  return {
      [r](atom::escalate, state_reason why, std::string& detail) {
        std::lock_guard<std::mutex> g{r->m};
        r->escalations.push_back(std::string{to_string(why)} + " " + detail);
        r->cv.notify_all();
      },
      [](state_change&) {},
      [](caf::get_atom, atom::state) { return state_change{}; },
      [](caf::get_atom, atom::wiring)
          -> caf::result<dedup_gate_actor, strategy_actor, router_actor,
                         paper_gateway_actor, writer_actor> {
        return {dedup_gate_actor{}, strategy_actor{}, router_actor{},
                paper_gateway_actor{}, writer_actor{}};
      },
      [](atom::shutdown) { return true; },
      [](atom::deadline, uint32_t) {},
      [](atom::restart, uint32_t, uint64_t) {},
  };
}

struct actor_fixture {
  actor_fixture() : sim(sim_clock, 3), sys(prepare(cfg)) {
    auto port = sim.start(0);
    rt.start();
    ctx->settings.ws_url = "ws://127.0.0.1:" + std::to_string(port) + "/ws";
    ctx->settings.info_url
        = "http://127.0.0.1:" + std::to_string(port) + "/info";
    ctx->settings.leaders = {leader};
    ctx->settings.ping_interval_ms = 150;
    ctx->settings.ws_stale_ms = 5'000;
    ctx->settings.reconnect = {50, 400};
    ctx->settings.jitter_seed = 3;
    ctx->runtime = &rt;
    ctx->clock = std::make_shared<hlc::system_wall_clock>();
  }

  ~actor_fixture() {
    for (auto& a : spawned)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
    rt.stop();
    sim.stop();
  }

  static caf::actor_system_config& prepare(caf::actor_system_config& c) {
    c.set("scheduler.max-threads", 2);
    c.set("logger.verbosity", caf::atom("quiet"));
    c.add_message_types<caf::id_block::hlcopy>();
    return c;
  }

  void start(bool with_stream) {
    dedup = sys.spawn(fake_dedup, rec);
    writer = sys.spawn(fake_writer, rec);
    notifier = sys.spawn(fake_notifier, rec);
    supervisor = sys.spawn(fake_supervisor, rec);
    backfill = sys.spawn(hlc::hl_backfill_shell, ctx, supervisor, dedup, writer,
                         notifier);
    spawned = {caf::actor_cast<caf::actor>(dedup),
               caf::actor_cast<caf::actor>(writer),
               caf::actor_cast<caf::actor>(notifier),
               caf::actor_cast<caf::actor>(supervisor),
               caf::actor_cast<caf::actor>(backfill)};
    if (with_stream) {
      stream = sys.spawn(hlc::hl_stream_shell, ctx, dedup, writer, notifier,
                         backfill);
      spawned.insert(spawned.begin(), caf::actor_cast<caf::actor>(stream));
    }
  }

  hlc::sim::hl::trade_spec trade(const std::string& coin) const {
    hlc::sim::hl::trade_spec t;
    t.leader = leader;
    t.coin = coin;
    t.px = coin == "BTC" ? "63000.0" : "1.3";
    t.sz = coin == "BTC" ? "0.001" : "10.0";
    return t;
  }

  hlc::sim::real_clock sim_clock;
  hlc::sim::hl::hl_sim sim;
  hlc::net::runtime rt;
  caf::actor_system_config cfg;
  caf::actor_system sys;
  std::shared_ptr<hlc::ingest_context> ctx
      = std::make_shared<hlc::ingest_context>();
  record_ptr rec = std::make_shared<record>();
  hlc::dedup_gate_actor dedup;
  hlc::writer_actor writer;
  hlc::notifier_actor notifier;
  hlc::supervisor_actor supervisor;
  hlc::hl_backfill_actor backfill;
  hlc::hl_stream_actor stream;
  std::vector<caf::actor> spawned;
};

} // namespace

TEST_CASE("actors: fills reach the dedup gate once across a reconnect, the "
          "cursor follows the acknowledgements",
          "[scenario][ingest_actors]") {
  actor_fixture f;
  hlc::sim::fault_rule drop;
  drop.on = hlc::sim::fault_on::ws;
  drop.channel = "userFills";
  drop.nth = 30;
  drop.action = hlc::sim::fault_action::disconnect;
  f.sim.faults().add(drop);
  f.start(true);
  // Wait for the stream's first subscription (its empty snapshot frame).
  REQUIRE(f.rec->wait([&] { return f.sim.snapshot().tracked_users == 1; }));
  int64_t newest = 0;
  for (int i = 0; i < 100; ++i)
    newest = f.sim.push_trade(f.trade(i % 2 ? "SUI" : "BTC")).time;
  REQUIRE(f.rec->wait([&] { return f.rec->fresh == 100; }));
  REQUIRE(f.rec->wait([&] {
    auto c = f.ctx->cursors->get(leader);
    return c && *c == newest;
  }));
  std::lock_guard<std::mutex> g{f.rec->m};
  CHECK(f.rec->fresh == 100);
  CHECK(f.rec->escalations.empty());
}

TEST_CASE("actors: a gap beyond the window escalates GAP_TOO_LARGE and "
          "alerts",
          "[scenario][ingest_actors]") {
  actor_fixture f;
  auto now = f.ctx->clock->now_ms();
  f.ctx->cursors->advance(leader, now - 1'200'000);
  f.start(false);
  caf::anon_send(f.backfill, hlc::atom::backfill_v);
  REQUIRE(f.rec->wait([&] { return !f.rec->escalations.empty(); }));
  REQUIRE(f.rec->wait([&] { return !f.rec->alerts.empty(); }));
  std::lock_guard<std::mutex> g{f.rec->m};
  CHECK(f.rec->escalations.size() == 1);
  CHECK(f.rec->escalations[0].rfind("GAP_TOO_LARGE leader " + leader, 0) == 0);
  CHECK(f.rec->alerts[0].level == hlc::severity::critical);
  CHECK(f.rec->fresh == 0);
}

TEST_CASE("actors: a malformed frame is quarantined through the WRITER and "
          "the stream goes on",
          "[scenario][ingest_actors]") {
  actor_fixture f;
  hlc::sim::fault_rule bad;
  bad.on = hlc::sim::fault_on::ws;
  bad.channel = "userFills";
  bad.nth = 3;
  bad.action = hlc::sim::fault_action::malformed;
  f.sim.faults().add(bad);
  f.start(true);
  REQUIRE(f.rec->wait([&] { return f.sim.snapshot().tracked_users == 1; }));
  for (int i = 0; i < 5; ++i)
    f.sim.push_trade(f.trade("SUI"));
  REQUIRE(f.rec->wait([&] { return f.rec->fresh == 5; }));
  REQUIRE(f.rec->wait([&] { return f.rec->quarantined.size() == 1; }));
  std::lock_guard<std::mutex> g{f.rec->m};
  CHECK(f.rec->quarantined[0].source == "ws");
  CHECK_FALSE(f.rec->quarantined[0].raw.empty());
  CHECK(f.rec->alerts.size() == 1);
}

TEST_CASE("actors: under the real SUPERVISOR, a gap halts trading with "
          "GAP_TOO_LARGE and the ordered shutdown stops the ingest first",
          "[scenario][ingest_actors]") {
  actor_fixture f;
  auto now = f.ctx->clock->now_ms();
  f.ctx->cursors->advance(leader, now - 1'200'000); // 20 minutes down
  hlc::supervisor_config sc;
  sc.shutdown_grace_ms = 5'000;
  auto rec = f.rec;
  using namespace hlc;
  sc.add<writer_actor>("writer", shutdown_phase::storage,
                       [rec](caf::local_actor* self, const child_handles&) {
                         return self->spawn(fake_writer, rec);
                       });
  sc.add<notifier_actor>("notifier", shutdown_phase::support,
                         [rec](caf::local_actor* self, const child_handles&) {
                           return self->spawn(fake_notifier, rec);
                         });
  sc.add<dedup_gate_actor>("dedup_gate", shutdown_phase::intake,
                           [rec](caf::local_actor* self, const child_handles&) {
                             return self->spawn(fake_dedup, rec);
                           });
  add_live_ingest(sc, f.ctx); // HL_BACKFILL and HL_STREAM, one line each
  auto sup = f.sys.spawn(supervisor, std::move(sc));
  f.spawned.push_back(caf::actor_cast<caf::actor>(sup));
  caf::scoped_actor self{f.sys};
  auto halted = [&] {
    state_change st;
    self->request(sup, std::chrono::seconds{5}, caf::get_atom_v, atom::state_v)
        .receive([&](state_change& x) { st = x; }, [](caf::error&) {});
    return st.state == trading_state::halted
           && st.reason == state_reason::gap_too_large;
  };
  // The stream subscribes, asks for a backfill, the gap check halts.
  REQUIRE(f.rec->wait(halted));
  bool clean = false;
  self->request(sup, std::chrono::seconds{30}, atom::shutdown_v)
      .receive([&](bool ok) { clean = ok; },
               [](caf::error& e) { FAIL(to_string(e)); });
  CHECK(clean);
  std::lock_guard<std::mutex> g{f.rec->m};
  CHECK(f.rec->fresh == 0);
  bool critical = false;
  for (auto& a : f.rec->alerts)
    critical
        |= a.level == severity::critical && a.key == "GAP_TOO_LARGE:" + leader;
  CHECK(critical);
}
