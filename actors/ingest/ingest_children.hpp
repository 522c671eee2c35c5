#pragma once

#include "actors/ingest/ingest_context.hpp"
#include "actors/supervisor/supervisor.hpp"

#include <memory>

namespace hlc {

/// Declares HL_BACKFILL and HL_STREAM as SUPERVISOR children (ADR 0024),
/// one declaration each, in the `intake` shutdown phase (they stop first).
/// Declare them after the DEDUP GATE, WRITER and NOTIFIER: they take those
/// peers' handles at spawn, and restarted peers are handed over again.
void add_live_ingest(supervisor_config& sc,
                     std::shared_ptr<ingest_context> ctx);

} // namespace hlc
