#pragma once

#include "config/settings.hpp"
#include "messages/interfaces.hpp"
#include "persistence/database.hpp"
#include "persistence/write_batch.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hlc {

struct writer_state {
  std::unique_ptr<database> db;
  std::vector<db_write> pending;
  size_t pending_rows = 0;
  bool tick_scheduled = false;
  storage_settings cfg;
  std::string config_hash;
  std::string run_id;
  supervisor_actor supervisor;
  bool failed = false;       ///< a flush failed; trading is halted
  int64_t newest_ms = 0;     ///< latest decision time written
  int64_t last_prune_ms = 0; ///< when processed_fills was last pruned
  static inline const char* name = "writer";
};

/// Everything the WRITER writes for one flush: the persistence batch plus
/// the paper exchange's book and state changes (applied in one transaction).
struct flush_plan {
  write_batch batch;
  std::vector<paper_order> paper_orders;
  std::vector<paper_position> paper_positions;
  uint64_t paper_next_id = 0;
  std::vector<state_change> state_changes;
};

/// Folds queued write groups, in order, into one plan.
flush_plan make_flush_plan(const std::vector<db_write>& groups);

/// Applies a plan and then, when given, an order intent (state PENDING) in
/// ONE transaction. Throws db_error.
void apply_plan(database& db, const flush_plan& plan,
                const std::string& config_hash, const std::string& run_id,
                const order_intent* intent = nullptr);

/// The WRITER (SPEC DB-3; ARCHITECTURE decisions 1 and 8): runs detached and
/// owns the SQLite connection. Write groups are batched and applied in
/// arrival order, whole groups per transaction, so what is durable is always
/// a prefix of what the actors decided. `persist` (the order intent) flushes
/// everything queued before it and replies only once committed. A DB error
/// escalates to HALTED (DB_ERROR) instead of crashing in a loop.
writer_actor::behavior_type
writer(writer_actor::stateful_pointer<writer_state> self, storage_settings cfg,
       std::string config_hash, std::string run_id,
       supervisor_actor supervisor);

} // namespace hlc
