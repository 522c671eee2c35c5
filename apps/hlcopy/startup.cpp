#include "apps/hlcopy/startup.hpp"

#include "actors/executor/client_order_id.hpp"
#include "config/effective_config.hpp"
#include "persistence/audit_repo.hpp"
#include "persistence/database.hpp"
#include "persistence/migrations.hpp"
#include "persistence/system_state_repo.hpp"
#include "support/log.hpp"

namespace hlc {

startup_result prepare_database(const settings& cfg, int64_t now_ms) {
  startup_result result;
  result.config_hash = config_hash(cfg);
  result.run_id = cfg.instance + "-" + to_base36(static_cast<uint64_t>(now_ms));
  auto db = database::open(cfg.storage.path);
  log_info("startup", "database_ready", {},
           {{"path", cfg.storage.path},
            {"schema_version", std::to_string(latest_schema_version())}});
  system_state_repo states{db};
  auto previous = states.load();
  if (previous) {
    result.initial_state = previous->change;
    result.config_changed = previous->config_hash != result.config_hash;
  } else {
    result.initial_state
        = state_change{trading_state::active, state_reason::startup,
                       "fresh database", "startup", now_ms};
  }
  if (!previous || result.config_changed) {
    if (result.config_changed)
      audit_repo{db}.append(audit_row{0, now_ms, "startup", "config_changed",
                                      "CONFIG_CHANGED",
                                      "config hash " + previous->config_hash
                                          + " -> " + result.config_hash});
    states.store(system_state_row{result.initial_state, result.config_hash,
                                  result.run_id});
  }
  log_info("startup", "config_hash", {},
           {{"hash", result.config_hash},
            {"changed", result.config_changed ? "true" : "false"}});
  log_info("startup", "trading_state", {},
           {{"state", std::string{to_string(result.initial_state.state)}},
            {"reason", std::string{to_string(result.initial_state.reason)}}});
  return result;
}

} // namespace hlc
