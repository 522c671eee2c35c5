#pragma once

// What `hlcopy status` and `hlcopy why` share: their command line, the
// read-only database they answer from, and how they print times.

#include "persistence/database.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hlc::ledger_cli {

struct options {
  std::string db_path;                 ///< --db, or storage.path of --config
  bool json = false;                   ///< --json
  std::vector<std::string> positional; ///< e.g. the subject of `why`
  bool help = false;
};

/// Parses `hlcopy <command> [--db F | --config F] [--json] [args]`; on a
/// usage error prints it to `err` and returns nullopt.
std::optional<options> parse(int argc, char** argv, bool allow_json,
                             std::ostream& err);

/// Opens the database read-only (works beside a running service).
database open(const options& o);

/// "2023-05-05T00:15:00.123Z" for a time in ms since the epoch.
std::string utc(int64_t ms);

} // namespace hlc::ledger_cli
