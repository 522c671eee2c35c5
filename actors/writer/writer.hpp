#pragma once

#include "config/settings.hpp"
#include "messages/interfaces.hpp"
#include "persistence/database.hpp"
#include "persistence/write_batch.hpp"

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace hlc {

/// When an order intent (`persist`) becomes durable (ADR 0008, ADR 0038).
enum class intent_commit {
  /// Write-ahead: `persist` commits everything queued and the intent, then
  /// replies. Required whenever the venue is outside this database (`run`).
  at_once,
  /// Group commit: `persist` queues the intent and replies at once; it
  /// commits with the other queued groups (storage.writer_batch rows or
  /// storage.writer_flush_ms). Only sound when the venue's own record of the
  /// order is written to this database after the intent (the paper venue
  /// of a replay): a crash then loses the intent and its effects together.
  grouped,
};

struct writer_state {
  std::unique_ptr<database> db;
  std::vector<db_write> pending;
  std::vector<order_intent> pending_intents; ///< grouped mode, in order
  std::unordered_set<std::string> pending_intent_ids;
  size_t pending_rows = 0;
  bool tick_scheduled = false;
  storage_settings cfg;
  intent_commit commit = intent_commit::at_once;
  std::string config_hash;
  std::string run_id;
  supervisor_actor supervisor;
  bool failed = false;       ///< a flush failed; trading is halted
  int64_t newest_ms = 0;     ///< latest decision time written
  int64_t last_prune_ms = 0; ///< when processed_fills was last pruned
  static inline const char* name = "writer";
};

/// Folds queued write groups, in order, into ONE batch — the WRITER's only
/// write path, applied in one transaction by `apply` (persistence/
/// write_batch.hpp). Rows overwritten later in the same flush are written
/// once. `intent`, when given, is inserted after everything queued before it
/// (write-ahead: it commits with the decisions that led to it).
write_batch make_flush_plan(const std::vector<db_write>& groups,
                            const order_intent* intent = nullptr);

/// The same with every intent queued in `intents` (grouped commit): they
/// are inserted, in order, before any progress of any order in the batch.
write_batch make_flush_plan(const std::vector<db_write>& groups,
                            const std::vector<order_intent>& intents);

/// The WRITER (SPEC DB-3; ARCHITECTURE decisions 1 and 8): runs detached and
/// owns the SQLite connection. Write groups are batched and applied in
/// arrival order, whole groups per transaction, so what is durable is always
/// a prefix of what the actors decided. `persist` (the order intent) flushes
/// everything queued before it and replies only once committed, unless
/// `commit` is `grouped` and no crash point is armed or counted (then it
/// queues; see `intent_commit`). A DB error escalates to HALTED (DB_ERROR)
/// instead of crashing in a loop.
writer_actor::behavior_type
writer(writer_actor::stateful_pointer<writer_state> self, storage_settings cfg,
       std::string config_hash, std::string run_id, supervisor_actor supervisor,
       intent_commit commit);

} // namespace hlc
