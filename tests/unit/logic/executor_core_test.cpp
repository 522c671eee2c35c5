#include "actors/executor/executor_core.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;

namespace {

struct executor_fixture {
  executor_core core{"SUIUSDT", executor_options{"hlc", "0", 5000, 1000}};
  uint64_t seq = 0;

  executor_fixture() {
    core.set_filters(test::filters("SUIUSDT", "0.1", "5", "0.0001"));
    core.set_mark(d("1.32"));
  }

  std::vector<executor_action> target(const char* qty) {
    symbol_target t;
    t.symbol = "SUIUSDT";
    t.target_qty = d(qty);
    t.seq = ++seq;
    t.correlation = "SUI:1:1:" + std::to_string(seq);
    return core.on_target(t, 1000);
  }

  static std::vector<place_order_action>
  places(const std::vector<executor_action>& xs) {
    std::vector<place_order_action> result;
    for (auto& x : xs)
      if (auto p = std::get_if<place_order_action>(&x)) result.push_back(*p);
    return result;
  }

  static std::vector<skip_record>
  skips(const std::vector<executor_action>& xs) {
    std::vector<skip_record> result;
    for (auto& x : xs)
      if (auto s = std::get_if<skip_action>(&x)) result.push_back(s->skip);
    return result;
  }

  std::vector<executor_action> fill(const order_intent& intent,
                                    const char* cum = nullptr) {
    order_update u;
    u.client_id = intent.client_id;
    u.symbol = intent.symbol;
    u.kind = order_event_kind::trade;
    u.exchange_order_id = 9007199254740993ULL; // > 2^53
    u.cum_qty = cum ? d(cum) : intent.qty;
    u.avg_px = d("1.32");
    return core.on_update(u, 1001);
  }
};

} // namespace

TEST_CASE_METHOD(executor_fixture, "trades the rounded delta toward the target",
                 "[executor]") {
  auto p = places(target("50.07"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].intent.client_id == "hlc-0-SUIUSDT-1");
  CHECK(p[0].intent.side == side::buy);
  CHECK(p[0].intent.qty == d("50"));
  CHECK_FALSE(p[0].intent.reduce_only);
  CHECK_FALSE(core.idle());
  fill(p[0].intent);
  CHECK(core.idle());
  CHECK(core.position() == d("50"));
}

TEST_CASE_METHOD(executor_fixture, "targets coalesce while an order works",
                 "[executor]") {
  auto first = places(target("50"));
  REQUIRE(first.size() == 1);
  CHECK(places(target("60")).empty());
  CHECK(places(target("80")).empty());
  auto next = places(fill(first[0].intent));
  REQUIRE(next.size() == 1);
  CHECK(next[0].intent.qty == d("30")); // one order for 60 and 80 together
}

TEST_CASE_METHOD(executor_fixture, "small deltas wait below min notional",
                 "[executor]") {
  auto r = target("3"); // 3 × 1.32 = 3.96 < 5
  CHECK(places(r).empty());
  auto s = skips(r);
  REQUIRE(s.size() == 1);
  CHECK(s[0].reason == skip_reason::min_notional_pending);
  CHECK(places(target("4")).size() == 1); // 5.28 ≥ 5
}

TEST_CASE_METHOD(executor_fixture,
                 "closes are reduce-only, exempt from min "
                 "notional, never beyond the position",
                 "[executor]") {
  auto open = places(target("10"));
  REQUIRE(open.size() == 1);
  fill(open[0].intent);
  auto close = places(target("0"));
  REQUIRE(close.size() == 1);
  CHECK(close[0].intent.reduce_only);
  CHECK(close[0].intent.side == side::sell);
  CHECK(close[0].intent.qty == d("10"));
  fill(close[0].intent);
  CHECK(core.position().is_zero());
  // a partial reduction below min notional is still sent (reduce-only)
  fill(places(target("10"))[0].intent);
  auto reduce = places(target("8"));
  REQUIRE(reduce.size() == 1);
  CHECK(reduce[0].intent.reduce_only);
  CHECK(reduce[0].intent.qty == d("2"));
}

TEST_CASE_METHOD(executor_fixture, "a flip is a reduce-only close then an open",
                 "[executor]") {
  fill(places(target("10"))[0].intent);
  auto close = places(target("-20"));
  REQUIRE(close.size() == 1);
  CHECK(close[0].intent.reduce_only);
  CHECK(close[0].intent.qty == d("10"));
  auto open = places(fill(close[0].intent));
  REQUIRE(open.size() == 1);
  CHECK_FALSE(open[0].intent.reduce_only);
  CHECK(open[0].intent.side == side::sell);
  CHECK(open[0].intent.qty == d("20"));
}

TEST_CASE_METHOD(executor_fixture,
                 "duplicate and late fill events are absorbed", "[executor]") {
  auto p = places(target("50"));
  auto& intent = p[0].intent;
  fill(intent, "20");
  fill(intent, "20"); // duplicate
  CHECK(core.position() == d("20"));
  fill(intent, "50");
  fill(intent, "20"); // late, older cumulative
  CHECK(core.position() == d("50"));
  // TRADE_LITE style events without a cumulative quantity dedupe by trade id
  auto q = places(target("60"));
  order_update lite;
  lite.client_id = q[0].intent.client_id;
  lite.kind = order_event_kind::trade;
  lite.trade_id = 7;
  lite.last_qty = d("4");
  lite.last_px = d("1.32");
  core.on_update(lite, 1);
  core.on_update(lite, 1);
  CHECK(core.position() == d("54"));
}

TEST_CASE_METHOD(executor_fixture, "an unknown outcome is queried, not resent",
                 "[executor]") {
  auto p = places(target("50"));
  order_update u;
  u.client_id = p[0].intent.client_id;
  u.kind = order_event_kind::outcome_unknown;
  u.error_code = -1007;
  auto r = core.on_update(u, 1001);
  bool queried = false;
  for (auto& a : r)
    if (auto q = std::get_if<query_order_action>(&a)) {
      queried = true;
      CHECK(q->client_id == p[0].intent.client_id);
      CHECK(q->not_before_ms == 1000 + 5000 + 1000);
    }
  CHECK(queried);
  CHECK(places(r).empty());
  CHECK(places(target("70")).empty()); // still unresolved: nothing new
  // the query finds it filled: adopted, then the new delta is traded
  auto next = places(fill(p[0].intent));
  REQUIRE(next.size() == 1);
  CHECK(next[0].intent.qty == d("20"));
}

TEST_CASE_METHOD(executor_fixture,
                 "not found after the window allows a new "
                 "order",
                 "[executor]") {
  auto p = places(target("50"));
  order_update u;
  u.client_id = p[0].intent.client_id;
  u.kind = order_event_kind::outcome_unknown;
  core.on_update(u, 1001);
  u.kind = order_event_kind::not_found;
  auto r = core.on_update(u, 8000);
  // rejected for this target: waits for the next target instead of looping
  CHECK(places(r).empty());
  auto again = places(target("50"));
  REQUIRE(again.size() == 1);
  CHECK(again[0].intent.client_id == "hlc-0-SUIUSDT-2");
}

TEST_CASE_METHOD(executor_fixture, "a rejection is recorded and not repeated",
                 "[executor]") {
  auto p = places(target("50"));
  order_update u;
  u.client_id = p[0].intent.client_id;
  u.kind = order_event_kind::rejected;
  u.error_code = -2019;
  u.error_text = "Margin is insufficient.";
  auto r = core.on_update(u, 1001);
  CHECK(places(r).empty());
  auto s = skips(r);
  REQUIRE(s.size() == 1);
  CHECK(s[0].reason == skip_reason::order_rejected);
  CHECK(s[0].detail.find("-2019") != std::string::npos);
}

TEST_CASE_METHOD(executor_fixture,
                 "halted places nothing, reducing only "
                 "reduces",
                 "[executor]") {
  fill(places(target("10"))[0].intent);
  core.set_state(trading_state::halted, 1);
  CHECK(places(target("0")).empty());
  auto resumed = places(core.set_state(trading_state::reducing, 2));
  REQUIRE(resumed.size() == 1);
  CHECK(resumed[0].intent.reduce_only);
  fill(resumed[0].intent);
  auto blocked = target("10");
  CHECK(places(blocked).empty());
  CHECK(skips(blocked).at(0).reason == skip_reason::state_reducing);
}

TEST_CASE_METHOD(executor_fixture,
                 "restart queries open orders before "
                 "trading",
                 "[executor]") {
  executor_core fresh{"SUIUSDT", executor_options{"hlc", "0", 5000, 1000}};
  fresh.set_filters(test::filters("SUIUSDT", "0.1", "5", "0.0001"));
  fresh.set_mark(d("1.32"));
  tracked_order open;
  open.intent.client_id = "hlc-0-SUIUSDT-7";
  open.intent.symbol = "SUIUSDT";
  open.intent.qty = d("10");
  open.intent.created_ms = 100;
  open.state = order_state::pending;
  auto r = fresh.restore({open}, d("0"), 8, 200);
  REQUIRE(r.size() == 1);
  CHECK(std::get<query_order_action>(r[0]).not_before_ms == 6100);
  symbol_target t;
  t.symbol = "SUIUSDT";
  t.target_qty = d("10");
  t.seq = 1;
  CHECK(places(fresh.on_target(t, 300)).empty());
  order_update found;
  found.client_id = open.intent.client_id;
  found.kind = order_event_kind::trade;
  found.cum_qty = d("10");
  CHECK(places(fresh.on_update(found, 7000)).empty()); // adopted
  // the venue position read at restart already held it: not counted twice
  CHECK(fresh.position().is_zero());
  CHECK(fresh.needs_position_sync());
  CHECK_FALSE(fresh.settled());
  CHECK(places(fresh.sync_position(d("10"), 7001)).empty()); // at target
  CHECK(fresh.settled());
  CHECK(fresh.position() == d("10"));
  CHECK(fresh.next_seq() == 8);
}

TEST_CASE("a target handed over before any price is traded at the first mark",
          "[executor][recovery]") {
  // e.g. an EXECUTOR spawned by a restarted ROUTER that has no marks yet
  executor_core core{"SUIUSDT", executor_options{"hlc", "0", 0, 0}};
  core.set_filters(test::filters("SUIUSDT", "0.1", "5", "0.0001"));
  symbol_target t;
  t.symbol = "SUIUSDT";
  t.target_qty = d("100");
  t.seq = 1;
  t.correlation = "restore";
  auto waiting = core.on_target(t, 1000);
  CHECK(executor_fixture::places(waiting).empty());
  CHECK(executor_fixture::skips(waiting).size() == 1);
  auto priced = core.on_mark(d("1.32"), 1001);
  auto placed = executor_fixture::places(priced);
  REQUIRE(placed.size() == 1);
  CHECK(placed[0].intent.qty == d("100"));
  // later marks decide nothing on their own
  CHECK(core.on_mark(d("1.40"), 1002).empty());
}
