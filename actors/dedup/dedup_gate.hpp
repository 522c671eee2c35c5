#pragma once

#include "actors/dedup/dedup_set.hpp"
#include "messages/interfaces.hpp"

namespace hlc {

struct dedup_gate_state {
  dedup_set seen;
  strategy_actor strategy;
  writer_actor writer;
  int64_t ttl_ms = 0;
  int64_t newest_ms = 0;
  static inline const char* name = "dedup_gate";
};

/// The DEDUP GATE (SPEC ING-6): drops fills whose key was seen (`fill_key`:
/// leader, coin, oid, tid, time, startPosition, sz; ADR 0011), forwards the rest to the STRATEGY. The durable side
/// is `processed_fills`, written by the STRATEGY together with its decision;
/// at start the gate warms its memory from it. Keys older than `ttl_ms`
/// behind the newest fill are forgotten.
dedup_gate_actor::behavior_type
dedup_gate(dedup_gate_actor::stateful_pointer<dedup_gate_state> self,
           strategy_actor strategy, writer_actor writer, int64_t ttl_ms);

} // namespace hlc
