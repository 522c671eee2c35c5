#pragma once

#include "actors/supervisor/restart_policy.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

#include <caf/actor.hpp>
#include <caf/local_actor.hpp>

#include <functional>
#include <string>
#include <vector>

namespace hlc {

/// The supervised children in spawn order; the index is the child's id.
enum class child_kind : uint32_t {
  writer,
  notifier,
  gateway,
  router,
  strategy,
  dedup_gate
};

/// How to (re)spawn one child. Spawned children are monitored by the
/// SUPERVISOR; `spawn` receives the current handles (earlier children are
/// already up) so it can pass dependencies.
struct child_spec {
  std::string name;
  std::function<caf::actor(caf::local_actor* self,
                           const std::vector<caf::actor>& current)>
      spawn;
};

struct supervisor_config {
  supervision_settings policy;
  std::vector<child_spec> children;
  /// Called after child `index` was (re)spawned: hand the new handle to the
  /// children that depend on it.
  std::function<void(caf::local_actor* self, size_t index,
                     const std::vector<caf::actor>& current)>
      rewire;
  /// Called on every trading state change (persist, alert, broadcast) and
  /// once at start with the initial state (`is_change` false: broadcast
  /// only, the state is already persisted).
  std::function<void(caf::local_actor* self, const state_change& change,
                     const std::vector<caf::actor>& current, bool is_change)>
      publish;
  state_change initial_state;
};

struct supervisor_state {
  supervisor_config cfg;
  std::vector<caf::actor> children;
  std::vector<uint64_t> generations;
  std::vector<restart_policy> policies;
  state_change current;
  bool shutting_down = false;
  static inline const char* name = "supervisor";
};

/// The SUPERVISOR (SAF-1, MODE-4, MODE-5): spawns every child, monitors it,
/// restarts it after a capped backoff (children reload their state from the
/// DB), escalates to HALTED with SUPERVISION_ESCALATED after too many
/// restarts in the window, owns the trading state, and shuts down in order.
supervisor_actor::behavior_type
supervisor(supervisor_actor::stateful_pointer<supervisor_state> self,
           supervisor_config cfg);

} // namespace hlc
