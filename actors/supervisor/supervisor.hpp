#pragma once

#include "actors/supervisor/child_spec.hpp"
#include "actors/supervisor/restart_policy.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

#include <caf/actor.hpp>
#include <caf/local_actor.hpp>

#include <set>
#include <string>
#include <vector>

namespace hlc {

/// The supervision tree: its children (spawned in declaration order), the
/// restart policy and the trading state it starts in.
struct supervisor_config {
  supervision_settings policy;
  /// Bound on waiting for in-flight orders to settle at shutdown (MODE-5);
  /// every other phase waits at most as long for its children to stop.
  int64_t shutdown_grace_ms = 10000;
  std::vector<child_spec> children;
  state_change initial_state;

  /// Declares a child: one line per child, see `make_child`.
  template <class Handle, class Spawn>
  supervisor_config& add(std::string name, shutdown_phase phase, Spawn spawn) {
    children.push_back(make_child<Handle>(std::move(name), phase, spawn));
    return *this;
  }
};

/// Progress of the ordered shutdown.
struct shutdown_progress {
  bool active = false;
  uint8_t phase = 0;                  ///< index into shutdown_phase
  uint32_t step = 0;                  ///< sequence number of the current wait
  bool settling = false;              ///< waiting for `settle` replies
  size_t settle_pending = 0;          ///< settle replies still due
  std::set<caf::actor_addr> stopping; ///< children asked to stop, not down
  bool clean = true;                  ///< false once a bound was hit
  caf::typed_response_promise<bool> promise;
};

struct supervisor_state {
  supervisor_config cfg;
  std::vector<caf::actor> children;
  child_handles handles;
  std::vector<uint64_t> generations;
  std::vector<restart_policy> policies;
  state_change current;
  shutdown_progress shutdown;
  static inline const char* name = "supervisor";
};

/// The SUPERVISOR (SAF-1, MODE-4, MODE-5): spawns every child, monitors it,
/// restarts it after a capped backoff (children reload their state from the
/// DB) and hands the new handle to every peer whose interface takes it;
/// escalates to HALTED with SUPERVISION_ESCALATED after too many restarts in
/// the window; owns the trading state (persists it through the WRITER,
/// alerts the NOTIFIER, tells every child that takes a `state_change`); and
/// owns the one ordered shutdown: phase by phase, each bounded, the WRITER
/// last (VAST's terminator is the model).
supervisor_actor::behavior_type
supervisor(supervisor_actor::stateful_pointer<supervisor_state> self,
           supervisor_config cfg);

} // namespace hlc
