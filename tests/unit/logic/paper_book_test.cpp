#include "actors/paper/paper_book.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;

namespace {

struct paper_fixture {
  paper_book book{paper_settings{}};

  paper_fixture() {
    book.set_filters(test::filters("BTCUSDT", "0.001", "100", "0.1"));
    book.set_mark("BTCUSDT", d("29000"));
  }

  static order_intent intent(const char* id, side s, const char* qty,
                             bool reduce_only = false) {
    order_intent i;
    i.client_id = id;
    i.symbol = "BTCUSDT";
    i.side = s;
    i.qty = d(qty);
    i.reduce_only = reduce_only;
    return i;
  }

  int code(const order_intent& i) {
    auto r = book.submit(i, 0);
    // Any refusal (final, not placed, or "an earlier attempt landed").
    return r.back().error_code;
  }
};

} // namespace

TEST_CASE_METHOD(paper_fixture, "paper fills market orders at the mark",
                 "[paper]") {
  auto r = book.submit(intent("a", side::buy, "0.01"), 5);
  REQUIRE(r.size() == 2);
  CHECK(r[0].kind == order_event_kind::accepted);
  CHECK(r[1].kind == order_event_kind::trade);
  CHECK(r[1].cum_qty == d("0.01"));
  CHECK(r[1].avg_px == d("29000"));
  CHECK(book.position("BTCUSDT") == d("0.01"));
  CHECK(book.query("BTCUSDT", "a").kind == order_event_kind::trade);
  CHECK(book.query("BTCUSDT", "zz").error_code == -2013);
}

TEST_CASE_METHOD(paper_fixture, "paper applies Binance's filters and codes",
                 "[paper]") {
  CHECK(code(intent("a", side::buy, "0.0015")) == -4023);
  CHECK(code(intent("b", side::buy, "0")) == -4003);
  CHECK(code(intent("c", side::buy, "0.003")) == -4164);        // 87 < 100 USDT
  CHECK(code(intent("d", side::sell, "0.001", true)) == -2022); // no position
  auto unknown = intent("e", side::buy, "1");
  unknown.symbol = "NOPEUSDT";
  CHECK(code(unknown) == -1121);
  CHECK(book.cancel("BTCUSDT", "a", 0).error_code == -2011);
}

TEST_CASE_METHOD(paper_fixture,
                 "reduce-only is exempt from min notional and "
                 "clamped to the position",
                 "[paper]") {
  REQUIRE(code(intent("a", side::buy, "0.01")) == 0);
  auto r = book.submit(intent("b", side::sell, "0.003", true), 0);
  CHECK(r.back().kind == order_event_kind::trade);
  CHECK(book.position("BTCUSDT") == d("0.007"));
  auto over = book.submit(intent("c", side::sell, "0.5", true), 0);
  CHECK(over.back().kind == order_event_kind::expired);
  CHECK(over.back().cum_qty == d("0.007"));
  CHECK(book.position("BTCUSDT").is_zero());
}

TEST_CASE_METHOD(paper_fixture, "paper tracks entry price and realized PnL",
                 "[paper]") {
  book.submit(intent("a", side::buy, "0.01"), 0);
  book.set_mark("BTCUSDT", d("30000"));
  book.submit(intent("b", side::sell, "0.01", true), 0);
  REQUIRE(book.find_position("BTCUSDT"));
  CHECK(book.find_position("BTCUSDT")->realized_pnl == d("10"));
}

TEST_CASE_METHOD(paper_fixture, "paper refuses duplicate open client ids only",
                 "[paper]") {
  auto limit = intent("L", side::buy, "0.01");
  limit.type = order_type::limit;
  limit.price = d("28000"); // rests below the mark
  auto r = book.submit(limit, 0);
  CHECK(r.back().kind == order_event_kind::accepted);
  auto again = book.submit(limit, 0);
  CHECK(again.back().error_code == -4116);
  // -4116 means an earlier attempt landed: query, never a final rejection
  CHECK(again.back().kind == order_event_kind::outcome_unknown);
  CHECK(book.cancel("BTCUSDT", "L", 0).kind == order_event_kind::canceled);
  CHECK(code(intent("L", side::buy, "0.01")) == 0); // closed id is reusable
}

TEST_CASE_METHOD(paper_fixture, "restored paper state continues", "[paper]") {
  book.submit(intent("a", side::buy, "0.01"), 0);
  paper_book restarted{paper_settings{}};
  restarted.restore_order(*book.find("a"));
  restarted.restore_position(*book.find_position("BTCUSDT"));
  CHECK(restarted.position("BTCUSDT") == d("0.01"));
  CHECK(restarted.query("BTCUSDT", "a").cum_qty == d("0.01"));
  CHECK(restarted.next_id() == book.next_id());
}

TEST_CASE_METHOD(paper_fixture,
                 "paper keeps only the latest terminal orders of a symbol",
                 "[paper]") {
  // A long replay must not keep every order ever placed in memory; a
  // restarted executor only asks about its latest ones.
  for (int i = 0; i < 200; ++i) {
    auto id = "o" + std::to_string(i);
    book.submit(intent(id.c_str(), i % 2 == 0 ? side::buy : side::sell, "0.01"),
                0);
  }
  CHECK(book.query("BTCUSDT", "o199").kind == order_event_kind::trade);
  CHECK(book.query("BTCUSDT", "o136").kind == order_event_kind::trade);
  CHECK(book.query("BTCUSDT", "o135").kind == order_event_kind::not_found);
  CHECK(book.query("BTCUSDT", "o0").kind == order_event_kind::not_found);
  CHECK(book.position("BTCUSDT").is_zero());
}

namespace {

order_intent limit_intent(const char* id, side s, const char* qty,
                          const char* px, time_in_force tif,
                          bool reduce_only = false) {
  auto i = paper_fixture::intent(id, s, qty, reduce_only);
  i.type = order_type::limit;
  i.price = d(px);
  i.tif = tif;
  return i;
}

} // namespace

TEST_CASE_METHOD(paper_fixture,
                 "paper LIMIT GTC orders rest and fill at their price when "
                 "the mark crosses them",
                 "[paper][limit]") {
  struct row {
    side s;
    const char* price;
    const char* no_cross_mark;
    const char* cross_mark;
  };
  auto rows = std::vector<row>{
      {side::buy, "28900", "28901", "28900"},  // mark falls to the bid
      {side::sell, "29100", "29099", "29150"}, // mark rises past the ask
  };
  for (auto& r : rows) {
    CAPTURE(static_cast<int>(r.s));
    paper_fixture fx;
    auto gtc = limit_intent("g1", r.s, "0.01", r.price, time_in_force::gtc);
    auto placed = fx.book.submit(gtc, 1);
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].kind == order_event_kind::accepted);
    CHECK(fx.book.position("BTCUSDT").is_zero());
    CHECK(fx.book.on_mark("BTCUSDT", d(r.no_cross_mark), 2).empty());
    auto events = fx.book.on_mark("BTCUSDT", d(r.cross_mark), 3);
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == order_event_kind::trade);
    CHECK(events[0].last_px == d(r.price)); // its own price, not the mark
    CHECK(events[0].cum_qty == d("0.01"));
    auto expected = r.s == side::buy ? d("0.01") : d("-0.01");
    CHECK(fx.book.position("BTCUSDT") == expected);
    CHECK(fx.book.on_mark("BTCUSDT", d(r.cross_mark), 4).empty()); // once
    CHECK(fx.book.query("BTCUSDT", "g1").kind == order_event_kind::trade);
  }
}

TEST_CASE_METHOD(paper_fixture,
                 "paper cancels a resting order by client id; a second "
                 "cancel is -2011",
                 "[paper][limit]") {
  book.submit(
      limit_intent("g1", side::buy, "0.01", "28900", time_in_force::gtc), 1);
  auto c = book.cancel("BTCUSDT", "g1", 2);
  CHECK(c.kind == order_event_kind::canceled);
  CHECK(book.on_mark("BTCUSDT", d("28000"), 3).empty()); // no longer rests
  CHECK(book.position("BTCUSDT").is_zero());
  auto again = book.cancel("BTCUSDT", "g1", 4);
  CHECK(again.kind == order_event_kind::cancel_rejected);
  CHECK(again.error_code == -2011);
}

TEST_CASE_METHOD(paper_fixture,
                 "paper IOC LIMIT fills what crosses and expires the rest",
                 "[paper][limit]") {
  // not crossing: expires at once, nothing rests
  auto miss = book.submit(
      limit_intent("i1", side::buy, "0.01", "28900", time_in_force::ioc), 1);
  REQUIRE(miss.size() == 1);
  CHECK(miss[0].kind == order_event_kind::expired);
  CHECK(book.on_mark("BTCUSDT", d("28000"), 2).empty());
  book.set_mark("BTCUSDT", d("29000"));
  // crossing: fills at the mark (better than its limit)
  auto hit = book.submit(
      limit_intent("i2", side::buy, "0.01", "29050", time_in_force::ioc), 3);
  CHECK(hit.back().kind == order_event_kind::trade);
  CHECK(hit.back().last_px == d("29000"));
  // reduce-only beyond the position: the position fills, the rest expires
  auto close = book.submit(
      limit_intent("i3", side::sell, "0.02", "28950", time_in_force::ioc, true),
      4);
  REQUIRE(close.size() == 3);
  CHECK(close[1].last_qty == d("0.01"));
  CHECK(close[2].kind == order_event_kind::expired);
  CHECK(book.position("BTCUSDT").is_zero());
}

TEST_CASE_METHOD(paper_fixture,
                 "a resting reduce-only order never opens a position",
                 "[paper][limit]") {
  book.submit(intent("m1", side::buy, "0.01"), 1);
  book.submit(
      limit_intent("g1", side::sell, "0.03", "29100", time_in_force::gtc, true),
      2);
  auto events = book.on_mark("BTCUSDT", d("29200"), 3);
  REQUIRE(events.size() == 2);
  CHECK(events[0].last_qty == d("0.01"));
  CHECK(events[1].kind == order_event_kind::expired);
  CHECK(book.position("BTCUSDT").is_zero());
}

TEST_CASE_METHOD(paper_fixture,
                 "a resting order restored after a restart still fills",
                 "[paper][limit]") {
  paper_order o;
  o.intent = limit_intent("g9", side::buy, "0.01", "28900", time_in_force::gtc);
  o.exchange_order_id = 7;
  o.status = order_state::submitted;
  book.restore_order(o);
  auto events = book.on_mark("BTCUSDT", d("28850"), 5);
  REQUIRE(events.size() == 1);
  CHECK(events[0].last_px == d("28900"));
  CHECK(book.position("BTCUSDT") == d("0.01"));
}
