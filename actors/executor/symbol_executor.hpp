#pragma once

#include "support/clock.hpp"
#include "actors/executor/executor_core.hpp"
#include "messages/interfaces.hpp"

#include <caf/response_promise.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace hlc {

struct executor_state {
  explicit executor_state(executor_actor::pointer)
      : core("", executor_options{}) {
    // nop
  }
  executor_core core;
  gateway_actor gateway;
  writer_actor writer;
  notifier_actor notifier;
  supervisor_actor supervisor;
  std::shared_ptr<const wall_clock> clock;
  std::vector<caf::typed_response_promise<bool>> waiting; ///< settle barrier
  bool syncing = false; ///< a venue position request is in flight
  static inline const char* name = "symbol_executor";
};

/// Everything an EXECUTOR needs at spawn.
struct executor_args {
  std::string symbol;
  executor_options options;
  std::optional<symbol_filters> filters;
  decimal mark;
  trading_state state = trading_state::active;
  std::shared_ptr<const wall_clock> clock;
  gateway_actor gateway;
  writer_actor writer;
  notifier_actor notifier;
  supervisor_actor supervisor;
};

/// A SYMBOL EXECUTOR (SPEC EXE-3..EXE-8): owns one symbol's orders. Every
/// intent is committed to the DB before it is sent (EXE-4); venue answers
/// and stream events run through the order FSM; unknown outcomes are
/// queried, never blindly resent (EXE-5); on (re)start every non-terminal
/// order is resolved against the venue before anything new is placed (EXE-6).
executor_actor::behavior_type
symbol_executor(executor_actor::stateful_pointer<executor_state> self,
                executor_args args);

/// Crash points `intent_committed` and `order_sent` (test options, see
/// support/crash_points.hpp) are passed here.

} // namespace hlc
