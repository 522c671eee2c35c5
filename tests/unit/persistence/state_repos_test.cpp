#include "persistence/audit_repo.hpp"
#include "persistence/paper_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/strategy_state_repo.hpp"
#include "persistence/system_state_repo.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace hlc;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

system_state_row halted() {
  system_state_row x;
  x.change.state = trading_state::halted;
  x.change.reason = state_reason::gap_too_large;
  x.change.detail = "cursor 20 min behind";
  x.change.actor = "supervisor";
  x.change.time_ms = 1700000005000;
  x.config_hash = "sha256:abcd";
  x.run_id = "run-7";
  return x;
}

} // namespace

TEST_CASE("system state is absent on a fresh DB, then stored and audited",
          "[db][state]") {
  auto db = database::open(":memory:");
  system_state_repo repo{db};
  CHECK_FALSE(repo.load().has_value());
  repo.store(halted());
  auto x = repo.load();
  REQUIRE(x.has_value());
  CHECK(x->change.state == trading_state::halted);
  CHECK(x->change.reason == state_reason::gap_too_large);
  CHECK(x->change.detail == "cursor 20 min behind");
  CHECK(x->change.actor == "supervisor");
  CHECK(x->change.time_ms == 1700000005000);
  CHECK(x->config_hash == "sha256:abcd");
  CHECK(x->run_id == "run-7");

  auto resumed = halted();
  resumed.change.state = trading_state::active;
  resumed.change.reason = state_reason::operator_command;
  resumed.change.detail = "";
  resumed.change.actor = "operator";
  resumed.change.time_ms = 6000;
  repo.store(resumed);
  CHECK(repo.load()->change.state == trading_state::active);
  int rows = 0;
  db.session() << "SELECT count(*) FROM system_state", soci::into(rows);
  CHECK(rows == 1);

  auto audit = audit_repo{db}.load_recent(10);
  REQUIRE(audit.size() == 2);
  CHECK(audit[0].actor == "operator");
  CHECK(audit[0].action == "state_change");
  CHECK(audit[0].reason == to_string(state_reason::operator_command));
  CHECK(audit[0].detail == "ACTIVE");
  CHECK(audit[1].reason == to_string(state_reason::gap_too_large));
  CHECK(audit[1].detail == "HALTED: cursor 20 min behind");
  CHECK(audit[1].time_ms == 1700000005000);
}

TEST_CASE("apply_change keeps the run's config hash and run id",
          "[db][state]") {
  auto db = database::open(":memory:");
  system_state_repo repo{db};
  state_change c;
  c.state = trading_state::reducing;
  c.reason = state_reason::drawdown_stop;
  c.actor = "risk";
  c.time_ms = 1700000009000;
  repo.apply_change(c); // fresh DB: no hash/run yet
  auto x = repo.load();
  REQUIRE(x.has_value());
  CHECK(x->change.state == trading_state::reducing);
  CHECK(x->config_hash.empty());
  repo.store(halted());
  repo.apply_change(c);
  x = repo.load();
  REQUIRE(x.has_value());
  CHECK(x->change.state == trading_state::reducing);
  CHECK(x->change.reason == state_reason::drawdown_stop);
  CHECK(x->change.actor == "risk");
  CHECK(x->change.detail.empty());
  CHECK(x->config_hash == "sha256:abcd");
  CHECK(x->run_id == "run-7");
  CHECK(audit_repo{db}.load_recent(10).size() == 3);
}

TEST_CASE("system state survives a restart", "[db][state]") {
  test::temp_dir dir;
  auto path = dir.file("state.db");
  {
    auto db = database::open(path);
    system_state_repo{db}.store(halted());
  }
  auto db = database::open(path);
  auto x = system_state_repo{db}.load();
  REQUIRE(x.has_value());
  CHECK(x->change.state == trading_state::halted);
}

TEST_CASE("an undecodable stored state is a db_error, not a default",
          "[db][state]") {
  auto db = database::open(":memory:");
  system_state_repo repo{db};
  repo.store(halted());
  db.exec("test", "UPDATE system_state SET trading_state = 'PANIC'");
  CHECK_THROWS_WITH(repo.load(), Catch::Contains("system_state.trading_state")
                                     && Catch::Contains("PANIC"));
}

TEST_CASE("positions upsert per book and keep exact signed decimals",
          "[db][positions]") {
  auto db = database::open(":memory:");
  position_repo repo{db};
  repo.upsert({"local", "ETHUSDT", dec("-1839.2"), dec("3012.55"),
               dec("0.00000001"), 1700000000010});
  repo.upsert_all(
      {{"local", "BTCUSDT", dec("0.002"), dec("67000"), dec("0"), 11},
       {"paper", "BTCUSDT", dec("1"), dec("1"), dec("1"), 12}});
  repo.upsert({"local", "ETHUSDT", dec("0"), dec("0"), dec("-12.5"), 13});
  auto local = repo.load_book("local");
  REQUIRE(local.size() == 2);
  CHECK(local[0].symbol == "BTCUSDT");
  CHECK(local[1].symbol == "ETHUSDT");
  CHECK(local[1].qty.is_zero());
  CHECK(local[1].realized_pnl.to_string() == "-12.5");
  CHECK(local[1].updated_ms == 13);
  auto btc = repo.load("local", "BTCUSDT");
  REQUIRE(btc.has_value());
  CHECK(btc->qty.to_string() == "0.002");
  CHECK(btc->avg_entry_px == dec("67000"));
  CHECK(repo.load_book("paper").size() == 1);
  CHECK_FALSE(repo.load("paper", "ETHUSDT").has_value());

  repo.upsert(
      {"local", "SOLUSDT", dec("-1839.2"), dec("0.00000001"), dec("0"), 14});
  auto sol = repo.load("local", "SOLUSDT");
  REQUIRE(sol.has_value());
  CHECK(sol->qty.to_string() == "-1839.2");
  CHECK(sol->avg_entry_px.to_string() == "0.00000001");
}

TEST_CASE("strategy state round-trips and can be erased", "[db][strategy]") {
  auto db = database::open(":memory:");
  strategy_state_repo repo{db};
  repo.upsert({"0xabc", "BTC", dec("-1839.2"), dec("0.00000001"),
               dec("-0.0000183"), "BTCUSDT", 1});
  repo.upsert_all(
      {{"0xabc", "ETH", dec("2"), dec("0.5"), dec("1"), "ETHUSDT", 2},
       {"0xabc", "BTC", dec("-1000"), dec("0.00000001"), dec("-0.00001"),
        "BTCUSDT", 3}});
  auto rows = repo.load_all();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].coin == "BTC");
  CHECK(rows[0].leader_position.to_string() == "-1000");
  CHECK(rows[0].k.to_string() == "0.00000001");
  CHECK(rows[0].attributed_qty.to_string() == "-0.00001");
  CHECK(rows[0].symbol == "BTCUSDT");
  CHECK(rows[0].updated_ms == 3);
  CHECK(rows[1].coin == "ETH");
  CHECK(repo.erase("0xabc", "ETH"));
  CHECK_FALSE(repo.erase("0xabc", "ETH"));
  CHECK(repo.load_all().size() == 1);
}

TEST_CASE("paper orders and meta round-trip", "[db][paper]") {
  auto db = database::open(":memory:");
  paper_repo repo{db};
  paper_order_row x;
  x.client_id = "hlc1-p";
  x.exchange_order_id = 8389765739703625592ULL;
  x.symbol = "BTCUSDT";
  x.side = side::sell;
  x.type = order_type::limit;
  x.tif = time_in_force::ioc;
  x.qty = dec("0.00000001");
  x.price = dec("-1839.2");
  x.reduce_only = true;
  x.status = "NEW";
  x.filled_qty = dec("0");
  x.avg_px = dec("0");
  x.created_ms = 1;
  x.updated_ms = 2;
  repo.upsert_order(x);
  auto y = x;
  y.client_id = "hlc1-q";
  y.exchange_order_id = 5;
  y.reduce_only = false;
  y.side = side::buy;
  y.type = order_type::market;
  y.tif = time_in_force::gtc;
  repo.upsert_order(y);
  x.status = "FILLED";
  x.filled_qty = dec("0.00000001");
  x.avg_px = dec("67000.1");
  x.updated_ms = 3;
  repo.upsert_orders({x});

  auto got = repo.load_order("hlc1-p");
  REQUIRE(got.has_value());
  CHECK(got->exchange_order_id == 8389765739703625592ULL);
  CHECK(got->symbol == "BTCUSDT");
  CHECK(got->side == side::sell);
  CHECK(got->type == order_type::limit);
  CHECK(got->tif == time_in_force::ioc);
  CHECK(got->qty.to_string() == "0.00000001");
  CHECK(got->price.to_string() == "-1839.2");
  CHECK(got->reduce_only);
  CHECK(got->status == "FILLED");
  CHECK(got->filled_qty == dec("0.00000001"));
  CHECK(got->avg_px.to_string() == "67000.1");
  CHECK(got->created_ms == 1);
  CHECK(got->updated_ms == 3);
  CHECK_FALSE(repo.load_order("nope").has_value());
  auto all = repo.load_orders();
  REQUIRE(all.size() == 2);
  CHECK(all[0].client_id == "hlc1-q"); // by exchange order id
  CHECK(all[0].side == side::buy);
  CHECK_FALSE(all[0].reduce_only);

  CHECK_FALSE(repo.get_meta("next_order_id").has_value());
  repo.set_meta("next_order_id", "8389765739703625593");
  repo.set_meta("balance", "10000.00000001");
  repo.set_meta("balance", "9999.5");
  CHECK(repo.get_meta("next_order_id") == "8389765739703625593");
  CHECK(repo.get_meta("balance") == "9999.5");
}
