#include "persistence/database.hpp"

#include "persistence/migrations.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

namespace hlc {

namespace {

sqlite_api::sqlite3* raw_handle(soci::session& s) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
  return backend->conn_;
}

} // namespace

/// Prepared statements by SQL text, finalized with the connection.
struct database::statement_cache {
  struct finalizer {
    void operator()(sqlite_api::sqlite3_stmt* s) const {
      sqlite_api::sqlite3_finalize(s);
    }
  };
  std::unordered_map<std::string,
                     std::unique_ptr<sqlite_api::sqlite3_stmt, finalizer>>
      by_sql;
};

database::database(std::string path, std::unique_ptr<soci::session> session)
    : path_(std::move(path)), session_(std::move(session)),
      statements_(std::make_unique<statement_cache>()) {
  // nop
}

database::database(database&&) noexcept = default;
database& database::operator=(database&&) noexcept = default;
database::~database() = default;

database database::open(const std::string& path, database_options opts) {
  const char* op = "database.open";
  if (path.empty()) throw db_error(op, "empty database path");
  // SOCI reads "key=value" pairs from the connect string; a bare path is
  // taken whole, so a path containing '=' would be misparsed.
  if (path.find('=') != std::string::npos)
    throw db_error(op, "database path must not contain '=': " + path);
  if (opts.busy_timeout_ms < 0)
    throw db_error(op, "busy_timeout_ms must be >= 0");
  std::unique_ptr<soci::session> session;
  try {
    session = std::make_unique<soci::session>(soci::sqlite3, path);
  } catch (...) {
    rethrow_as_db_error(op);
  }
  database db{path, std::move(session)};
  db.guard(op, [&] {
    auto& s = db.session();
    // busy_timeout first: switching to WAL needs the lock.
    int timeout = 0;
    s << "PRAGMA busy_timeout=" + std::to_string(opts.busy_timeout_ms),
        soci::into(timeout);
    std::string mode;
    s << "PRAGMA journal_mode=WAL", soci::into(mode);
    if (path != ":memory:" && mode != "wal")
      throw db_error(op, "journal_mode is '" + mode + "', expected 'wal' for "
                             + path);
    // NORMAL in WAL mode: a commit survives a process crash (kill -9), the
    // last commits may be lost on power loss; see docs/persistence.md.
    s << "PRAGMA synchronous=NORMAL";
    // Fewer, larger checkpoints: the writer commits small batches often.
    s << "PRAGMA wal_autocheckpoint=10000";
    s << "PRAGMA foreign_keys=ON";
    int fk = 0;
    s << "PRAGMA foreign_keys", soci::into(fk);
    if (fk != 1) throw db_error(op, "SQLite refused foreign_keys=ON");
  });
  apply_migrations(db);
  return db;
}

database database::open_read_only(const std::string& path,
                                  database_options opts) {
  const char* op = "database.open_read_only";
  if (path.empty() || path == ":memory:")
    throw db_error(op, "a database file path is needed");
  if (path.find('=') != std::string::npos
      || path.find(' ') != std::string::npos)
    throw db_error(op, "database path must not contain '=' or ' ': " + path);
  std::unique_ptr<soci::session> session;
  try {
    session = std::make_unique<soci::session>(soci::sqlite3,
                                              "db=" + path + " readonly=1");
  } catch (...) {
    rethrow_as_db_error(op);
  }
  database db{path, std::move(session)};
  db.guard(op, [&] {
    int timeout = 0;
    db.session() << "PRAGMA busy_timeout="
                        + std::to_string(opts.busy_timeout_ms),
        soci::into(timeout);
    int tables = 0;
    db.session() << "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                    "AND name = 'schema_version'",
        soci::into(tables);
    if (tables == 0)
      throw db_error(op, path
                             + " is not an hlcopy database (no "
                               "schema_version table)");
  });
  auto version = schema_version(db);
  if (version > latest_schema_version())
    throw schema_too_new(version, latest_schema_version());
  return db;
}

void database::exec(const char* op, const std::string& sql) {
  guard(op, [&] { *session_ << sql; });
}

void database::exec_cached(const char* op, const std::string& sql,
                           std::initializer_list<db_param> params) {
  auto* conn = raw_handle(*session_);
  auto fail = [&](int rc) {
    throw db_error(op, sqlite_api::sqlite3_errmsg(conn), rc);
  };
  auto& slot = statements_->by_sql[sql];
  if (!slot) {
    sqlite_api::sqlite3_stmt* stmt = nullptr;
    int rc = sqlite_api::sqlite3_prepare_v3(
        conn, sql.c_str(), static_cast<int>(sql.size() + 1),
        SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      statements_->by_sql.erase(sql);
      fail(rc);
    }
    slot.reset(stmt);
  }
  auto* stmt = slot.get();
  // Bindings borrow the caller's texts: clear them on every exit path.
  struct reset_on_exit {
    sqlite_api::sqlite3_stmt* s;
    ~reset_on_exit() {
      sqlite_api::sqlite3_reset(s);
      sqlite_api::sqlite3_clear_bindings(s);
    }
  } reset{stmt};
  int index = 1;
  for (auto& p : params) {
    int rc = p.is_text()
                 ? sqlite_api::sqlite3_bind_text(
                     stmt, index, p.text().data(),
                     static_cast<int>(p.text().size()), SQLITE_STATIC)
                 : sqlite_api::sqlite3_bind_int64(stmt, index, p.integer());
    if (rc != SQLITE_OK) fail(rc);
    ++index;
  }
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW)
    rc = sqlite_api::sqlite3_step(stmt);
  if (rc != SQLITE_DONE) fail(rc);
}

void database::exec_script(const char* op, const std::string& sql) {
  char* err = nullptr;
  auto* conn = raw_handle(*session_);
  int rc = sqlite_api::sqlite3_exec(conn, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite_api::sqlite3_errstr(rc);
    sqlite_api::sqlite3_free(err);
    throw db_error(op, msg, rc);
  }
}

int database::changes() {
  return sqlite_api::sqlite3_changes(raw_handle(*session_));
}

int64_t database::total_changes() {
  return sqlite_api::sqlite3_total_changes(raw_handle(*session_));
}

int64_t database::last_insert_rowid() {
  return sqlite_api::sqlite3_last_insert_rowid(raw_handle(*session_));
}

void database::rethrow_as_db_error(const char* op) {
  try {
    throw;
  } catch (const db_error&) {
    throw;
  } catch (const soci::sqlite3_soci_error& e) {
    throw db_error(op, e.get_error_message(), e.result());
  } catch (const soci::soci_error& e) {
    throw db_error(op, e.get_error_message());
  } catch (const std::exception& e) {
    throw db_error(op, e.what());
  } catch (...) {
    throw db_error(op, "unknown exception");
  }
}

// -- transaction --------------------------------------------------------------

database::transaction::transaction(database& db, const char* op)
    : db_(&db), op_(op) {
  if (db.depth_ == 0) {
    db.exec_cached(op, "BEGIN IMMEDIATE");
    db.poisoned_ = false;
  }
  ++db.depth_;
}

database::transaction::~transaction() {
  if (done_) return;
  if (--db_->depth_ > 0) {
    // An inner level was abandoned (its exception may be caught by someone
    // in between): the outer commit must not write a half.
    db_->poisoned_ = true;
    return;
  }
  auto* conn = raw_handle(*db_->session_);
  if (sqlite_api::sqlite3_get_autocommit(conn) == 0)
    sqlite_api::sqlite3_exec(conn, "ROLLBACK", nullptr, nullptr, nullptr);
}

void database::transaction::commit() {
  if (done_) return;
  done_ = true;
  if (--db_->depth_ > 0) return;
  auto* conn = raw_handle(*db_->session_);
  auto rollback = [conn] {
    if (sqlite_api::sqlite3_get_autocommit(conn) == 0)
      sqlite_api::sqlite3_exec(conn, "ROLLBACK", nullptr, nullptr, nullptr);
  };
  if (db_->poisoned_) {
    rollback();
    throw db_error(op_, "a nested transaction was abandoned; rolled back");
  }
  try {
    db_->exec_cached(op_, "COMMIT");
  } catch (...) {
    // COMMIT may fail with the transaction still open (SQLITE_BUSY/FULL).
    rollback();
    throw;
  }
}

} // namespace hlc
