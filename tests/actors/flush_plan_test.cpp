// The WRITER's flush plan: what one transaction writes for queued groups.

#include "actors/writer/writer.hpp"

#include <catch2/catch.hpp>

using namespace hlc;

namespace {

order_record progress(const std::string& client_id, order_state state,
                      uint64_t exchange_id, const char* filled) {
  order_record row;
  row.intent.client_id = client_id;
  row.intent.symbol = "BTCUSDT";
  row.state = state;
  row.exchange_order_id = exchange_id;
  row.filled_qty = decimal::parse_or_throw(filled);
  return row;
}

} // namespace

TEST_CASE("an order's progress is written once per flush, as applied in turn",
          "[writer][flush_plan]") {
  db_write accepted, other, filled;
  accepted.orders.push_back(progress("a", order_state::submitted, 7, "0"));
  other.orders.push_back(progress("b", order_state::submitted, 8, "0"));
  // An event that names no exchange id (0) keeps the one named before.
  filled.orders.push_back(progress("a", order_state::filled, 0, "0.5"));
  auto plan = make_flush_plan({accepted, other, filled});
  REQUIRE(plan.order_updates.size() == 2);
  CHECK(plan.order_updates[0].intent.client_id == "a");
  CHECK(plan.order_updates[0].state == order_state::filled);
  CHECK(plan.order_updates[0].exchange_order_id == 7);
  CHECK(plan.order_updates[0].filled_qty == decimal::parse_or_throw("0.5"));
  CHECK(plan.order_updates[1].intent.client_id == "b");
}

TEST_CASE("queued intents are inserted in order, before any progress",
          "[writer][flush_plan]") {
  db_write accepted;
  accepted.orders.push_back(progress("i1", order_state::submitted, 3, "0"));
  std::vector<order_intent> intents(2);
  intents[0].client_id = "i1";
  intents[1].client_id = "i2";
  auto plan = make_flush_plan({accepted}, intents);
  REQUIRE(plan.intents.size() == 2);
  CHECK(plan.intents[0].client_id == "i1");
  CHECK(plan.intents[1].client_id == "i2");
  CHECK(plan.order_updates.size() == 1);
}
