// stream_overlap (ADR 0036): only what a second connection of the same key
// repeats is absorbed; duplicates on one connection are delivered.

#include "adapters/binance/stream_overlap.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::binance;

namespace {

order_event trade(uint64_t order_id, uint64_t trade_id, const char* cum) {
  order_event e;
  e.update.symbol = "BTCUSDT";
  e.update.exchange_order_id = order_id;
  e.update.trade_id = trade_id;
  e.update.cum_qty = decimal::parse_or_throw(cum);
  e.execution_type = "TRADE";
  return e;
}

} // namespace

TEST_CASE("overlap key: order id, execution type, trade id, cum qty",
          "[unit][binance][stream_overlap]") {
  auto a = overlap_key(trade(1, 10, "0.002"));
  REQUIRE(a);
  CHECK(*a == *overlap_key(trade(1, 10, "0.002")));
  CHECK(*a != *overlap_key(trade(1, 11, "0.002")));
  CHECK(*a != *overlap_key(trade(2, 10, "0.002")));
  CHECK(*a != *overlap_key(trade(1, 10, "0.004")));
  auto lite = trade(1, 10, "0.002");
  lite.lite = true;
  CHECK(*a != *overlap_key(lite));
  auto canceled = trade(1, 0, "0");
  canceled.execution_type = "CANCELED";
  CHECK(*overlap_key(canceled) != *overlap_key(trade(1, 0, "0")));
  account_update u;
  u.event_time_ms = 5;
  u.reason = "ORDER";
  CHECK(overlap_key(u) == std::optional<std::string>{"A|5|0|ORDER"});
  CHECK_FALSE(overlap_key(other_event{"MARGIN_CALL"}));
  CHECK_FALSE(overlap_key(parse_error{"frame", "bad", ""}));
}

TEST_CASE("overlap: copies from a second connection are absorbed",
          "[unit][binance][stream_overlap]") {
  stream_overlap o;
  // One connection: everything as sent, duplicates included.
  CHECK(o.admit(1, "x"));
  CHECK(o.admit(1, "x"));
  // The second connection sees the same two: both absorbed.
  CHECK_FALSE(o.admit(2, "x"));
  CHECK_FALSE(o.admit(2, "x"));
  // A third copy on connection 2 is new (the venue pushed it three times).
  CHECK(o.admit(2, "x"));
  CHECK_FALSE(o.admit(1, "x"));
  // Arrival order does not matter: first seen on the new connection.
  CHECK(o.admit(2, "y"));
  CHECK_FALSE(o.admit(1, "y"));
  o.clear();
  CHECK(o.size() == 0);
  CHECK(o.admit(3, "x"));
}

TEST_CASE("overlap: bounded, the oldest keys are forgotten",
          "[unit][binance][stream_overlap]") {
  stream_overlap o{2};
  CHECK(o.admit(1, "a"));
  CHECK(o.admit(1, "b"));
  CHECK(o.admit(1, "c")); // evicts "a"
  CHECK(o.size() == 2);
  CHECK(o.admit(2, "a")); // forgotten: delivered again
  CHECK_FALSE(o.admit(2, "c"));
}
