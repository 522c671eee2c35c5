#include "actors/supervisor/supervisor.hpp"

#include "caf_fixture.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <vector>

using namespace hlc;
using namespace std::chrono_literals;

namespace {

/// A child that dies with an error on `crash`. It takes an (unused)
/// argument: CAF 0.17.6 dereferences a null `shared_ptr<tuple<>>` when a
/// function actor is spawned with no arguments (UBSan reports it).
caf::behavior crashing_child(caf::event_based_actor* self, int) {
  return {
      [self](atom::crash) { self->quit(caf::sec::runtime_error); },
  };
}

/// A NOTIFIER stand-in that records every alert it is told.
notifier_actor::behavior_type
recording_notifier(notifier_actor::pointer,
                   std::shared_ptr<std::vector<alert>> seen) {
  return {
      [seen](alert& a) { seen->push_back(std::move(a)); },
  };
}

struct supervisor_fixture : test::caf_fixture {
  std::shared_ptr<int> spawns = std::make_shared<int>(0);
  std::shared_ptr<std::vector<alert>> alerts
      = std::make_shared<std::vector<alert>>();
  supervisor_actor sup;

  supervisor_config config(int max_restarts) {
    supervisor_config sc;
    sc.policy.max_restarts = max_restarts;
    sc.policy.window_ms = 60000;
    sc.policy.backoff_initial_ms = 100;
    sc.policy.backoff_max_ms = 1000;
    auto seen = alerts;
    sc.add<notifier_actor>("notifier", shutdown_phase::support,
                           [seen](caf::local_actor* parent, const auto&) {
                             return parent->spawn(recording_notifier, seen);
                           });
    auto counter = spawns;
    sc.add<caf::actor>("crasher", shutdown_phase::intake,
                       [counter](caf::local_actor* parent, const auto&) {
                         ++*counter;
                         return parent->spawn(crashing_child, 0);
                       });
    sc.initial_state = state_change{trading_state::active,
                                    state_reason::startup, "", "test", 0};
    return sc;
  }

  state_change state() {
    self->send(sup, caf::get_atom_v, atom::state_v);
    run();
    state_change result;
    self->receive([&](state_change& x) { result = x; },
                  caf::after(0s) >> [] { FAIL("no state reply"); });
    return result;
  }
};

/// Finds the live crasher: the supervisor is its only monitor, so we keep
/// a handle by spawning through a spec that records it.
struct recording_fixture : supervisor_fixture {
  std::shared_ptr<caf::actor> last = std::make_shared<caf::actor>();

  supervisor_config recording_config(int max_restarts) {
    auto sc = config(max_restarts);
    auto counter = spawns;
    auto slot = last;
    sc.children[1].spawn
        = [counter, slot](caf::local_actor* parent, const child_handles&) {
            ++*counter;
            *slot = parent->spawn(crashing_child, 0);
            return child_handle{*slot};
          };
    return sc;
  }

  void crash_child() {
    self->send(*last, atom::crash_v);
    run();
  }
};

} // namespace

TEST_CASE_METHOD(recording_fixture,
                 "the supervisor restarts a crashed child after a backoff",
                 "[supervisor]") {
  sup = sys.spawn(supervisor, recording_config(3));
  run();
  REQUIRE(*spawns == 1);
  crash_child();
  CHECK(*spawns == 1); // not yet: the backoff runs first
  advance(99ms);
  CHECK(*spawns == 1);
  advance(1ms);
  CHECK(*spawns == 2);
  // the second failure in the window doubles the backoff
  crash_child();
  advance(100ms);
  CHECK(*spawns == 2);
  advance(100ms);
  CHECK(*spawns == 3);
  CHECK(alerts->empty());
  CHECK(state().state == trading_state::active);
}

TEST_CASE_METHOD(recording_fixture,
                 "too many restarts in the window escalate to HALTED",
                 "[supervisor]") {
  sup = sys.spawn(supervisor, recording_config(2));
  run();
  for (int i = 0; i < 2; ++i) {
    crash_child();
    advance(1000ms);
  }
  CHECK(*spawns == 3);
  CHECK(state().state == trading_state::active);
  crash_child(); // third failure within 60 s: more than max_restarts = 2
  REQUIRE(alerts->size() == 1);
  CHECK(alerts->front().key == "state:HALTED");
  CHECK(alerts->front().text.find("SUPERVISION_ESCALATED")
        != std::string::npos);
  CHECK(alerts->front().text.find("crasher") != std::string::npos);
  auto s = state();
  CHECK(s.state == trading_state::halted);
  CHECK(s.reason == state_reason::supervision_escalated);
  // still restarted (at the longest backoff) so the service stays observable
  advance(1000ms);
  CHECK(*spawns == 4);
}

TEST_CASE_METHOD(recording_fixture,
                 "failures outside the window do not accumulate",
                 "[supervisor]") {
  sup = sys.spawn(supervisor, recording_config(1));
  run();
  crash_child();
  advance(100ms);
  advance(61000ms); // the first failure leaves the window
  crash_child();
  advance(100ms);
  CHECK(alerts->empty());
  CHECK(*spawns == 3);
}

TEST_CASE_METHOD(recording_fixture,
                 "a child's escalation halts trading with its reason",
                 "[supervisor]") {
  sup = sys.spawn(supervisor, recording_config(3));
  run();
  self->send(sup, atom::escalate_v, state_reason::db_error,
             std::string{"disk full"});
  run();
  REQUIRE(alerts->size() == 1);
  CHECK(alerts->front().text.find("DB_ERROR") != std::string::npos);
  CHECK(state().detail == "disk full");
}

TEST_CASE_METHOD(recording_fixture,
                 "shutdown stops children without restarting them",
                 "[supervisor]") {
  sup = sys.spawn(supervisor, recording_config(3));
  run();
  self->send(sup, atom::shutdown_v);
  run();
  bool done = false;
  self->receive([&](bool ok) { done = ok; },
                caf::after(0s) >> [] { FAIL("no shutdown reply"); });
  CHECK(done);
  advance(2000ms);
  CHECK(*spawns == 1);
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  run();
}
