#pragma once

#include "actors/strategy/symbol_map.hpp"
#include "actors/strategy/target_book.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"
#include "support/clock.hpp"

#include <memory>
#include <set>

namespace hlc {

struct strategy_state {
  explicit strategy_state(strategy_actor::pointer)
      : map(symbol_settings{}), book(cfg, map) {
    // nop
  }
  settings cfg;
  symbol_map map;
  target_book book;
  mark_table marks;
  trading_state state = trading_state::active;
  router_actor router;
  writer_actor writer;
  std::shared_ptr<const wall_clock> clock;
  /// Disabled symbols already in the skip ledger (recorded once each).
  std::set<std::string> disabled_recorded;
  static inline const char* name = "strategy";
};

/// The STRATEGY (SPEC STR-*): turns deduplicated leader fills into
/// per-symbol targets with the target-position model, records every skip,
/// and persists its decision with the fills it covers in one write group.
/// On (re)start it reloads its rows and re-emits every target.
strategy_actor::behavior_type
strategy(strategy_actor::stateful_pointer<strategy_state> self, settings cfg,
         std::shared_ptr<const wall_clock> clock, router_actor router,
         writer_actor writer);

} // namespace hlc
