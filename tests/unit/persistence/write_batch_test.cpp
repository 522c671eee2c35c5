#include "persistence/alert_repo.hpp"
#include "persistence/audit_repo.hpp"
#include "persistence/cursor_repo.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/paper_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/processed_fill_repo.hpp"
#include "persistence/quarantine_repo.hpp"
#include "persistence/skip_repo.hpp"
#include "persistence/strategy_state_repo.hpp"
#include "persistence/system_state_repo.hpp"
#include "persistence/write_batch.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>

using namespace hlc;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

fill_key key(uint64_t oid, int64_t time_ms) {
  return fill_key{"0xabc", "BTC", oid, oid + 1, time_ms, {}, {}};
}

order_intent intent(const std::string& client_id) {
  order_intent x;
  x.client_id = client_id;
  x.symbol = "BTCUSDT";
  x.qty = dec("0.001");
  x.created_ms = 1;
  return x;
}

/// One write of every kind, valid against an orders table holding "hlc1-a".
write_batch full_batch() {
  write_batch b;
  b.processed_fills = {{key(1, 100), 10}, {key(2, 200), 10}};
  b.cursor_advances = {{"0xabc", 200, 10}};
  skip_record s;
  s.reason = skip_reason::cap;
  s.time_ms = 10;
  b.skips = {s};
  b.quarantine = {{0, 10, "hl_ws", "bad", "raw"}};
  order_record p;
  p.intent.client_id = "hlc1-a";
  p.state = order_state::filled;
  p.exchange_order_id = 8389765739703625592ULL;
  p.filled_qty = dec("0.001");
  p.avg_px = dec("67000.5");
  p.updated_ms = 10;
  b.order_updates = {p};
  order_record fresh;
  fresh.intent = intent("hlc1-b");
  fresh.state = order_state::submitted;
  b.orders = {fresh};
  order_event_row e;
  e.update.client_id = "hlc1-a";
  e.update.kind = order_event_kind::trade;
  e.update.last_qty = dec("0.001");
  e.recorded_ms = 10;
  auto e2 = e;
  e2.update.client_id = "hlc1-b"; // its order arrives in the same batch
  b.order_events = {e, e2};
  b.positions
      = {{"local", "BTCUSDT", dec("0.001"), dec("67000.5"), dec("0"), 10}};
  paper_order_row po;
  po.client_id = "hlc1-a";
  po.status = "NEW";
  b.paper_orders = {po};
  b.paper_meta = {{"next_order_id", "8389765739703625593"}};
  state_change sc;
  sc.state = trading_state::halted;
  sc.reason = state_reason::db_error;
  sc.time_ms = 10;
  b.state_changes = {sc};
  b.strategy_states
      = {{"0xabc", "BTC", dec("1"), dec("0.001"), dec("0.001"), "BTCUSDT", 10}};
  b.audits = {{0, 10, "test", "batch", "r", "d"}};
  b.alerts = {{0, 10, "info", "k", "t"}};
  return b;
}

int count_rows(database& db, const std::string& table) {
  int n = -1;
  db.session() << "SELECT count(*) FROM " + table, soci::into(n);
  return n;
}

} // namespace

TEST_CASE("size, empty and clear cover every kind of write", "[db][batch]") {
  auto b = full_batch();
  CHECK(b.size() == 16);
  CHECK_FALSE(b.empty());
  b.clear();
  CHECK(b.empty());
  write_batch none;
  auto db = database::open(":memory:");
  apply(db, none); // nothing to do, no transaction needed
  CHECK_FALSE(db.in_transaction());
}

TEST_CASE("a batch writes every kind in one go", "[db][batch]") {
  auto db = database::open(":memory:");
  order_repo{db}.insert_intent(intent("hlc1-a"));
  apply(db, full_batch());
  CHECK(processed_fill_repo{db}.count() == 2);
  CHECK(cursor_repo{db}.load("0xabc") == 200);
  CHECK(skip_repo{db}.counts_by_reason()[skip_reason::cap] == 1);
  CHECK(quarantine_repo{db}.count() == 1);
  auto order = order_repo{db}.load("hlc1-a");
  REQUIRE(order.has_value());
  CHECK(order->state == order_state::filled);
  CHECK(order->exchange_order_id == 8389765739703625592ULL);
  CHECK(order_repo{db}.load_events("hlc1-a").size() == 1);
  CHECK(order_repo{db}.load_events("hlc1-b").size() == 1);
  CHECK(order_repo{db}.load("hlc1-b")->state == order_state::submitted);
  CHECK(paper_repo{db}.load_order("hlc1-a")->status == "NEW");
  CHECK(paper_repo{db}.get_meta("next_order_id") == "8389765739703625593");
  CHECK(system_state_repo{db}.load()->change.state == trading_state::halted);
  CHECK(position_repo{db}.load("local", "BTCUSDT")->avg_entry_px
        == dec("67000.5"));
  CHECK(strategy_state_repo{db}.load_all().size() == 1);
  CHECK(audit_repo{db}.load_recent(5).size() == 2); // + the state change
  CHECK(alert_repo{db}.load_recent(5).size() == 1);
  CHECK_FALSE(db.in_transaction());
}

TEST_CASE("a batch with a constraint violation writes nothing", "[db][batch]") {
  auto db = database::open(":memory:");
  order_repo{db}.insert_intent(intent("hlc1-a"));
  auto b = full_batch();
  SECTION("event of an unknown order (foreign key)") {
    b.order_events.back().update.client_id = "ghost";
    CHECK_THROWS_WITH(apply(db, b), Catch::Contains("write_batch.apply")
                                        && Catch::Contains("FOREIGN KEY"));
  }
  SECTION("progress of an unknown order") {
    b.order_updates.back().intent.client_id = "ghost";
    CHECK_THROWS_AS(apply(db, b), db_error);
  }
  SECTION("an id beyond SQLite's range in the last table family") {
    b.order_events.back().update.trade_id = 1ULL << 63;
    CHECK_THROWS_WITH(apply(db, b), Catch::Contains("order_events.trade_id"));
  }
  CHECK_FALSE(db.in_transaction());
  for (const char* table :
       {"processed_fills", "leader_cursors", "skips", "quarantine",
        "order_events", "positions", "paper_orders", "paper_meta",
        "strategy_state", "system_state", "audit_log", "alerts"}) {
    INFO(table);
    CHECK(count_rows(db, table) == 0);
  }
  CHECK(order_repo{db}.load("hlc1-a")->state == order_state::pending);
  CHECK_FALSE(order_repo{db}.load("hlc1-b").has_value());
  // The connection is usable afterwards and the same batch, fixed, applies.
  apply(db, full_batch());
  CHECK(processed_fill_repo{db}.count() == 2);
}

TEST_CASE("processed_fills batch throughput (printed, not asserted)",
          "[db][batch][perf]") {
  test::temp_dir dir;
  auto db = database::open(dir.file("perf.db"));
  constexpr int batches = 100;
  constexpr int per_batch = 1000;
  std::vector<write_batch> work(batches);
  uint64_t oid = 8389765739703625592ULL;
  for (int i = 0; i < batches; ++i) {
    auto& b = work[static_cast<size_t>(i)];
    for (int j = 0; j < per_batch; ++j) {
      auto t = int64_t{1700000000000} + i * per_batch + j;
      b.processed_fills.push_back({key(oid++, t), t});
    }
    b.cursor_advances.push_back({"0xabc", b.processed_fills.back().key.time_ms,
                                 b.processed_fills.back().processed_ms});
  }
  auto start = std::chrono::steady_clock::now();
  for (const auto& b : work)
    apply(db, b);
  auto elapsed = std::chrono::steady_clock::now() - start;
  auto secs = std::chrono::duration<double>(elapsed).count();
  auto rows = static_cast<double>(batches * per_batch);
  std::cout << "write_batch: " << batches * per_batch
            << " processed_fills in batches of " << per_batch << ": "
            << static_cast<long long>(rows / secs) << " rows/s\n";
  CHECK(processed_fill_repo{db}.count() == batches * per_batch);
  CHECK(cursor_repo{db}.load("0xabc")
        == work.back().processed_fills.back().key.time_ms);
}
