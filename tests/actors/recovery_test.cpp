// Restart recovery classes found by the exhaustive kill loop
// (tests/scenario/crash_loop_test.cpp, ADR 0022), one test each.

#include "actors/executor/symbol_executor.hpp"
#include "actors/notifier/notifier.hpp"
#include "actors/strategy/strategy.hpp"
#include "support/crash_points.hpp"

#include "caf_fixture.hpp"
#include "fakes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace hlc;
using namespace std::chrono_literals;

namespace {

decimal d(const char* x) {
  return decimal::parse_or_throw(x);
}

struct recovery_fixture : test::caf_fixture {
  test::log_ptr log = std::make_shared<test::event_log>();
  std::shared_ptr<manual_wall_clock> clock
      = std::make_shared<manual_wall_clock>(1000);
};

} // namespace

TEST_CASE_METHOD(recovery_fixture,
                 "a restarted strategy re-emits its targets only when asked, "
                 "and answers once they are settled",
                 "[recovery][strategy]") {
  log->strategy_rows.push_back(leader_coin_state{"0xleader", "SUI", "SUIUSDT",
                                                 d("100"), d("1"), d("100")});
  log->strategy_rows.push_back(leader_coin_state{"0xleader", "ETH", "ETHUSDT",
                                                 d("-2"), d("1"), d("-2")});
  auto router = sys.spawn(test::fake_router, log);
  auto writer = sys.spawn(test::fake_writer, log);
  auto strat = sys.spawn(strategy, settings{}, clock, router, writer);
  run();
  // Loaded, but nothing traded before the driver knows the market: a
  // target without a mark is refused (-1007) or waits for a later fill.
  CHECK(log->routed.empty());
  self->send(strat, atom::restore_v);
  run();
  uint64_t restored = 0;
  self->receive([&](uint64_t n) { restored = n; },
                caf::after(0s) >> [] { FAIL("no restore reply"); });
  CHECK(restored == 2);
  REQUIRE(log->routed.size() == 1);
  auto& targets = log->routed.front();
  REQUIRE(targets.size() == 2);
  CHECK(targets[0].symbol == "ETHUSDT");
  CHECK(targets[0].target_qty == d("-2"));
  CHECK(targets[1].symbol == "SUIUSDT");
  CHECK(targets[1].target_qty == d("100"));
}

TEST_CASE_METHOD(recovery_fixture,
                 "an order's answer is queued to the WRITER before the intent "
                 "it leads to",
                 "[recovery][executor]") {
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
  auto target = [&](const char* qty, uint64_t seq) {
    symbol_target t;
    t.symbol = "SUIUSDT";
    t.target_qty = d(qty);
    t.seq = seq;
    t.correlation = "SUI:1:1:" + std::to_string(seq);
    self->send(exec, t);
    run();
    self->receive([](bool) {}, caf::after(0s) >> [] { FAIL("no settle"); });
  };
  target("50", 1);
  target("-50", 2); // a flip: close 50, then open 50 short
  auto& inbox = log->writer_inbox;
  auto at = [&](const std::string& x) {
    return std::find(inbox.begin(), inbox.end(), x) - inbox.begin();
  };
  // After a crash right after the next intent's commit (which flushes what
  // is queued), the close is durable as FILLED: the DB is a prefix of the
  // decisions, and the restart has one order to resolve, not two.
  REQUIRE(at("persist:t-0-SUIUSDT-3") < static_cast<long>(inbox.size()));
  CHECK(at("record:t-0-SUIUSDT-2:FILLED") < at("persist:t-0-SUIUSDT-3"));
  CHECK(at("record:t-0-SUIUSDT-1:FILLED") < at("persist:t-0-SUIUSDT-2"));
}

TEST_CASE("crash points parse POINT:N and fire on the Nth pass only",
          "[recovery][crash_points]") {
  using namespace hlc::crash_points;
  reset();
  std::string error;
  auto spec = parse_spec("answer_recorded:3", error);
  REQUIRE(spec);
  CHECK(spec->at == point::answer_recorded);
  CHECK(spec->n == 3);
  CHECK_FALSE(parse_spec("answer_recorded", error));
  CHECK(error.find("POINT:N") != std::string::npos);
  CHECK_FALSE(parse_spec("answer_recorded:0", error));
  CHECK_FALSE(parse_spec("answer_recorded:x", error));
  CHECK_FALSE(parse_spec("nowhere:1", error));
  CHECK(error.find("unknown crash point 'nowhere'") != std::string::npos);
  CHECK_FALSE(active());
  arm(*spec);
  CHECK(active());
  CHECK_FALSE(pass(point::answer_recorded));
  CHECK_FALSE(pass(point::order_sent)); // other points only count
  CHECK_FALSE(pass(point::answer_recorded));
  CHECK(pass(point::answer_recorded));
  CHECK_FALSE(pass(point::answer_recorded));
  CHECK(counts_json()
        == "{\"crash_points\":{\"intent_committed\":0,\"order_sent\":1,"
           "\"answer_recorded\":4,\"decision_persisted\":0}}");
  reset();
  CHECK_FALSE(active());
  CHECK(count(point::answer_recorded) == 0);
}
