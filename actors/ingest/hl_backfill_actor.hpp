#pragma once

#include "actors/ingest/ingest_context.hpp"
#include "adapters/hyperliquid/hl_backfill.hpp"
#include "messages/interfaces.hpp"

#include <memory>

namespace hlc {

struct hl_backfill_state {
  std::shared_ptr<hyperliquid::hl_backfill> adapter;
  std::shared_ptr<ingest_context> ctx;
  dedup_gate_actor dedup;
  writer_actor writer;
  notifier_actor notifier;
  supervisor_actor supervisor;
  ~hl_backfill_state();
  static inline const char* name = "hl_backfill";
};

/// HL_BACKFILL: a thin shell around `hyperliquid::hl_backfill`. The adapter
/// runs on its strand and reports with anon_send; this actor forwards fills
/// to the DEDUP GATE and, once it replied (the STRATEGY queued the fills'
/// durable group before), moves the cursor. Quarantine goes to the WRITER
/// and the NOTIFIER, GAP_TOO_LARGE to the SUPERVISOR (HALTED) and the
/// NOTIFIER.
hl_backfill_actor::behavior_type
hl_backfill_shell(hl_backfill_actor::stateful_pointer<hl_backfill_state> self,
                  std::shared_ptr<ingest_context> ctx,
                  supervisor_actor supervisor, dedup_gate_actor dedup,
                  writer_actor writer, notifier_actor notifier);

} // namespace hlc
