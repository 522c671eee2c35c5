// EXE-7, EXE-8, EXE-9 in the executor core: LIMIT pricing and time in force,
// the slippage check against the book, resync, -2022 and -2019.

#include "actors/executor/executor_core.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;

namespace {

executor_options limit_options() {
  executor_options o{"hlc", "0", 5000, 1000};
  o.type = order_type::limit;
  o.price_offset_pct = d("0.02");
  o.tif_ms = 3000;
  o.max_slippage_pct = d("0.2");
  o.min_residual_usd = d("5");
  return o;
}

template <class T>
std::vector<T> all(const std::vector<executor_action>& xs) {
  std::vector<T> result;
  for (auto& x : xs)
    if (auto p = std::get_if<T>(&x)) result.push_back(*p);
  return result;
}

struct pricing_fixture {
  executor_core core;
  uint64_t seq = 0;

  explicit pricing_fixture(executor_options o = limit_options())
      : core("SUIUSDT", std::move(o)) {
    // min notional 1 USDT: the residual floor (5) is the one that bites
    core.set_filters(test::filters("SUIUSDT", "0.1", "1", "0.0001"));
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

  std::vector<executor_action> event(const order_intent& intent,
                                     order_event_kind kind,
                                     const char* cum = "0", int code = 0) {
    order_update u;
    u.client_id = intent.client_id;
    u.symbol = intent.symbol;
    u.kind = kind;
    u.cum_qty = d(cum);
    u.avg_px = d("1.32");
    u.error_code = code;
    return core.on_update(u, 2000);
  }

  /// Places and fully fills one order toward `qty`.
  void reach(const char* qty) {
    auto p = all<place_order_action>(target(qty));
    REQUIRE(p.size() == 1);
    event(p[0].intent, order_event_kind::trade,
          p[0].intent.qty.to_string().c_str());
  }
};

} // namespace

TEST_CASE("LIMIT orders are priced at mark ± offset, rounded toward less "
          "aggressive, with a time in force",
          "[executor][limit]") {
  struct row {
    const char* from;
    const char* to;
    side expected_side;
    const char* price;
    bool reduce_only;
  };
  // mark 1.32: buy 1.320264 → 1.3202 (down), sell 1.319736 → 1.3198 (up)
  auto rows = std::vector<row>{
      {"0", "50", side::buy, "1.3202", false},
      {"50", "10", side::sell, "1.3198", true},
      {"50", "0", side::sell, "1.3198", true},
      {"0", "-50", side::sell, "1.3198", false},
  };
  for (auto& r : rows) {
    CAPTURE(r.from, r.to);
    pricing_fixture fx;
    if (d(r.from).is_positive()) fx.reach(r.from);
    auto out = fx.target(r.to);
    auto p = all<place_order_action>(out);
    REQUIRE(p.size() == 1);
    CHECK(p[0].intent.type == order_type::limit);
    CHECK(p[0].intent.tif == time_in_force::gtc);
    CHECK(p[0].intent.side == r.expected_side);
    CHECK(p[0].intent.price == d(r.price));
    CHECK(p[0].intent.reduce_only == r.reduce_only);
    auto tif = all<arm_tif_action>(out);
    REQUIRE(tif.size() == 1);
    CHECK(tif[0].client_id == p[0].intent.client_id);
    CHECK(tif[0].delay_ms == 3000);
  }
}

TEST_CASE("MARKET orders carry no price and arm no timer",
          "[executor][limit]") {
  pricing_fixture fx{executor_options{"hlc", "0", 5000, 1000}};
  auto out = fx.target("50");
  auto p = all<place_order_action>(out);
  REQUIRE(p.size() == 1);
  CHECK(p[0].intent.type == order_type::market);
  CHECK(p[0].intent.price.is_zero());
  CHECK(all<arm_tif_action>(out).empty());
}

TEST_CASE("after the time in force: cancel, wait for the confirmation, then "
          "the residual toward the current target as IOC",
          "[executor][limit]") {
  pricing_fixture fx;
  auto gtc = all<place_order_action>(fx.target("50")).at(0).intent;
  fx.event(gtc, order_event_kind::accepted);
  fx.event(gtc, order_event_kind::trade, "20");
  CHECK(fx.core.position() == d("20"));
  auto tif = fx.core.on_tif(gtc.client_id, 4000);
  CHECK(all<arm_tif_action>(tif).empty());
  REQUIRE(all<cancel_order_action>(tif).size() == 1);
  CHECK(all<place_order_action>(tif).empty());
  CHECK(fx.core.on_tif(gtc.client_id, 4001).empty()); // one cancel only
  // a new target coalesces while the cancel is unconfirmed
  CHECK(all<place_order_action>(fx.target("60")).empty());
  // a fill between the cancel request and its confirmation counts
  auto between = fx.event(gtc, order_event_kind::trade, "30");
  CHECK(all<place_order_action>(between).empty());
  CHECK(all<arm_tif_action>(between).empty()); // the cancel still stands
  CHECK(fx.core.position() == d("30"));
  auto done = fx.event(gtc, order_event_kind::canceled, "30");
  auto ioc = all<place_order_action>(done);
  REQUIRE(ioc.size() == 1);
  CHECK(ioc[0].intent.type == order_type::limit);
  CHECK(ioc[0].intent.tif == time_in_force::ioc);
  CHECK(ioc[0].intent.qty == d("30"));       // toward 60, not 50
  CHECK(ioc[0].intent.price == d("1.3226")); // 1.32 × 1.002, down
  CHECK(all<arm_tif_action>(done).empty());  // IOC ends by itself
  // the IOC takes what the book gives; the rest waits for the next target
  auto expired = fx.event(ioc[0].intent, order_event_kind::expired, "10");
  CHECK(all<place_order_action>(expired).empty());
  CHECK(fx.core.position() == d("40"));
  CHECK(fx.core.settled());
  auto next = all<place_order_action>(fx.target("70"));
  REQUIRE(next.size() == 1);
  CHECK(next[0].intent.tif == time_in_force::gtc);
  CHECK(next[0].intent.qty == d("30"));
}

TEST_CASE("a cancel refused with -2011 queries the order instead",
          "[executor][limit]") {
  pricing_fixture fx;
  auto gtc = all<place_order_action>(fx.target("50")).at(0).intent;
  fx.event(gtc, order_event_kind::accepted);
  fx.core.on_tif(gtc.client_id, 4000);
  auto refused = fx.event(gtc, order_event_kind::cancel_rejected, "0", -2011);
  auto q = all<query_order_action>(refused);
  REQUIRE(q.size() == 1);
  CHECK(q[0].not_before_ms == 2000); // now
  CHECK(all<place_order_action>(refused).empty());
  // the query: it had filled before the cancel: no residual
  auto filled = fx.event(gtc, order_event_kind::trade, "50");
  CHECK(all<place_order_action>(filled).empty());
  CHECK(fx.core.position() == d("50"));
  CHECK(fx.core.settled());
}

TEST_CASE("a cancel whose fate is unknown queries; an order that still works "
          "is canceled again one TIF later",
          "[executor][limit]") {
  pricing_fixture fx;
  auto gtc = all<place_order_action>(fx.target("50")).at(0).intent;
  fx.event(gtc, order_event_kind::accepted);
  fx.core.on_tif(gtc.client_id, 4000);
  auto lost = fx.event(gtc, order_event_kind::outcome_unknown);
  CHECK(all<query_order_action>(lost).size() == 1);
  // the query: still working, partly filled
  auto working = fx.event(gtc, order_event_kind::trade, "10");
  auto rearm = all<arm_tif_action>(working);
  REQUIRE(rearm.size() == 1);
  CHECK(all<cancel_order_action>(fx.core.on_tif(gtc.client_id, 7000)).size()
        == 1);
}

TEST_CASE("the time in force waits for an order whose answer is still due",
          "[executor][limit]") {
  pricing_fixture fx;
  auto gtc = all<place_order_action>(fx.target("50")).at(0).intent;
  auto pending = fx.core.on_tif(gtc.client_id, 4000); // PENDING
  CHECK(all<cancel_order_action>(pending).empty());
  CHECK(all<arm_tif_action>(pending).size() == 1);
  fx.event(gtc, order_event_kind::trade, "50");
  CHECK(fx.core.on_tif(gtc.client_id, 7000).empty());      // filled: nothing
  CHECK(fx.core.on_tif("hlc-0-SUIUSDT-99", 7000).empty()); // unknown id
}

TEST_CASE("the residual floor: opens below min_residual_usd are skipped, "
          "closes and reductions are sent",
          "[executor][limit]") {
  struct row {
    const char* from;
    const char* to;
    const char* filled_before_tif;
    bool sent;
  };
  // leftover 3 × 1.32 = 3.96 USDT < 5 in every row
  auto rows = std::vector<row>{
      {"0", "50", "47", false}, // open: skipped
      {"50", "0", "47", true},  // close: reduce-only, sent
      {"50", "20", "27", true}, // reduction: reduce-only, sent
      {"0", "50", "46", true},  // leftover 4 × 1.32 = 5.28: sent
  };
  for (auto& r : rows) {
    CAPTURE(r.from, r.to, r.filled_before_tif);
    pricing_fixture fx;
    if (d(r.from).is_positive()) fx.reach(r.from);
    auto gtc = all<place_order_action>(fx.target(r.to)).at(0).intent;
    fx.event(gtc, order_event_kind::trade, r.filled_before_tif);
    fx.core.on_tif(gtc.client_id, 4000);
    auto out = fx.event(gtc, order_event_kind::canceled, r.filled_before_tif);
    auto p = all<place_order_action>(out);
    CHECK(p.size() == (r.sent ? 1u : 0u));
    if (r.sent) {
      CHECK(p[0].intent.tif == time_in_force::ioc);
      CHECK(p[0].intent.reduce_only == d(r.to).abs() < d(r.from).abs());
    } else {
      auto s = all<skip_action>(out);
      REQUIRE(s.size() == 1);
      CHECK(s[0].skip.reason == skip_reason::residual_below_min);
      CHECK(fx.core.settled());
    }
  }
}

TEST_CASE("the slippage check against the book refuses, then re-evaluates on "
          "the next book or mark",
          "[executor][slippage]") {
  struct row {
    const char* to; ///< from 0 (buy) or from 50 (sell to 0)
    const char* bid;
    const char* ask;
    bool refused;
  };
  // mark 1.32, band 0.2 % = 0.00264: buy refused above 1.32264, sell
  // refused below 1.31736
  auto rows = std::vector<row>{
      {"50", "1.3199", "1.3227", true},  {"50", "1.3199", "1.3226", false},
      {"0", "1.3173", "1.3201", true},   {"0", "1.3174", "1.3201", false},
      {"50", "1.2000", "1.3201", false}, // a buy looks at the ask only
      {"0", "1.3199", "1.5000", false},  // a sell at the bid only
  };
  for (auto type : {order_type::market, order_type::limit}) {
    for (auto& r : rows) {
      CAPTURE(static_cast<int>(type), r.to, r.bid, r.ask);
      auto o = limit_options();
      o.type = type;
      pricing_fixture fx{o};
      if (d(r.to).is_zero()) fx.reach("50");
      fx.core.on_book(d(r.bid), d(r.ask), 1000);
      auto out = fx.target(r.to);
      CHECK(all<place_order_action>(out).size() == (r.refused ? 0u : 1u));
      if (!r.refused) continue;
      auto s = all<skip_action>(out);
      REQUIRE(s.size() == 1);
      CHECK(s[0].skip.reason == skip_reason::slippage);
      // a book still too wide says nothing again; a sane one trades
      CHECK(fx.core.on_book(d(r.bid), d(r.ask), 1001).empty());
      CHECK(all<place_order_action>(
                fx.core.on_book(d("1.3199"), d("1.3201"), 1002))
                .size()
            == 1);
    }
  }
}

TEST_CASE("a slippage refusal is re-evaluated on the next mark",
          "[executor][slippage]") {
  pricing_fixture fx{executor_options{"hlc", "0", 5000, 1000}};
  fx.core.on_book(d("1.3299"), d("1.3301"), 1000);
  CHECK(all<place_order_action>(fx.target("50")).empty());
  // the mark catches up with the book: within the band now
  CHECK(all<place_order_action>(fx.core.on_mark(d("1.33"), 1001)).size() == 1);
}

TEST_CASE("without a book the mark alone is the reference",
          "[executor][slippage]") {
  pricing_fixture fx{executor_options{"hlc", "0", 5000, 1000}};
  CHECK(all<place_order_action>(fx.target("50")).size() == 1);
}

TEST_CASE("resync queries working orders now and re-reads the position once "
          "they are resolved",
          "[executor][resync]") {
  pricing_fixture fx;
  auto gtc = all<place_order_action>(fx.target("50")).at(0).intent;
  // PENDING: its answer is in flight, a query now proves nothing
  CHECK(all<query_order_action>(fx.core.on_resync(1500)).empty());
  fx.event(gtc, order_event_kind::accepted);
  auto r = fx.core.on_resync(2500);
  auto q = all<query_order_action>(r);
  REQUIRE(q.size() == 1);
  CHECK(q[0].client_id == gtc.client_id);
  CHECK(q[0].not_before_ms == 2500); // now, not after recvWindow
  CHECK_FALSE(fx.core.needs_position_sync());
  CHECK_FALSE(fx.core.settled());
  // the query (or the stream) says it filled; then the venue position rules
  fx.event(gtc, order_event_kind::trade, "50");
  fx.event(gtc, order_event_kind::trade, "50"); // duplicate: absorbed
  CHECK(fx.core.needs_position_sync());
  CHECK(all<place_order_action>(fx.core.sync_position(d("45"), 3000)).size()
        == 1); // the venue holds 45: 5 more toward 50
  CHECK(fx.core.position() == d("45"));
}

TEST_CASE("resync of an idle executor re-reads the position only",
          "[executor][resync]") {
  pricing_fixture fx{executor_options{"hlc", "0", 5000, 1000}};
  fx.reach("50");
  CHECK(fx.core.on_resync(3000).empty());
  CHECK(fx.core.needs_position_sync());
  CHECK_FALSE(fx.core.settled());
  CHECK(all<place_order_action>(fx.target("60")).empty()); // waits
  auto p = all<place_order_action>(fx.core.sync_position(d("50"), 3001));
  REQUIRE(p.size() == 1);
  CHECK(p[0].intent.qty == d("10"));
}

TEST_CASE("a -2022 on a close re-reads the position instead of retrying",
          "[executor][close]") {
  for (auto type : {order_type::market, order_type::limit}) {
    CAPTURE(static_cast<int>(type));
    auto o = limit_options();
    o.type = type;
    pricing_fixture fx{o};
    fx.reach("10");
    auto close = all<place_order_action>(fx.target("0")).at(0).intent;
    CHECK(close.reduce_only);
    auto out = fx.event(close, order_event_kind::rejected, "0", -2022);
    CHECK(all<place_order_action>(out).empty());
    CHECK(all<skip_action>(out).empty());
    CHECK(all<alert_action>(out).size() == 1);
    CHECK(fx.core.needs_position_sync());
    SECTION("the position is already gone: nothing more") {
      CHECK(fx.core.sync_position(d("0"), 3000).empty());
      CHECK(fx.core.settled());
    }
    SECTION("the venue still shows some: one more close, a second -2022 is "
            "final") {
      auto again = all<place_order_action>(fx.core.sync_position(d("4"), 3000));
      REQUIRE(again.size() == 1);
      CHECK(again[0].intent.qty == d("4")); // clamped to the live position
      CHECK(again[0].intent.reduce_only);
      auto final
          = fx.event(again[0].intent, order_event_kind::rejected, "0", -2022);
      CHECK(all<place_order_action>(final).empty());
      CHECK(all<skip_action>(final).size() == 1);
      CHECK_FALSE(fx.core.needs_position_sync());
      CHECK(fx.core.settled());
    }
  }
}

TEST_CASE("a -2019 skips and alerts once until an order fills again",
          "[executor][close]") {
  pricing_fixture fx{executor_options{"hlc", "0", 5000, 1000}};
  auto alerts = 0u;
  auto skips = 0u;
  for (auto qty : {"50", "60", "70"}) {
    auto p = all<place_order_action>(fx.target(qty));
    REQUIRE(p.size() == 1); // one order per target: no retry storm
    auto out = fx.event(p[0].intent, order_event_kind::rejected, "0", -2019);
    CHECK(all<place_order_action>(out).empty());
    alerts += all<alert_action>(out).size();
    skips += all<skip_action>(out).size();
  }
  CHECK(alerts == 1);
  CHECK(skips == 3);
  fx.reach("10");
  auto p = all<place_order_action>(fx.target("80")).at(0).intent;
  CHECK(all<alert_action>(fx.event(p, order_event_kind::rejected, "0", -2019))
            .size()
        == 1);
}

TEST_CASE("reduce-only orders below min notional are sent (no local -4164)",
          "[executor][close]") {
  for (auto type : {order_type::market, order_type::limit}) {
    CAPTURE(static_cast<int>(type));
    auto o = limit_options();
    o.type = type;
    executor_core core{"SUIUSDT", o};
    core.set_filters(test::filters("SUIUSDT", "0.1", "5", "0.0001"));
    core.set_mark(d("1.32"));
    symbol_target t;
    t.symbol = "SUIUSDT";
    t.target_qty = d("2");
    t.seq = 1;
    core.restore({}, d("3"), 1, 1000); // 3 held: 3.96 USDT
    for (auto [to, qty] : {std::pair{"2", "1"}, std::pair{"0", "2"}}) {
      t.target_qty = d(to);
      ++t.seq;
      auto p = all<place_order_action>(core.on_target(t, 1000));
      REQUIRE(p.size() == 1);
      CHECK(p[0].intent.reduce_only);
      CHECK(p[0].intent.qty == d(qty));
      order_update u;
      u.client_id = p[0].intent.client_id;
      u.kind = order_event_kind::trade;
      u.cum_qty = p[0].intent.qty;
      core.on_update(u, 1001);
    }
    CHECK(core.position().is_zero());
  }
}

TEST_CASE("a GTC LIMIT restored after a restart gets its time in force again",
          "[executor][limit][recovery]") {
  executor_core core{"SUIUSDT", limit_options()};
  core.set_filters(test::filters("SUIUSDT", "0.1", "1", "0.0001"));
  core.set_mark(d("1.32"));
  tracked_order gtc;
  gtc.intent.client_id = "hlc-0-SUIUSDT-3";
  gtc.intent.symbol = "SUIUSDT";
  gtc.intent.type = order_type::limit;
  gtc.intent.tif = time_in_force::gtc;
  gtc.intent.qty = d("10");
  gtc.state = order_state::submitted;
  auto ioc = gtc;
  ioc.intent.client_id = "hlc-0-SUIUSDT-4";
  ioc.intent.tif = time_in_force::ioc;
  auto out = core.restore({gtc, ioc}, d("0"), 5, 100);
  CHECK(all<query_order_action>(out).size() == 2);
  auto tif = all<arm_tif_action>(out);
  REQUIRE(tif.size() == 1);
  CHECK(tif[0].client_id == "hlc-0-SUIUSDT-3");
}
