// The venue contract's outcome kinds as the executor acts on them (EXE-5,
// ADR 0025): not placed → the same id again after a backoff; a venue
// refusal is final; the paper venue speaks Binance's error catalog.

#include "actors/executor/executor_core.hpp"
#include "actors/paper/paper_book.hpp"
#include "adapters/binance/orders.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;

namespace {

std::vector<resend_order_action>
resends(const std::vector<executor_action>& xs) {
  std::vector<resend_order_action> result;
  for (auto& x : xs)
    if (auto r = std::get_if<resend_order_action>(&x)) result.push_back(*r);
  return result;
}

order_intent first_place(const std::vector<executor_action>& xs) {
  for (auto& x : xs)
    if (auto p = std::get_if<place_order_action>(&x)) return p->intent;
  FAIL("no order placed");
  return {};
}

order_update not_placed(const order_intent& intent, int code,
                        int64_t retry_after_ms) {
  auto u = binance::update_from_error(binance::venue_error{429, code, "busy"},
                                      intent.client_id, intent.symbol,
                                      retry_after_ms);
  REQUIRE(u.kind == order_event_kind::not_placed);
  return u;
}

} // namespace

TEST_CASE("a not-placed answer resends the same intent after a growing "
          "backoff, honouring the venue's wait",
          "[executor][venue]") {
  executor_core core{"SUIUSDT", executor_options{"hlc", "0", 5000, 1000}};
  core.set_filters(test::filters("SUIUSDT", "0.1", "5", "0.0001"));
  core.set_mark(d("1.32"));
  symbol_target t;
  t.symbol = "SUIUSDT";
  t.target_qty = d("50");
  t.seq = 1;
  auto intent = first_place(core.on_target(t, 1000));

  auto r1 = resends(core.on_update(not_placed(intent, -1008, 0), 1000));
  REQUIRE(r1.size() == 1);
  CHECK(r1[0].client_id == intent.client_id); // same id, never a new order
  CHECK(r1[0].not_before_ms == 1250);
  CHECK(core.orders().at(intent.client_id).state == order_state::pending);
  CHECK_FALSE(core.idle()); // the target waits for this order

  auto r2 = resends(core.on_update(not_placed(intent, -1015, 0), 1300));
  REQUIRE(r2.size() == 1);
  CHECK(r2[0].not_before_ms == 1300 + 500); // doubled

  // a Retry-After longer than the backoff wins
  auto r3 = resends(core.on_update(not_placed(intent, 0, 60000), 2000));
  REQUIRE(r3.size() == 1);
  CHECK(r3[0].not_before_ms == 2000 + 60000);

  // then the venue takes it: one order, one fill, nothing placed anew
  order_update fill;
  fill.client_id = intent.client_id;
  fill.symbol = intent.symbol;
  fill.kind = order_event_kind::trade;
  fill.cum_qty = intent.qty;
  fill.avg_px = d("1.32");
  auto after = core.on_update(fill, 70000);
  CHECK(resends(after).empty());
  CHECK(core.position() == d("50"));
  CHECK(core.idle());
}

TEST_CASE("Binance answers map to the contract's outcome kinds",
          "[venue][binance]") {
  struct row {
    binance::venue_error error;
    order_event_kind expected;
  };
  for (auto& r : std::vector<row>{
           {{400, -1008, "Server is currently overloaded"},
            order_event_kind::not_placed},
           {{400, -1015, "Too many new orders"}, order_event_kind::not_placed},
           {{429, -1003, "Too many requests"}, order_event_kind::not_placed},
           {{418, -1003, "Way too many requests; IP banned"},
            order_event_kind::not_placed},
           {{400, -1021, "Timestamp outside recvWindow"},
            order_event_kind::not_placed},
           {{503, 0, "Service Unavailable"}, order_event_kind::not_placed},
           {{503, -1000, "Unknown error, please check your request"},
            order_event_kind::outcome_unknown},
           {{408, -1007, "Timeout waiting for response"},
            order_event_kind::outcome_unknown},
           {{500, -1006, "Unexpected response"},
            order_event_kind::outcome_unknown},
           {{400, -4116, "ClientOrderId is duplicated."},
            order_event_kind::outcome_unknown}, // an earlier attempt landed
           {{400, -2013, "Order does not exist."}, order_event_kind::not_found},
           {{400, -2011, "Unknown order sent."},
            order_event_kind::cancel_rejected},
           {{400, -2022, "ReduceOnly Order is rejected."},
            order_event_kind::rejected},
           {{400, -4164, "Order's notional must be no smaller than 5"},
            order_event_kind::rejected},
       }) {
    INFO(r.error.http_status << " " << r.error.code << " " << r.error.msg);
    CHECK(binance::update_from_error(r.error, "id", "BTCUSDT").kind
          == r.expected);
  }
}

TEST_CASE("the paper venue, like Binance, takes a filled order's id again "
          "and answers a cancel of a finished order as cancel_rejected",
          "[venue][paper]") {
  paper_book book{paper_settings{}};
  book.set_filters(test::filters("SUIUSDT", "0.1", "5", "0.0001"));
  book.set_mark("SUIUSDT", d("1.32"));
  order_intent i;
  i.client_id = "hlc-0-SUIUSDT-1";
  i.symbol = "SUIUSDT";
  i.qty = d("50");
  auto first = book.submit(i, 1);
  CHECK(first.back().kind == order_event_kind::trade);
  // Binance rejects duplicate ids among OPEN orders only: a blind resend of
  // a filled order fills again. This is why the executor never resends
  // anything but a not-placed answer (EXE-5).
  auto again = book.submit(i, 2);
  CHECK(again.back().kind == order_event_kind::trade);
  CHECK(book.position("SUIUSDT") == d("100"));
  auto cancel = book.cancel("SUIUSDT", i.client_id, 3);
  CHECK(cancel.kind == order_event_kind::cancel_rejected);
  CHECK(cancel.error_code == -2011);
}
