#pragma once

#include "persistence/db_error.hpp"

#include <soci/soci.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace hlc {

/// One value bound to a parameter of a cached statement: an integer or a
/// text (borrowed for the call only).
class db_param {
public:
  db_param(long long x) noexcept : integer_(x), is_text_(false) {}
  db_param(long x) noexcept : integer_(x), is_text_(false) {}
  db_param(int x) noexcept : integer_(x), is_text_(false) {}
  db_param(std::string_view x) noexcept : text_(x), is_text_(true) {}
  db_param(const std::string& x) noexcept : text_(x), is_text_(true) {}
  db_param(const char* x) noexcept : text_(x), is_text_(true) {}

  bool is_text() const noexcept { return is_text_; }
  long long integer() const noexcept { return integer_; }
  std::string_view text() const noexcept { return text_; }

private:
  long long integer_ = 0;
  std::string_view text_;
  bool is_text_;
};

/// Connection options; the defaults are what the service runs with.
struct database_options {
  /// How long a writer waits for a lock held by another connection (e.g. a
  /// concurrent `hlcopy status`) before SQLITE_BUSY.
  int busy_timeout_ms = 5000;
};

/// One SQLite connection (SOCI session) with the service's pragmas and an
/// up-to-date schema. Not thread-safe: it belongs to one thread (the writer
/// actor's detached thread); other processes open their own connection.
class database {
public:
  /// Opens (creating if needed) the file at `path`, or a private in-memory
  /// database for ":memory:". Sets `journal_mode=WAL` (file databases must
  /// end up in WAL), `synchronous=NORMAL`, `busy_timeout`, `foreign_keys=ON`,
  /// then applies pending migrations. Throws `db_error` (or
  /// `schema_too_new`) on failure.
  static database open(const std::string& path, database_options opts = {});

  /// Opens an existing database file read-only, for `hlcopy status` and
  /// `hlcopy why` beside a running service (WAL: readers never block the
  /// writer). No pragma that writes, no migration; a file that is missing,
  /// has no hlcopy schema or a newer one (`schema_too_new`) throws.
  static database open_read_only(const std::string& path,
                                 database_options opts = {});

  database(database&&) noexcept;
  database& operator=(database&&) noexcept;
  ~database();

  database(const database&) = delete;
  database& operator=(const database&) = delete;

  /// The path given to `open`.
  const std::string& path() const noexcept { return path_; }

  /// The underlying session, for repositories.
  soci::session& session() noexcept { return *session_; }

  /// Runs `f()` and turns any SOCI/SQLite/std exception into a `db_error`
  /// naming `op`; an existing `db_error` passes through unchanged.
  template <class F>
  decltype(auto) guard(const char* op, F&& f) {
    try {
      return std::forward<F>(f)();
    } catch (...) {
      rethrow_as_db_error(op);
    }
  }

  /// Executes one SQL statement without results.
  void exec(const char* op, const std::string& sql);

  /// Executes one statement without results, binding `params` to its
  /// parameters in order. The statement is prepared once per connection and
  /// kept (SQLite parses nothing on later calls): the writer's hot path.
  void exec_cached(const char* op, const std::string& sql,
                   std::initializer_list<db_param> params = {});

  /// Executes a script of several statements (raw SQLite; SOCI prepares only
  /// the first statement of a string).
  void exec_script(const char* op, const std::string& sql);

  /// Number of rows changed by the last INSERT/UPDATE/DELETE.
  int changes();

  /// Rows changed by INSERT/UPDATE/DELETE since the connection opened.
  int64_t total_changes();

  /// Rowid of the last row inserted on this connection.
  int64_t last_insert_rowid();

  /// True while a transaction is open on this connection.
  bool in_transaction() const noexcept { return depth_ > 0; }

  /// RAII transaction. The outermost one issues `BEGIN IMMEDIATE` (take the
  /// write lock up front: no lock upgrade deadlock with readers) and
  /// `COMMIT`; nested ones join it, so a repository method that needs a
  /// transaction can run alone or inside a write batch. Destroyed without
  /// `commit()` → ROLLBACK (outermost) or poisons the outer one.
  class transaction {
  public:
    transaction(database& db, const char* op);
    ~transaction();
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;

    /// Commits (outermost) or marks this level done (nested). Throws
    /// `db_error` if a nested level was abandoned.
    void commit();

  private:
    database* db_;
    const char* op_;
    bool done_ = false;
  };

  /// Converts the exception in flight into a `db_error` naming `op`.
  [[noreturn]] static void rethrow_as_db_error(const char* op);

private:
  database(std::string path, std::unique_ptr<soci::session> session);

  std::string path_;
  std::unique_ptr<soci::session> session_;
  struct statement_cache;
  /// Declared after the session: destroyed (finalized) before it closes.
  std::unique_ptr<statement_cache> statements_;
  int depth_ = 0;
  bool poisoned_ = false;
};

} // namespace hlc
