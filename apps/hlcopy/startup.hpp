#pragma once

#include "config/settings.hpp"
#include "messages/skip.hpp"

#include <string>

namespace hlc {

/// What the startup sequence (SPEC MODE-2) established before any actor
/// runs.
struct startup_result {
  state_change initial_state; ///< persisted state, or ACTIVE/STARTUP
  std::string config_hash;
  std::string run_id;
  bool config_changed = false; ///< hash differs from the last run's
};

/// Opens the DB (migrating it; a newer schema is refused), loads the
/// persisted trading state (it survives restarts, MODE-4), and records the
/// config hash; a changed hash is audited. Logs one line per step. Throws
/// std::runtime_error with the reason on failure.
startup_result prepare_database(const settings& cfg, int64_t now_ms);

} // namespace hlc
