// `hlcopy status` and `hlcopy why` (SPEC OPS-1, OPS-7, STR-9) against a DB
// built by replaying the bundled REAL recording in the test, including while
// another connection holds the write lock (the running service's WRITER).

#include "run_hlcopy.hpp"

#include "persistence/database.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/skip_repo.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <map>
#include <string>

using namespace hlc;
using namespace hlc::test;

namespace {

/// A replayed DB, built once for every test case here.
struct replayed_db {
  scratch_dir dir;
  std::string db;
  replayed_db() {
    auto config = write_demo_config(dir.path);
    auto r = run_hlcopy(dir.path, "replay --config '" + config + "' --fills '"
                                      + demo_fills_path()
                                      + "' --to 1683245700000");
    if (r.status != 0) throw std::runtime_error("replay failed: " + r.err);
    db = dir.path + "/hlcopy-demo.db";
  }
};

replayed_db& replayed() {
  static replayed_db x;
  return x;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("status prints state, cursors, symbols, orders and skips",
          "[scenario][status]") {
  auto& x = replayed();
  auto r = run_hlcopy(x.dir.path, "status --db hlcopy-demo.db");
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "state      ACTIVE (STARTUP)"));
  CHECK(has(r.out, "cursors\n  0x"));
  CHECK(has(r.out, "SOLUSDT"));
  CHECK(has(r.out, "missing_open"));
  CHECK(has(r.out, "leader reduced a position we never held"));
  CHECK(has(r.out, "open orders\n  (none)"));
  // --config finds the same DB through storage.path
  auto via_config = run_hlcopy(x.dir.path, "status --config config.json");
  CHECK(via_config.status == 0);
  CHECK(via_config.out == r.out);
}

TEST_CASE("status --json: the targets are the strategy's, the positions "
          "the paper book's",
          "[scenario][status]") {
  auto& x = replayed();
  auto r = run_hlcopy(x.dir.path, "status --db hlcopy-demo.db --json");
  REQUIRE(r.status == 0);
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string{doc["state"]["state"].GetString()} == "ACTIVE");
  auto expected = targets(x.db);
  auto positions = paper_positions(x.db);
  size_t seen = 0;
  for (auto& s : doc["symbols"].GetArray()) {
    std::string symbol = s["symbol"].GetString();
    if (!expected.count(symbol)) continue;
    ++seen;
    INFO(symbol);
    CHECK(decimal::parse_or_throw(s["target"].GetString())
          == decimal::parse_or_throw(expected.at(symbol)));
    if (positions.count(symbol))
      CHECK(decimal::parse_or_throw(s["follower"]["paper"].GetString())
            == decimal::parse_or_throw(positions.at(symbol)));
  }
  CHECK(seen == expected.size());
  CHECK(doc["skip_counts"]["missing_open"].GetInt64() > 0);
}

TEST_CASE("why answers for a skipped fill, an order and a symbol",
          "[scenario][why]") {
  auto& x = replayed();
  std::string skipped_fill;
  std::string order_id;
  {
    auto db = database::open_read_only(x.db);
    for (auto& s : skip_repo{db}.load_recent(1000))
      if (s.reason == skip_reason::missing_open) skipped_fill = s.correlation;
    auto orders = order_repo{db}.load_all();
    REQUIRE_FALSE(orders.empty());
    order_id = orders.front().intent.client_id;
  }
  REQUIRE_FALSE(skipped_fill.empty());
  SECTION("a fill that was not copied") {
    auto r = run_hlcopy(x.dir.path,
                        "why " + skipped_fill + " --db hlcopy-demo.db");
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(has(r.out, "leader fill " + skipped_fill));
    CHECK(has(r.out, "received: leader 0x"));
    CHECK(has(r.out, "missing_open (leader reduced a position we never held)"));
    CHECK(has(r.out, "verdict: not copied: missing_open"));
  }
  SECTION("an order: what it was, and the fill that caused it") {
    auto r = run_hlcopy(x.dir.path, "why " + order_id + " --db hlcopy-demo.db");
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(has(r.out, "order " + order_id));
    CHECK(has(r.out, "-> FILLED"));
    CHECK(has(r.out, "caused by leader fill "));
    CHECK(has(r.out, "verdict: copied"));
  }
  SECTION("a symbol and its coin") {
    auto r = run_hlcopy(x.dir.path, "why SOLUSDT --db hlcopy-demo.db");
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(has(r.out, "SOLUSDT: target "));
    CHECK(has(r.out, "paper position"));
    auto coin = run_hlcopy(x.dir.path, "why SOL --db hlcopy-demo.db");
    CHECK(coin.status == 0);
    CHECK(coin.out == r.out);
  }
  SECTION("nothing recorded: exit 3 and says so") {
    auto r = run_hlcopy(x.dir.path, "why NOPEUSDT --db hlcopy-demo.db");
    CHECK(r.status == 3);
    CHECK(has(r.out, "nothing recorded about 'NOPEUSDT'"));
    auto f = run_hlcopy(x.dir.path, "why SOL:1:2:3 --db hlcopy-demo.db");
    CHECK(f.status == 3);
    CHECK(has(f.out, "nothing recorded about leader fill SOL:1:2:3"));
  }
}

TEST_CASE("status and why read while the service's writer holds the write "
          "lock",
          "[scenario][status]") {
  auto& x = replayed();
  auto writer = database::open(x.db);
  database::transaction tx{writer, "test.hold_write_lock"};
  writer.exec("test.write", "INSERT INTO skips (time_ms, reason, leader, "
                            "coin, symbol, correlation, detail) VALUES (0, "
                            "'cap', '', 'SOL', 'SOLUSDT', 'uncommitted', '')");
  auto r = run_hlcopy(x.dir.path, "status --db hlcopy-demo.db");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK_FALSE(has(r.out, "uncommitted")); // only committed state is shown
  auto w = run_hlcopy(x.dir.path, "why SOLUSDT --db hlcopy-demo.db");
  CHECK(w.status == 0);
  // the DB is untouched by the readers: still the writer's own schema
  CHECK(writer.in_transaction());
}

TEST_CASE("status and why refuse bad usage and unreadable databases",
          "[scenario][status][why]") {
  scratch_dir dir;
  auto none = run_hlcopy(dir.path, "status");
  CHECK(none.status == 2);
  CHECK(has(none.err, "needs --db F or --config F"));
  auto missing = run_hlcopy(dir.path, "status --db missing.db");
  CHECK(missing.status == 1);
  CHECK(has(missing.err, "cannot read missing.db"));
  auto no_subject = run_hlcopy(dir.path, "why --db missing.db");
  CHECK(no_subject.status == 2);
  CHECK(run_hlcopy(dir.path, "status --help").status == 0);
  CHECK(run_hlcopy(dir.path, "why --help").status == 0);
}
