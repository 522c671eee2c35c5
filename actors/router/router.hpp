#pragma once

#include "actors/common/clock.hpp"
#include "actors/executor/symbol_executor.hpp"
#include "actors/supervisor/restart_policy.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

#include <map>
#include <memory>
#include <string>

namespace hlc {

struct router_state {
  settings cfg;
  executor_options options;
  std::shared_ptr<const wall_clock> clock;
  gateway_actor gateway;
  writer_actor writer;
  notifier_actor notifier;
  supervisor_actor supervisor;
  std::map<std::string, executor_actor> executors;
  std::map<caf::actor_addr, std::string> by_address;
  std::map<std::string, restart_policy> policies;
  std::map<std::string, symbol_filters> filters;
  std::map<std::string, decimal> marks;
  std::map<std::string, symbol_target> last_targets;
  state_change state;
  bool stopping = false; ///< the SUPERVISOR asked us to stop
  caf::error stop_reason;
  static inline const char* name = "router";
};

/// The ROUTER: spawns one EXECUTOR per symbol on first use, routes targets,
/// marks and order events to it, and supervises executors (restart with
/// backoff; too many restarts escalate to the SUPERVISOR).
router_actor::behavior_type
router(router_actor::stateful_pointer<router_state> self, settings cfg,
       executor_options options, std::shared_ptr<const wall_clock> clock,
       gateway_actor gateway, writer_actor writer, notifier_actor notifier,
       supervisor_actor supervisor);

} // namespace hlc
