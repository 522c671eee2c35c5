#include "actors/executor/symbol_executor.hpp"
#include "actors/notifier/notifier.hpp"

#include "caf_fixture.hpp"
#include "fakes.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace std::chrono_literals;

namespace {

decimal d(const char* x) {
  return decimal::parse_or_throw(x);
}

struct executor_fixture : test::caf_fixture {
  test::log_ptr log = std::make_shared<test::event_log>();
  std::shared_ptr<manual_wall_clock> clock
      = std::make_shared<manual_wall_clock>(1000);
  uint64_t seq = 0;

  executor_actor spawn_executor() {
    executor_args args;
    args.symbol = "SUIUSDT";
    args.options = executor_options{"t", "0", 0, 0};
    args.filters = test::sui_filters();
    args.mark = d("1");
    args.clock = clock;
    args.gateway = sys.spawn(test::fake_gateway, log);
    args.writer = sys.spawn(test::fake_writer, log);
    args.notifier = sys.spawn(notifier, notifier_settings{}, clock,
                              std::function<void(const std::string&)>{});
    auto exec = sys.spawn(symbol_executor, std::move(args));
    run();
    return exec;
  }

  bool send_target(executor_actor exec, const char* qty) {
    symbol_target t;
    t.symbol = "SUIUSDT";
    t.target_qty = d(qty);
    t.seq = ++seq;
    t.correlation = "SUI:1:1:" + std::to_string(seq);
    self->send(exec, t);
    run();
    bool settled = false;
    self->receive([&](bool x) { settled = x; },
                  caf::after(0s) >> [] { FAIL("no settle reply"); });
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
};

} // namespace

TEST_CASE_METHOD(executor_fixture,
                 "the intent is persisted before the order is sent",
                 "[executor]") {
  auto exec = spawn_executor();
  CHECK(send_target(exec, "50"));
  REQUIRE(log->events.size() == 2);
  CHECK(log->events[0] == "persist:t-0-SUIUSDT-1");
  CHECK(log->events[1] == "submit:t-0-SUIUSDT-1");
  CHECK(report(exec).position == d("50"));
  // the fill reached the DB through the WRITER as an order state change
  bool filled_written = false;
  for (auto& w : log->writes)
    for (auto& o : w.orders)
      filled_written |= o.state == order_state::filled
                        && o.exchange_order_id == 9007199254740993ULL;
  CHECK(filled_written);
}

TEST_CASE_METHOD(executor_fixture,
                 "an unknown outcome is resolved by query, never resent",
                 "[executor]") {
  log->gateway_fails_submit = true;
  order_update landed;
  landed.client_id = "t-0-SUIUSDT-1";
  landed.symbol = "SUIUSDT";
  landed.kind = order_event_kind::trade;
  landed.cum_qty = d("50");
  log->query_answers.push_back(landed);
  auto exec = spawn_executor();
  CHECK(send_target(exec, "50"));
  std::vector<std::string> expected{
      "persist:t-0-SUIUSDT-1", "submit:t-0-SUIUSDT-1", "query:t-0-SUIUSDT-1"};
  CHECK(log->events == expected);
  CHECK(report(exec).position == d("50"));
}

TEST_CASE_METHOD(executor_fixture,
                 "an order that never landed is closed and the delta traded "
                 "anew",
                 "[executor]") {
  log->gateway_fails_submit = true; // unknown, and the query says -2013
  auto exec = spawn_executor();
  CHECK(send_target(exec, "50"));
  CHECK(report(exec).position.is_zero());
  log->gateway_fails_submit = false;
  CHECK(send_target(exec, "50"));
  CHECK(log->events.back() == "submit:t-0-SUIUSDT-2");
  CHECK(report(exec).position == d("50"));
}

TEST_CASE_METHOD(executor_fixture,
                 "on restart open orders are resolved before anything new",
                 "[executor]") {
  order_record pending;
  pending.intent.client_id = "t-0-SUIUSDT-4";
  pending.intent.symbol = "SUIUSDT";
  pending.intent.side = side::buy;
  pending.intent.qty = d("30");
  pending.state = order_state::pending;
  log->open_orders = {pending};
  log->next_seq = 5;
  order_update found;
  found.client_id = pending.intent.client_id;
  found.symbol = "SUIUSDT";
  found.kind = order_event_kind::trade;
  found.cum_qty = d("30");
  log->query_answers.push_back(found);
  log->position = d("30"); // the venue already holds the fill
  auto exec = spawn_executor();
  REQUIRE_FALSE(log->events.empty());
  CHECK(log->events.front() == "query:t-0-SUIUSDT-4");
  CHECK(send_target(exec, "50"));
  // only the remaining 20 are ordered, with the next sequence number: the
  // restored order's fill is already in the venue position, never counted
  // twice
  CHECK(log->events.back() == "submit:t-0-SUIUSDT-5");
  CHECK(report(exec).position == d("50"));
  bool bought_20 = false;
  for (auto& w : log->writes)
    for (auto& o : w.orders)
      bought_20 |= o.intent.client_id == "t-0-SUIUSDT-5"
                   && o.intent.side == side::buy && o.intent.qty == d("20");
  CHECK(bought_20);
}

TEST_CASE_METHOD(executor_fixture,
                 "an order the venue did not place is resent under the same id "
                 "after the backoff, without a second intent",
                 "[executor][venue]") {
  log->not_placed_answers = 1;
  auto exec = spawn_executor();
  symbol_target t;
  t.symbol = "SUIUSDT";
  t.target_qty = d("50");
  t.seq = ++seq;
  self->send(exec, t);
  run();
  CHECK(log->events
        == std::vector<std::string>{"persist:t-0-SUIUSDT-1",
                                    "submit:t-0-SUIUSDT-1"});
  CHECK(report(exec).working_orders == 1); // still PENDING, nothing settled
  advance(249ms);
  CHECK(log->events.size() == 2);
  advance(1ms);
  CHECK(log->events
        == std::vector<std::string>{"persist:t-0-SUIUSDT-1",
                                    "submit:t-0-SUIUSDT-1",
                                    "submit:t-0-SUIUSDT-1"});
  bool settled = false;
  self->receive([&](bool x) { settled = x; },
                caf::after(0s) >> [] { FAIL("no settle reply"); });
  CHECK(settled);
  CHECK(report(exec).position == d("50"));
}
