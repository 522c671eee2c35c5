// The EXECUTOR with LIMIT orders against the paper exchange (EXE-7,
// EXE-11) and its resync (EXE-9), on the deterministic test coordinator.

#include "actors/executor/symbol_executor.hpp"
#include "actors/notifier/notifier.hpp"
#include "actors/paper/paper_exchange.hpp"

#include "caf_fixture.hpp"
#include "fakes.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace std::chrono_literals;

namespace {

decimal d(const char* x) {
  return decimal::parse_or_throw(x);
}

struct limit_fixture : test::caf_fixture {
  test::log_ptr log = std::make_shared<test::event_log>();
  std::shared_ptr<manual_wall_clock> clock
      = std::make_shared<manual_wall_clock>(1000);
  writer_actor writer = sys.spawn(test::fake_writer, log);
  paper_gateway_actor paper;
  uint64_t seq = 0;
  std::vector<caf::actor> spawned; ///< stopped at the end (links, cycles)

  explicit limit_fixture(int64_t latency_ms = 0) {
    paper_settings ps;
    ps.latency_ms = latency_ms;
    paper = sys.spawn(paper_exchange, ps, clock, writer);
    spawned.push_back(caf::actor_cast<caf::actor>(paper));
    spawned.push_back(caf::actor_cast<caf::actor>(writer));
    self->send(paper, std::vector<symbol_filters>{test::sui_filters()});
    run();
  }

  ~limit_fixture() {
    // The paper exchange holds its EXECUTOR as event sink and vice versa.
    for (auto& a : spawned)
      self->send_exit(a, caf::exit_reason::user_shutdown);
    run();
  }

  void paper_mark(const char* mark) {
    self->send(paper, mark_price{"SUIUSDT", d(mark), 0});
    run();
  }

  executor_actor spawn_executor(gateway_actor gateway) {
    executor_args args;
    args.symbol = "SUIUSDT";
    args.options = executor_options{"t", "0", 0, 0};
    args.options.type = order_type::limit;
    args.options.tif_ms = 3000;
    args.filters = test::sui_filters();
    args.mark = d("1.32");
    args.clock = clock;
    args.gateway = gateway;
    args.writer = writer;
    args.notifier = sys.spawn(notifier, notifier_settings{}, clock,
                              std::function<void(const std::string&)>{});
    spawned.push_back(caf::actor_cast<caf::actor>(args.gateway));
    spawned.push_back(caf::actor_cast<caf::actor>(args.notifier));
    auto exec = sys.spawn(symbol_executor, std::move(args));
    spawned.push_back(caf::actor_cast<caf::actor>(exec));
    run();
    return exec;
  }

  executor_actor spawn_on_paper() {
    auto exec = spawn_executor(caf::actor_cast<gateway_actor>(paper));
    // resting orders' fills reach the EXECUTOR (the ROUTER in the pipeline)
    self->send(paper, caf::actor_cast<order_event_sink>(exec));
    run();
    return exec;
  }

  void send_target(executor_actor exec, const char* qty) {
    symbol_target t;
    t.symbol = "SUIUSDT";
    t.target_qty = d(qty);
    t.seq = ++seq;
    t.correlation = "SUI:1:1:" + std::to_string(seq);
    self->send(exec, t);
    run();
  }

  bool settled_reply() {
    bool settled = false;
    self->receive([&](bool x) { settled = x; }, caf::after(0s) >> [] {});
    return settled;
  }

  executor_report report(executor_actor exec) {
    self->send(exec, caf::get_atom_v, atom::report_v);
    run();
    executor_report r;
    self->receive([&](executor_report& x) { r = x; },
                  caf::after(0s) >> [] { FAIL("no report"); });
    return r;
  }

  decimal paper_position() {
    self->send(paper, caf::get_atom_v, atom::position_v,
               std::string{"SUIUSDT"});
    run();
    decimal p;
    self->receive([&](decimal x) { p = x; },
                  caf::after(0s) >> [] { FAIL("no position"); });
    return p;
  }

  /// The states the WRITER recorded for one client id, in order.
  std::vector<std::string> states_of(const std::string& id) {
    std::vector<std::string> result;
    auto prefix = "record:" + id + ":";
    for (auto& e : log->writer_inbox)
      if (e.rfind(prefix, 0) == 0) result.push_back(e.substr(prefix.size()));
    return result;
  }
};

} // namespace

TEST_CASE_METHOD(limit_fixture,
                 "a resting LIMIT order is canceled after its time in force, "
                 "the cancel confirmed, then the residual sent as IOC",
                 "[executor][limit][paper]") {
  paper_mark("1.33"); // the venue moved up: our 1.3202 bid rests
  auto exec = spawn_on_paper();
  send_target(exec, "50");
  CHECK_FALSE(settled_reply());
  CHECK(report(exec).working_orders == 1);
  CHECK(states_of("t-0-SUIUSDT-1") == std::vector<std::string>{"SUBMITTED"});
  paper_mark("1.3210"); // between our bid and the residual's 1.3226 bound
  advance(2999ms);
  CHECK(report(exec).working_orders == 1); // not yet
  clock->set(4000);
  advance(1ms);
  // canceled (confirmed by the venue's answer), then the IOC residual
  CHECK(states_of("t-0-SUIUSDT-1")
        == std::vector<std::string>{"SUBMITTED", "CANCELED"});
  CHECK(states_of("t-0-SUIUSDT-2")
        == std::vector<std::string>{"SUBMITTED", "FILLED"});
  CHECK(settled_reply());
  CHECK(report(exec).position == d("50"));
  CHECK(paper_position() == d("50"));
}

TEST_CASE_METHOD(limit_fixture,
                 "a resting LIMIT order filled by the mark reaches the "
                 "executor through the event sink; no cancel follows",
                 "[executor][limit][paper]") {
  paper_mark("1.33");
  auto exec = spawn_on_paper();
  send_target(exec, "50");
  paper_mark("1.3200"); // crosses our 1.3202 bid: fills at 1.3202
  CHECK(settled_reply());
  CHECK(report(exec).position == d("50"));
  CHECK(paper_position() == d("50"));
  advance(3000ms); // the time in force finds it filled: nothing to cancel
  CHECK(states_of("t-0-SUIUSDT-1")
        == std::vector<std::string>{"SUBMITTED", "FILLED"});
  CHECK(report(exec).working_orders == 0);
}

TEST_CASE_METHOD(limit_fixture,
                 "an IOC residual beyond max_slippage_pct expires; the rest "
                 "waits for the next target",
                 "[executor][limit][paper]") {
  paper_mark("1.33");
  auto exec = spawn_on_paper();
  send_target(exec, "50");
  advance(3000ms); // canceled; the residual's 1.3226 does not reach 1.33
  CHECK(states_of("t-0-SUIUSDT-2") == std::vector<std::string>{"EXPIRED"});
  CHECK(settled_reply());
  CHECK(report(exec).position.is_zero());
  CHECK(paper_position().is_zero());
}

TEST_CASE("the paper exchange answers after its configured latency",
          "[paper][latency]") {
  limit_fixture fx{250};
  fx.paper_mark("1.32");
  order_intent i;
  i.client_id = "t-0-SUIUSDT-1";
  i.symbol = "SUIUSDT";
  i.qty = d("10");
  fx.self->send(fx.paper, atom::submit_v, i);
  fx.run();
  bool answered = false;
  fx.self->receive([&](std::vector<order_update>&) { answered = true; },
                   caf::after(0s) >> [] {});
  CHECK_FALSE(answered);
  fx.advance(249ms);
  fx.self->receive([&](std::vector<order_update>&) { answered = true; },
                   caf::after(0s) >> [] {});
  CHECK_FALSE(answered);
  fx.advance(1ms);
  fx.self->receive(
      [&](std::vector<order_update>& u) {
        answered = true;
        CHECK(u.back().cum_qty == d("10"));
      },
      caf::after(0s) >> [] {});
  CHECK(answered);
}

TEST_CASE_METHOD(limit_fixture,
                 "resync re-reads the venue position of an idle executor "
                 "before it trades on",
                 "[executor][resync]") {
  auto exec = spawn_executor(sys.spawn(test::fake_gateway, log));
  log->position = d("0");
  send_target(exec, "0");
  CHECK(settled_reply());
  // the venue moved without us (e.g. a liquidation seen after a reconnect)
  log->position = d("-20");
  log->events.clear();
  self->send(exec, atom::resync_v);
  run();
  // it read -20 and traded back to its target 0 (the fake venue fills all)
  CHECK(log->events
        == std::vector<std::string>{"persist:t-0-SUIUSDT-1",
                                    "submit:t-0-SUIUSDT-1"});
  CHECK(report(exec).position.is_zero());
  CHECK(report(exec).working_orders == 0);
}

TEST_CASE_METHOD(limit_fixture,
                 "resync queries a working order at once and waits for it",
                 "[executor][resync][paper]") {
  paper_mark("1.33");
  auto exec = spawn_on_paper();
  send_target(exec, "50");
  log->events.clear();
  self->send(exec, atom::resync_v);
  run();
  // still working at the venue: not settled, nothing new placed
  CHECK(report(exec).working_orders == 1);
  CHECK(states_of("t-0-SUIUSDT-1").size() == 2); // SUBMITTED, re-queried
  paper_mark("1.3200");
  CHECK(settled_reply());
  CHECK(report(exec).position == d("50"));
}
