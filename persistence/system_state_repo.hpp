#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <optional>

namespace hlc {

/// `system_state`: the single persisted trading state (MODE-4). Every store
/// also appends an `audit_log` entry in the same transaction, so the state
/// and its history never disagree.
class system_state_repo {
public:
  explicit system_state_repo(database& db) : db_(db) {
    // nop
  }

  /// The stored state, or nullopt for a fresh database.
  std::optional<system_state_row> load();

  /// Replaces the state and audits it (actor, "state_change", reason,
  /// "<STATE>: <detail>").
  void store(const system_state_row& x);

  /// Changes state, reason, detail, actor and time, keeping the stored
  /// config hash and run id (empty if there was no row), and audits it.
  void apply_change(const state_change& x);

private:
  database& db_;
};

} // namespace hlc
