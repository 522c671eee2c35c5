#pragma once

#include <stdexcept>
#include <string>

namespace hlc {

/// Any failure of the database: SQLite/SOCI errors, constraint violations,
/// rows that do not decode. The message names the operation and carries
/// SQLite's own text, e.g. `orders.insert_intent: UNIQUE constraint failed`.
/// Callers catch it and go HALTED with `db_error` instead of crashing (DB-3).
class db_error : public std::runtime_error {
public:
  /// `op` names the operation ("orders.update"); `what` is the cause.
  db_error(const std::string& op, const std::string& what, int sqlite_code = 0)
      : std::runtime_error(op + ": " + what), op_(op),
        sqlite_code_(sqlite_code) {
    // nop
  }

  /// The operation that failed, e.g. "write_batch.apply".
  const std::string& op() const noexcept { return op_; }

  /// SQLite's (extended) result code when known (e.g. 13 = SQLITE_FULL,
  /// 5 = SQLITE_BUSY), else 0.
  int sqlite_code() const noexcept { return sqlite_code_; }

private:
  std::string op_;
  int sqlite_code_;
};

/// The database was written by a newer binary; refusing it is the only safe
/// answer to a schema we do not know (DB-2).
class schema_too_new : public db_error {
public:
  schema_too_new(int db_version, int known_version)
      : db_error("migrations",
                 "database schema version " + std::to_string(db_version)
                     + " is newer than this binary supports (latest known "
                     + std::to_string(known_version)
                     + "); upgrade hlcopy or use another database file"),
        db_version_(db_version), known_version_(known_version) {
    // nop
  }

  int db_version() const noexcept { return db_version_; }
  int known_version() const noexcept { return known_version_; }

private:
  int db_version_;
  int known_version_;
};

} // namespace hlc
