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
    return r.back().kind == order_event_kind::rejected ? r.back().error_code
                                                       : 0;
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
  CHECK(code(limit) == -4116);
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
