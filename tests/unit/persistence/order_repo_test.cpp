#include "persistence/order_repo.hpp"

#include <catch2/catch.hpp>

using namespace hlc;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

order_intent intent(std::string client_id, int64_t created_ms = 1700000001000) {
  order_intent x;
  x.client_id = std::move(client_id);
  x.symbol = "BTCUSDT";
  x.side = side::sell;
  x.type = order_type::limit;
  x.tif = time_in_force::ioc;
  x.qty = dec("0.00000001");
  x.price = dec("-1839.2"); // any exact decimal must survive, sign included
  x.reduce_only = true;
  x.correlation = "BTC:123:456:1700000000000";
  x.created_ms = created_ms;
  return x;
}

order_record progress(std::string client_id, order_state state) {
  order_record x;
  x.intent.client_id = std::move(client_id);
  x.state = state;
  x.updated_ms = 2000;
  return x;
}

} // namespace

TEST_CASE("an intent round-trips exactly with state pending", "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  repo.insert_intent(intent("hlc1-a"));
  auto row = repo.load("hlc1-a");
  REQUIRE(row.has_value());
  CHECK(row->intent.client_id == "hlc1-a");
  CHECK(row->intent.symbol == "BTCUSDT");
  CHECK(row->intent.side == side::sell);
  CHECK(row->intent.type == order_type::limit);
  CHECK(row->intent.tif == time_in_force::ioc);
  CHECK(row->intent.qty.to_string() == "0.00000001");
  CHECK(row->intent.price.to_string() == "-1839.2");
  CHECK(row->intent.reduce_only);
  CHECK(row->intent.correlation == "BTC:123:456:1700000000000");
  CHECK(row->intent.created_ms == 1700000001000);
  CHECK(row->state == order_state::pending);
  CHECK(row->exchange_order_id == 0);
  CHECK(row->filled_qty.is_zero());
  CHECK(row->avg_px.is_zero());
  CHECK(row->updated_ms == 1700000001000);
  CHECK_FALSE(repo.load("nope").has_value());
}

TEST_CASE("a duplicate intent is a db_error", "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  repo.insert_intent(intent("hlc1-a"));
  CHECK_THROWS_WITH(repo.insert_intent(intent("hlc1-a")),
                    Catch::Contains("orders.insert_intent")
                        && Catch::Contains("UNIQUE"));
}

TEST_CASE("progress updates state, fills and a 64-bit exchange id",
          "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  repo.insert_intent(intent("hlc1-a"));
  auto p = progress("hlc1-a", order_state::partially_filled);
  p.exchange_order_id = 8389765739703625592ULL;
  p.filled_qty = dec("0.003");
  p.avg_px = dec("67012.45");
  repo.update(p);
  // A later event that does not name the venue id keeps the stored one.
  auto q = progress("hlc1-a", order_state::rejected);
  q.filled_qty = dec("0.003");
  q.avg_px = dec("67012.45");
  q.error_code = -2022;
  q.error_text = "ReduceOnly Order is rejected.";
  q.updated_ms = 1700000003000;
  repo.update(q);
  auto row = repo.load("hlc1-a");
  REQUIRE(row.has_value());
  CHECK(row->state == order_state::rejected);
  CHECK(row->exchange_order_id == 8389765739703625592ULL);
  CHECK(row->filled_qty == dec("0.003"));
  CHECK(row->avg_px.to_string() == "67012.45");
  CHECK(row->error_code == -2022);
  CHECK(row->error_text == "ReduceOnly Order is rejected.");
  CHECK(row->updated_ms == 1700000003000);
  CHECK(row->intent.created_ms == 1700000001000);
}

TEST_CASE("upsert inserts, then updates progress but never the intent",
          "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  order_record x;
  x.intent = intent("hlc1-u");
  x.state = order_state::submitted;
  x.exchange_order_id = 8389765739703625592ULL;
  x.updated_ms = 1700000002000;
  repo.upsert(x);
  auto row = repo.load("hlc1-u");
  REQUIRE(row.has_value());
  CHECK(row->state == order_state::submitted);
  CHECK(row->exchange_order_id == 8389765739703625592ULL);
  CHECK(row->intent.price.to_string() == "-1839.2");

  auto y = x;
  y.intent.qty = dec("5"); // a changed intent is ignored
  y.intent.symbol = "ETHUSDT";
  y.exchange_order_id = 0; // 0 keeps the stored venue id
  y.state = order_state::filled;
  y.filled_qty = dec("0.00000001");
  y.avg_px = dec("67000.5");
  y.updated_ms = 1700000004000;
  repo.upsert_all({y});
  row = repo.load("hlc1-u");
  REQUIRE(row.has_value());
  CHECK(row->intent.qty.to_string() == "0.00000001");
  CHECK(row->intent.symbol == "BTCUSDT");
  CHECK(row->exchange_order_id == 8389765739703625592ULL);
  CHECK(row->state == order_state::filled);
  CHECK(row->filled_qty == dec("0.00000001"));
  CHECK(row->avg_px.to_string() == "67000.5");
  CHECK(row->updated_ms == 1700000004000);
  CHECK(row->intent.created_ms == 1700000001000);
  CHECK(repo.load_all().size() == 1);
}

TEST_CASE("progress for an unknown order is a db_error", "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  CHECK_THROWS_WITH(repo.update(progress("ghost", order_state::filled)),
                    Catch::Contains("unknown client id \"ghost\""));
}

TEST_CASE("load_non_terminal returns exactly the unresolved orders",
          "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  const order_state all[]
      = {order_state::pending,          order_state::submitted,
         order_state::partially_filled, order_state::filled,
         order_state::canceled,         order_state::expired,
         order_state::rejected,         order_state::unknown};
  int64_t t = 1;
  for (auto s : all) {
    std::string id{to_string(s)};
    repo.insert_intent(intent(id, t++));
    if (s != order_state::pending) repo.update(progress(id, s));
  }
  auto open = repo.load_non_terminal();
  REQUIRE(open.size() == 4);
  CHECK(open[0].state == order_state::pending);
  CHECK(open[1].state == order_state::submitted);
  CHECK(open[2].state == order_state::partially_filled);
  CHECK(open[3].state == order_state::unknown);
  for (const auto& row : open)
    CHECK_FALSE(is_terminal(row.state));
  CHECK(repo.load_all().size() == 8);
  auto counts = repo.counts_by_state();
  CHECK(counts.size() == 8);
  CHECK(counts[order_state::filled] == 1);
}

TEST_CASE("order events append and load in recorded order", "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  repo.insert_intent(intent("hlc1-a"));
  order_update accepted;
  accepted.client_id = "hlc1-a";
  accepted.kind = order_event_kind::accepted;
  accepted.exchange_order_id = 8389765739703625592ULL;
  accepted.event_time_ms = 1700000001500;
  order_update trade = accepted;
  trade.kind = order_event_kind::trade;
  trade.trade_id = (1ULL << 53) + 1;
  trade.last_qty = dec("0.00000001");
  trade.last_px = dec("-1839.2");
  trade.cum_qty = dec("0.00000001");
  trade.avg_px = dec("-1839.2");
  trade.error_code = -1;
  trade.error_text = "none";
  trade.event_time_ms = 1700000001600;
  repo.append_event(accepted, 1700000001501);
  repo.append_event(trade, 1700000001601);
  auto events = repo.load_events("hlc1-a");
  REQUIRE(events.size() == 2);
  CHECK(events[0].update.kind == order_event_kind::accepted);
  CHECK(events[0].recorded_ms == 1700000001501);
  const auto& e = events[1].update;
  CHECK(e.kind == order_event_kind::trade);
  CHECK(e.client_id == "hlc1-a");
  CHECK(e.symbol == "BTCUSDT");
  CHECK(e.side == side::sell);
  CHECK(e.exchange_order_id == 8389765739703625592ULL);
  CHECK(e.trade_id == 9007199254740993ULL);
  CHECK(e.last_qty.to_string() == "0.00000001");
  CHECK(e.last_px.to_string() == "-1839.2");
  CHECK(e.cum_qty == dec("0.00000001"));
  CHECK(e.avg_px == dec("-1839.2"));
  CHECK(e.error_code == -1);
  CHECK(e.error_text == "none");
  CHECK(e.event_time_ms == 1700000001600);
  CHECK(events[1].recorded_ms == 1700000001601);
  CHECK(events[0].id < events[1].id);
  CHECK(repo.load_events("other").empty());
}

TEST_CASE("an event of an order we never recorded is refused", "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  order_update x;
  x.client_id = "ghost";
  CHECK_THROWS_WITH(repo.append_event(x, 1), Catch::Contains("FOREIGN KEY"));
}

TEST_CASE("a corrupted decimal column names the field", "[db][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  repo.insert_intent(intent("hlc1-a"));
  db.exec("test", "UPDATE orders SET qty = 'abc'");
  CHECK_THROWS_WITH(repo.load("hlc1-a"),
                    Catch::Contains("orders.qty")
                        && Catch::Contains("not a decimal: \"abc\""));
}

TEST_CASE("orders are counted per symbol", "[persistence][orders]") {
  auto db = database::open(":memory:");
  order_repo repo{db};
  CHECK(repo.count_for_symbol("BTCUSDT") == 0);
  for (auto id : {"a", "b", "c"}) {
    order_intent i;
    i.client_id = id;
    i.symbol = std::string{id} == "c" ? "ETHUSDT" : "BTCUSDT";
    i.qty = decimal::from_int(1);
    repo.insert_intent(i);
  }
  CHECK(repo.count_for_symbol("BTCUSDT") == 2);
  CHECK(repo.count_for_symbol("ETHUSDT") == 1);
}
