// The ordered shutdown (MODE-5): phases in order, settling bounded by the
// grace time, and the WRITER's last flush while its state is alive.

#include "actors/notifier/notifier.hpp"
#include "actors/router/router.hpp"
#include "actors/supervisor/supervisor.hpp"
#include "actors/writer/writer.hpp"
#include "persistence/database.hpp"
#include "persistence/skip_repo.hpp"

#include "../unit/persistence/temp_dir.hpp"
#include "caf_fixture.hpp"
#include "fakes.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace hlc;
using namespace std::chrono_literals;

namespace {

using trace = std::shared_ptr<std::vector<std::string>>;

/// Records its name when told to stop. (The int argument works around CAF
/// 0.17.6's null tuple for argument-less function actors.)
caf::behavior stop_recorder(caf::event_based_actor* self, std::string name,
                            trace log) {
  self->set_exit_handler([self, name, log](caf::exit_msg& msg) {
    log->push_back(name);
    self->quit(msg.reason);
  });
  return {[](atom::crash) {}};
}

/// A ROUTER stand-in whose `settle` answers only when `settle_after` says
/// so: never (-1), or at once (0).
router_actor::behavior_type fake_router(router_actor::pointer self, trace log,
                                        int settle_after) {
  self->set_exit_handler([self, log](caf::exit_msg& msg) {
    log->push_back("router");
    self->quit(msg.reason);
  });
  return {
      [](order_update&) {},
      [](std::vector<symbol_target>& t) { return uint64_t{t.size()}; },
      [](std::vector<symbol_filters>&) {},
      [](mark_price&) {},
      [](book_top&) {},
      [](atom::resync) {},
      [](state_change&) {},
      [](caf::get_atom, atom::report) {
        return std::vector<executor_report>{};
      },
      [self, log, settle_after](atom::settle) -> caf::result<bool> {
        log->push_back("settle");
        if (settle_after == 0) return true;
        return self->make_response_promise<bool>(); // never delivered
      },
      [](atom::restart, std::string&) {},
      [](notifier_actor&) {},
      [](gateway_actor&) {},
      [](writer_actor&) {},
  };
}

supervisor_config tree(trace log, int settle_after, int64_t grace_ms) {
  supervisor_config sc;
  sc.shutdown_grace_ms = grace_ms;
  auto recorder = [log](std::string name) {
    return [log, name](caf::local_actor* parent, const child_handles&) {
      return parent->spawn(stop_recorder, name, log);
    };
  };
  // Declared out of phase order on purpose: the phase decides, not the
  // position.
  sc.add<caf::actor>("storage", shutdown_phase::storage, recorder("storage"));
  sc.add<caf::actor>("support", shutdown_phase::support, recorder("support"));
  sc.add<router_actor>(
      "router", shutdown_phase::execution,
      [log, settle_after](caf::local_actor* parent, const child_handles&) {
        return parent->spawn(fake_router, log, settle_after);
      });
  sc.add<caf::actor>("decision", shutdown_phase::decision,
                     recorder("decision"));
  sc.add<caf::actor>("intake", shutdown_phase::intake, recorder("intake"));
  return sc;
}

} // namespace

TEST_CASE_METHOD(test::caf_fixture,
                 "shutdown stops intake, decisions, settled execution, "
                 "support, and storage last",
                 "[supervisor][shutdown]") {
  auto log = std::make_shared<std::vector<std::string>>();
  auto sup = sys.spawn(supervisor, tree(log, 0, 5000));
  run();
  self->send(sup, atom::shutdown_v);
  run();
  bool clean = false;
  self->receive([&](bool ok) { clean = ok; },
                caf::after(0s) >> [] { FAIL("no shutdown reply"); });
  CHECK(clean);
  CHECK(*log
        == std::vector<std::string>{"intake", "decision", "settle", "router",
                                    "support", "storage"});
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  run();
}

TEST_CASE_METHOD(test::caf_fixture,
                 "an execution phase that does not settle is cut at the grace "
                 "time and the rest still stops in order",
                 "[supervisor][shutdown]") {
  auto log = std::make_shared<std::vector<std::string>>();
  auto sup = sys.spawn(supervisor, tree(log, -1, 2000));
  run();
  self->send(sup, atom::shutdown_v);
  run();
  CHECK(*log == std::vector<std::string>{"intake", "decision", "settle"});
  advance(1999ms);
  CHECK(log->size() == 3); // still waiting within the bound
  advance(1ms);
  bool clean = true;
  self->receive([&](bool ok) { clean = ok; },
                caf::after(0s) >> [] { FAIL("no shutdown reply"); });
  CHECK_FALSE(clean); // the caller learns that orders may still work
  CHECK(*log
        == std::vector<std::string>{"intake", "decision", "settle", "router",
                                    "support", "storage"});
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  run();
}

TEST_CASE_METHOD(test::caf_fixture,
                 "the real ROUTER stops its EXECUTORs and itself at once, "
                 "well inside the grace time",
                 "[supervisor][shutdown][router]") {
  auto log = std::make_shared<test::event_log>();
  auto clock = std::make_shared<manual_wall_clock>(1000);
  supervisor_config sc;
  sc.shutdown_grace_ms = 5000;
  sc.add<writer_actor>("writer", shutdown_phase::storage,
                       [log](caf::local_actor* parent, const child_handles&) {
                         return parent->spawn(test::fake_writer, log);
                       });
  sc.add<notifier_actor>(
      "notifier", shutdown_phase::support,
      [clock](caf::local_actor* parent, const child_handles&) {
        return parent->spawn(notifier, notifier_settings{}, clock,
                             std::function<void(const std::string&)>{});
      });
  sc.add<gateway_actor>("gateway", shutdown_phase::execution,
                        [log](caf::local_actor* parent, const child_handles&) {
                          return parent->spawn(test::fake_gateway, log);
                        });
  sc.add<router_actor>(
      "router", shutdown_phase::execution,
      [clock](caf::local_actor* parent, const child_handles& peers) {
        return parent->spawn(
            router, settings{}, executor_options{"t", "0", 0, 0}, clock,
            peers.get<gateway_actor>(), peers.get<writer_actor>(),
            peers.get<notifier_actor>(),
            caf::actor_cast<supervisor_actor>(parent));
      });
  auto sup = sys.spawn(supervisor, std::move(sc));
  run();
  router_actor route;
  self->send(sup, caf::get_atom_v, atom::wiring_v);
  run();
  self->receive([&](dedup_gate_actor&, strategy_actor&, router_actor& r,
                    paper_gateway_actor&, writer_actor&) { route = r; },
                caf::after(0s) >> [] { FAIL("no wiring"); });
  REQUIRE(route);
  // Two symbols get an EXECUTOR each (no filters: nothing is traded).
  std::vector<symbol_target> targets(2);
  targets[0].symbol = "SUIUSDT";
  targets[1].symbol = "ETHUSDT";
  self->send(route, targets);
  run();
  self->receive([](uint64_t) {}, caf::after(0s) >> [] { FAIL("no reply"); });
  self->send(sup, atom::shutdown_v);
  run(); // no time passes: every stop must happen now
  bool clean = false;
  self->receive([&](bool ok) { clean = ok; },
                caf::after(0s) >> [] { FAIL("shutdown waited for a bound"); });
  CHECK(clean);
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  run();
}

// Not on the test coordinator: the WRITER runs detached, on its own thread,
// exactly as in the product.
TEST_CASE("a write queued just before shutdown is durable",
          "[writer][shutdown]") {
  test::temp_dir dir;
  auto db_path = dir.file("shutdown.db");
  {
    caf::actor_system_config cfg;
    cfg.add_message_types<caf::id_block::hlcopy>();
    caf::actor_system sys{cfg};
    caf::scoped_actor self{sys};
    supervisor_config sc;
    storage_settings storage;
    storage.path = db_path;
    storage.writer_flush_ms = 3600 * 1000; // no timer flush can save it
    storage.writer_batch = 1000000;        // nor a full batch
    sc.add<writer_actor>(
        "writer", shutdown_phase::storage,
        [storage](caf::local_actor* parent, const child_handles&) {
          return parent->spawn<caf::detached>(
              writer, storage, std::string{"hash"}, std::string{"run"},
              caf::actor_cast<supervisor_actor>(parent));
        });
    auto sup = sys.spawn(supervisor, std::move(sc));
    writer_actor w;
    self->request(sup, caf::infinite, caf::get_atom_v, atom::wiring_v)
        .receive([&](dedup_gate_actor&, strategy_actor&, router_actor&,
                     paper_gateway_actor&, writer_actor& x) { w = x; },
                 [](const caf::error& e) { FAIL(caf::to_string(e)); });
    REQUIRE(w);
    db_write write;
    skip_record skip;
    skip.reason = skip_reason::unmapped;
    skip.coin = "MATIC";
    skip.correlation = "queued-before-shutdown";
    skip.time_ms = 1;
    write.skips.push_back(skip);
    write.time_ms = 1;
    self->send(w, std::move(write));
    bool clean = false;
    self->request(sup, caf::infinite, atom::shutdown_v)
        .receive([&](bool ok) { clean = ok; },
                 [](const caf::error& e) { FAIL(caf::to_string(e)); });
    CHECK(clean);
    self->send_exit(sup, caf::exit_reason::user_shutdown);
  }
  auto db = database::open(db_path);
  auto skips = skip_repo{db}.load_recent(10);
  REQUIRE(skips.size() == 1);
  CHECK(skips.front().correlation == "queued-before-shutdown");
}
