#pragma once

#include "actors/ingest/ingest_context.hpp"
#include "adapters/hyperliquid/hl_stream.hpp"
#include "messages/interfaces.hpp"

#include <memory>

namespace hlc {

struct hl_stream_state {
  std::shared_ptr<hyperliquid::hl_stream> adapter;
  std::shared_ptr<ingest_context> ctx;
  dedup_gate_actor dedup;
  writer_actor writer;
  notifier_actor notifier;
  hl_backfill_actor backfill;
  bool backfill_due = false; ///< asked before HL_BACKFILL was handed over
  ~hl_stream_state();
  static inline const char* name = "hl_stream";
};

/// HL_STREAM: a thin shell around `hyperliquid::hl_stream`. Fills go to the
/// DEDUP GATE (snapshots too: ING-2); acknowledgements move the cursor in
/// HL_BACKFILL; (re)subscriptions and lost frames ask HL_BACKFILL to
/// backfill; staleness turns its polling on and off.
hl_stream_actor::behavior_type
hl_stream_shell(hl_stream_actor::stateful_pointer<hl_stream_state> self,
                std::shared_ptr<ingest_context> ctx, dedup_gate_actor dedup,
                writer_actor writer, notifier_actor notifier,
                hl_backfill_actor backfill);

} // namespace hlc
