#include "persistence/database.hpp"
#include "persistence/migrations.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

using namespace hlc;

namespace {

int count_rows(database& db, const std::string& table) {
  int n = -1;
  db.session() << "SELECT count(*) FROM " + table, soci::into(n);
  return n;
}

std::string pragma_text(database& db, const std::string& name) {
  std::string x;
  db.session() << "PRAGMA " + name, soci::into(x);
  return x;
}

int pragma_int(database& db, const std::string& name) {
  int x = -1;
  db.session() << "PRAGMA " + name, soci::into(x);
  return x;
}

} // namespace

TEST_CASE("migrations are ordered, contiguous and start at 1", "[db]") {
  const auto& ms = all_migrations();
  REQUIRE_FALSE(ms.empty());
  for (size_t i = 0; i < ms.size(); ++i) {
    CHECK(ms[i].version == static_cast<int>(i) + 1);
    CHECK_FALSE(ms[i].name.empty());
    CHECK_FALSE(ms[i].sql.empty());
  }
  CHECK(latest_schema_version() == ms.back().version);
}

TEST_CASE("a fresh file database gets every table and the latest version",
          "[db]") {
  test::temp_dir dir;
  auto db = database::open(dir.file("fresh.db"));
  CHECK(schema_version(db) == latest_schema_version());
  CHECK(count_rows(db, "schema_version") == latest_schema_version());
  for (const char* table :
       {"system_state", "leader_cursors", "processed_fills", "quarantine",
        "skips", "orders", "order_events", "positions", "paper_orders",
        "paper_meta", "strategy_state", "reconciliations", "audit_log",
        "alerts"}) {
    INFO(table);
    CHECK(count_rows(db, table) == 0);
  }
  long long applied = 0;
  db.session() << "SELECT applied_ms FROM schema_version WHERE version = 1",
      soci::into(applied);
  CHECK(applied > 1600000000000LL); // a real epoch-ms wall time
}

TEST_CASE("a file database runs in WAL with the service's pragmas", "[db]") {
  test::temp_dir dir;
  auto db = database::open(dir.file("wal.db"), database_options{1234});
  CHECK(pragma_text(db, "journal_mode") == "wal");
  CHECK(pragma_int(db, "synchronous") == 1); // NORMAL
  CHECK(pragma_int(db, "foreign_keys") == 1);
  CHECK(pragma_int(db, "busy_timeout") == 1234);
}

TEST_CASE("re-opening a database applies nothing again", "[db]") {
  test::temp_dir dir;
  auto path = dir.file("reopen.db");
  long long first_applied = 0;
  {
    auto db = database::open(path);
    db.session() << "SELECT applied_ms FROM schema_version WHERE version = 1",
        soci::into(first_applied);
    db.exec("test", "INSERT INTO alerts (time_ms, severity, key, text) "
                    "VALUES (1, 'info', 'k', 'kept')");
  }
  auto db = database::open(path);
  CHECK(schema_version(db) == latest_schema_version());
  CHECK(count_rows(db, "schema_version") == latest_schema_version());
  long long applied = 0;
  db.session() << "SELECT applied_ms FROM schema_version WHERE version = 1",
      soci::into(applied);
  CHECK(applied == first_applied);
  CHECK(count_rows(db, "alerts") == 1);
}

TEST_CASE("a database from a newer binary is refused with both versions",
          "[db]") {
  test::temp_dir dir;
  auto path = dir.file("newer.db");
  int newer = latest_schema_version() + 1;
  {
    auto db = database::open(path);
    db.exec("test", "INSERT INTO schema_version (version, name, applied_ms) "
                    "VALUES ("
                        + std::to_string(newer) + ", 'from the future', 0)");
  }
  try {
    database::open(path);
    FAIL("open must refuse a newer schema");
  } catch (const schema_too_new& e) {
    CHECK(e.db_version() == newer);
    CHECK(e.known_version() == latest_schema_version());
    std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("version " + std::to_string(newer)));
    CHECK_THAT(msg, Catch::Contains("latest known "
                                    + std::to_string(latest_schema_version())));
  }
  // schema_too_new is a db_error, so the generic HALT path catches it too.
  CHECK_THROWS_AS(database::open(path), db_error);
}

TEST_CASE("open failures are db_error naming the operation", "[db]") {
  test::temp_dir dir;
  CHECK_THROWS_WITH(database::open(""), Catch::Contains("database.open"));
  CHECK_THROWS_AS(database::open(dir.file("a=b.db")), db_error);
  // A directory that does not exist cannot hold the file.
  CHECK_THROWS_AS(database::open(dir.file("missing/dir/x.db")), db_error);
}

TEST_CASE("a foreign database without schema_version is refused", "[db]") {
  test::temp_dir dir;
  auto path = dir.file("foreign.db");
  {
    soci::session raw(soci::sqlite3, path);
    raw << "CREATE TABLE orders (x INTEGER)";
  }
  CHECK_THROWS_WITH(database::open(path), Catch::Contains("already exists"));
}

TEST_CASE("statement errors become db_error with SQLite's message", "[db]") {
  auto db = database::open(":memory:");
  try {
    db.exec("test.op", "INSERT INTO no_such_table VALUES (1)");
    FAIL("must throw");
  } catch (const db_error& e) {
    CHECK(e.op() == "test.op");
    CHECK_THAT(std::string{e.what()}, Catch::Contains("no such table"));
  }
}

TEST_CASE("transactions commit, roll back and nest", "[db]") {
  auto db = database::open(":memory:");
  auto insert = [&](int t) {
    db.exec("test", "INSERT INTO alerts (time_ms, severity, key, text) "
                    "VALUES ("
                        + std::to_string(t) + ", 'info', 'k', 'x')");
  };
  SECTION("commit keeps, destruction without commit rolls back") {
    {
      database::transaction tx{db, "test"};
      insert(1);
      tx.commit();
    }
    {
      database::transaction tx{db, "test"};
      insert(2);
    }
    CHECK(count_rows(db, "alerts") == 1);
    CHECK_FALSE(db.in_transaction());
  }
  SECTION("an abandoned inner level poisons the outer commit") {
    {
      database::transaction outer{db, "outer"};
      insert(1);
      {
        database::transaction inner{db, "inner"};
        insert(2);
      }
      CHECK_THROWS_WITH(outer.commit(), Catch::Contains("abandoned"));
    }
    CHECK(count_rows(db, "alerts") == 0);
    CHECK_FALSE(db.in_transaction());
  }
  SECTION("inner commits join the outer transaction") {
    {
      database::transaction outer{db, "outer"};
      {
        database::transaction inner{db, "inner"};
        insert(1);
        inner.commit();
      }
      CHECK(db.in_transaction());
    }
    CHECK(count_rows(db, "alerts") == 0);
  }
}

TEST_CASE("a database can be moved", "[db]") {
  auto a = database::open(":memory:");
  a.exec("test", "INSERT INTO paper_meta (key, value) VALUES ('k', 'v')");
  database b = std::move(a);
  CHECK(count_rows(b, "paper_meta") == 1);
  CHECK(b.path() == ":memory:");
}

TEST_CASE("a write blocked by another connection is a db_error with BUSY",
          "[db]") {
  test::temp_dir dir;
  auto path = dir.file("busy.db");
  auto writer = database::open(path, database_options{20});
  auto other = database::open(path, database_options{20});
  database::transaction hold{other, "hold"}; // takes the write lock
  try {
    writer.exec("test.write", "INSERT INTO paper_meta (key, value) "
                              "VALUES ('k', 'v')");
    FAIL("must throw");
  } catch (const db_error& e) {
    CHECK(e.op() == "test.write");
    CHECK((e.sqlite_code() & 0xff) == 5); // SQLITE_BUSY
  }
  CHECK_FALSE(writer.in_transaction());
  hold.commit();
  writer.exec("test.write", "INSERT INTO paper_meta (key, value) "
                            "VALUES ('k', 'v')");
  CHECK(count_rows(other, "paper_meta") == 1);
}

TEST_CASE("cached statements bind in order, run again and name the op on "
          "error",
          "[db]") {
  auto db = database::open(":memory:");
  db.exec("test", "CREATE TABLE t (a INTEGER, b TEXT UNIQUE)");
  const std::string sql = "INSERT INTO t (a, b) VALUES (:a, :b)";
  std::string text = "x";
  db.exec_cached("t.insert", sql, {1, text});
  db.exec_cached("t.insert", sql, {int64_t{2}, std::string{"y"}});
  CHECK(count_rows(db, "t") == 2);
  std::string b;
  db.session() << "SELECT b FROM t WHERE a = 2", soci::into(b);
  CHECK(b == "y");
  // a constraint failure names the operation; the statement stays usable
  CHECK_THROWS_WITH(db.exec_cached("t.insert", sql, {3, text}),
                    Catch::Contains("t.insert")
                        && Catch::Contains("UNIQUE constraint failed"));
  db.exec_cached("t.insert", sql, {4, "z"});
  CHECK(count_rows(db, "t") == 3);
  CHECK_THROWS_AS(db.exec_cached("t.bad", "INSERT INTO nowhere VALUES (1)"),
                  db_error);
}
