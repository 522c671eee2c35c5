#pragma once

#include <string_view>
#include <vector>

namespace hlc {

class database;

/// One forward-only schema step (SPEC DB-2). Versions start at 1 and
/// increase by one; a released migration is never edited, only followed by a
/// new one.
struct migration {
  int version;
  std::string_view name;
  std::string_view sql; ///< a script of one or more statements
};

/// All migrations this binary knows, in order.
const std::vector<migration>& all_migrations();

/// The version of the newest migration this binary knows.
int latest_schema_version();

/// The schema version recorded in `db` (0 for a fresh database).
int schema_version(database& db);

/// Brings `db` up to `latest_schema_version()`, each migration in its own
/// transaction together with its `schema_version` row. Idempotent. Throws
/// `schema_too_new` if the database is newer than this binary.
void apply_migrations(database& db);

} // namespace hlc
