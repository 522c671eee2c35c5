#include "persistence/migrations.hpp"

#include "persistence/database.hpp"

#include <string>

namespace hlc {

namespace {

// Conventions (docs/persistence.md): decimals are TEXT in their exact plain
// form, booleans INTEGER 0/1, enums their stable text, times (ms since the
// epoch) and exchange ids (uint64 < 2^63, converted explicitly) BIGINT.
// BIGINT is SQLite INTEGER storage and affinity; the name matters to SOCI,
// which reads a column declared INTEGER into a 32-bit int (truncating) and
// one declared BIGINT into a 64-bit one. Rowid aliases must be declared
// INTEGER, so queries read them as an expression (`+id`), which SOCI
// hands over as text and row_reader parses exactly.
constexpr std::string_view v1_initial = R"sql(
CREATE TABLE system_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  trading_state TEXT NOT NULL,
  reason      TEXT NOT NULL,
  detail      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  run_id      TEXT NOT NULL,
  updated_ms  BIGINT NOT NULL
);

CREATE TABLE leader_cursors (
  leader       TEXT PRIMARY KEY,
  last_time_ms BIGINT NOT NULL,
  updated_ms   BIGINT NOT NULL
);

CREATE TABLE processed_fills (
  leader       TEXT NOT NULL,
  coin         TEXT NOT NULL,
  oid          BIGINT NOT NULL,
  tid          BIGINT NOT NULL,
  time_ms      BIGINT NOT NULL,
  start_position TEXT NOT NULL,
  sz           TEXT NOT NULL,
  processed_ms BIGINT NOT NULL,
  -- time first: fills arrive roughly in time order, so inserts append to
  -- the B-tree instead of touching a page per (leader, coin) (benchmarks)
  PRIMARY KEY (time_ms, leader, coin, oid, tid, start_position, sz)
) WITHOUT ROWID;
CREATE INDEX processed_fills_by_processed ON processed_fills (processed_ms);

CREATE TABLE quarantine (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms BIGINT NOT NULL,
  source  TEXT NOT NULL,
  reason  TEXT NOT NULL,
  raw     TEXT NOT NULL
);

CREATE TABLE skips (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms     BIGINT NOT NULL,
  reason      TEXT NOT NULL,
  leader      TEXT NOT NULL,
  coin        TEXT NOT NULL,
  symbol      TEXT NOT NULL,
  correlation TEXT NOT NULL,
  detail      TEXT NOT NULL
);
CREATE INDEX skips_by_time ON skips (time_ms);

CREATE TABLE orders (
  client_id         TEXT PRIMARY KEY,
  symbol            TEXT NOT NULL,
  side              TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  type              TEXT NOT NULL CHECK (type IN ('LIMIT', 'MARKET')),
  tif               TEXT NOT NULL CHECK (tif IN ('GTC', 'IOC')),
  qty               TEXT NOT NULL,
  price             TEXT NOT NULL,
  reduce_only       INTEGER NOT NULL CHECK (reduce_only IN (0, 1)),
  state             TEXT NOT NULL,
  exchange_order_id BIGINT NOT NULL DEFAULT 0,
  filled_qty        TEXT NOT NULL,
  avg_price         TEXT NOT NULL,
  correlation       TEXT NOT NULL,
  error_code        INTEGER NOT NULL DEFAULT 0,
  error_text        TEXT NOT NULL DEFAULT '',
  created_ms        BIGINT NOT NULL,
  updated_ms        BIGINT NOT NULL
);
CREATE INDEX orders_by_state ON orders (state);

CREATE TABLE order_events (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id         TEXT NOT NULL REFERENCES orders (client_id),
  kind              TEXT NOT NULL,
  exchange_order_id BIGINT NOT NULL,
  trade_id          BIGINT NOT NULL,
  last_qty          TEXT NOT NULL,
  last_px           TEXT NOT NULL,
  cum_qty           TEXT NOT NULL,
  avg_px            TEXT NOT NULL,
  error_code        INTEGER NOT NULL,
  error_text        TEXT NOT NULL,
  event_time_ms     BIGINT NOT NULL,
  recorded_ms       BIGINT NOT NULL
);
CREATE INDEX order_events_by_client ON order_events (client_id);

CREATE TABLE positions (
  book         TEXT NOT NULL,
  symbol       TEXT NOT NULL,
  qty          TEXT NOT NULL,
  avg_entry_px TEXT NOT NULL,
  realized_pnl TEXT NOT NULL,
  updated_ms   BIGINT NOT NULL,
  PRIMARY KEY (book, symbol)
);

CREATE TABLE paper_orders (
  client_id         TEXT PRIMARY KEY,
  exchange_order_id BIGINT NOT NULL,
  symbol            TEXT NOT NULL,
  side              TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  type              TEXT NOT NULL CHECK (type IN ('LIMIT', 'MARKET')),
  tif               TEXT NOT NULL CHECK (tif IN ('GTC', 'IOC')),
  qty               TEXT NOT NULL,
  price             TEXT NOT NULL,
  reduce_only       INTEGER NOT NULL CHECK (reduce_only IN (0, 1)),
  status            TEXT NOT NULL,
  filled_qty        TEXT NOT NULL,
  avg_px            TEXT NOT NULL,
  created_ms        BIGINT NOT NULL,
  updated_ms        BIGINT NOT NULL
);

CREATE TABLE paper_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE strategy_state (
  leader          TEXT NOT NULL,
  coin            TEXT NOT NULL,
  leader_position TEXT NOT NULL,
  k               TEXT NOT NULL,
  attributed_qty  TEXT NOT NULL,
  symbol          TEXT NOT NULL,
  updated_ms      BIGINT NOT NULL,
  PRIMARY KEY (leader, coin)
);

CREATE TABLE reconciliations (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms    BIGINT NOT NULL,
  symbol     TEXT NOT NULL,
  local_qty  TEXT NOT NULL,
  venue_qty  TEXT NOT NULL,
  target_qty TEXT NOT NULL,
  drift_usd  TEXT NOT NULL,
  drift_pct  TEXT NOT NULL,
  band       TEXT NOT NULL,
  action     TEXT NOT NULL
);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms BIGINT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  reason  TEXT NOT NULL,
  detail  TEXT NOT NULL
);

CREATE TABLE alerts (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms  BIGINT NOT NULL,
  severity TEXT NOT NULL,
  key      TEXT NOT NULL,
  text     TEXT NOT NULL
);
)sql";

const std::vector<migration> migrations_list = {
    {1, "initial schema", v1_initial},
};

// Wall time of the migration, taken from SQLite itself: it is metadata only
// and keeps the C++ side free of a clock read.
constexpr const char* sql_now_ms
    = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

void ensure_version_table(database& db) {
  db.exec("migrations.version_table",
          "CREATE TABLE IF NOT EXISTS schema_version ("
          "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_ms BIGINT NOT NULL)");
}

} // namespace

const std::vector<migration>& all_migrations() {
  return migrations_list;
}

int latest_schema_version() {
  return migrations_list.empty() ? 0 : migrations_list.back().version;
}

int schema_version(database& db) {
  return db.guard("migrations.schema_version", [&] {
    int n = 0;
    db.session() << "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                    "AND name = 'schema_version'",
        soci::into(n);
    if (n == 0) return 0;
    int version = 0;
    soci::indicator ind = soci::i_ok;
    db.session() << "SELECT max(version) FROM schema_version",
        soci::into(version, ind);
    return ind == soci::i_null ? 0 : version;
  });
}

void apply_migrations(database& db) {
  int current = schema_version(db);
  int latest = latest_schema_version();
  if (current > latest) throw schema_too_new(current, latest);
  if (current == latest) return;
  ensure_version_table(db);
  for (const auto& m : migrations_list) {
    if (m.version <= current) continue;
    std::string op = "migration " + std::to_string(m.version) + " ("
                     + std::string{m.name} + ")";
    database::transaction tx{db, "migrations.apply"};
    try {
      db.exec_script("migrations.apply", std::string{m.sql});
      // Bound values must outlive the statement, which runs when the
      // full expression ends: named locals, never temporaries.
      int version = m.version;
      std::string name{m.name};
      db.session() << "INSERT INTO schema_version (version, name, applied_ms) "
                      "VALUES (:v, :n, "
                          + std::string{sql_now_ms} + ")",
          soci::use(version), soci::use(name);
    } catch (const std::exception& e) {
      throw db_error(op, e.what());
    }
    tx.commit();
  }
}

} // namespace hlc
