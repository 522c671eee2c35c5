#pragma once

// The startup baseline of `hlcopy run` in live mode (SPEC MODE-3): what is
// open locally, on Binance and at each leader when the service starts, and
// the trading state that follows. Pure: no I/O.

#include "messages/decimal.hpp"
#include "messages/skip.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace hlc {

struct baseline_snapshot {
  /// Our book: the net filled quantity of this database's live orders.
  std::map<std::string, decimal> local;
  /// Binance `positionRisk`, by symbol.
  std::map<std::string, decimal> binance;
  /// Symbols with an order whose outcome the database does not know yet
  /// (PENDING, SUBMITTED, PARTIALLY_FILLED, UNKNOWN: e.g. after kill -9):
  /// their local position is not final until restart recovery resolved
  /// them against Binance (EXE-6), before any new order.
  std::set<std::string> unresolved;
  /// Each leader's `clearinghouseState`: leader → coin → signed size.
  std::map<std::string, std::map<std::string, decimal>> leaders;
};

/// Why the baseline refuses to copy (SAFE), or nothing when copying may
/// start. Without `trust_local` any open position anywhere refuses; with it
/// the local book is the baseline, and a Binance position that differs
/// from it still refuses (something traded the account behind our back),
/// unless the symbol has unresolved orders (recovery settles those).
/// Names every position it refuses for.
std::optional<std::string> baseline_refusal(const baseline_snapshot& b,
                                            bool trust_local);

/// The state to start in: the persisted one, unless the baseline refuses
/// and the persisted one would trade (ACTIVE or REDUCING) — a baseline never
/// loosens a state (SAFE stays until `hlcopy resume`, HALTED stays HALTED).
state_change starting_state(const state_change& persisted,
                            const std::optional<std::string>& refusal,
                            int64_t now_ms);

} // namespace hlc
