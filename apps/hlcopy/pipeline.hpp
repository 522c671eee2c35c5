#pragma once

#include "actors/executor/executor_core.hpp"
#include "actors/supervisor/supervisor.hpp"
#include "apps/hlcopy/startup.hpp"
#include "config/settings.hpp"
#include "messages/market.hpp"
#include "support/clock.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hlc {

/// What the children of one pipeline share and what a restarted child must
/// be handed again.
struct pipeline_context {
  settings cfg;
  startup_result startup;
  std::shared_ptr<const wall_clock> clock;
  std::vector<symbol_filters> filters;
  std::function<void(const std::string&)> alert_out;
  /// The WRITER gets a thread of its own so its blocking SQLite calls never
  /// hold a scheduler thread. A replay, which settles one batch at a time
  /// anyway, runs it on the scheduler instead: no thread hand-off per
  /// commit (ADR 0021).
  bool writer_detached = true;
  /// How far back (ms of fill time) the DEDUP GATE remembers keys in
  /// memory; 0: storage.dedup_ttl_days. A replay reads its recording in time
  /// order (older fills are quarantined), so it needs only the current
  /// millisecond and keeps memory flat (ADR 0020).
  int64_t dedup_memory_ms = 0;
};

/// The WRITER and the NOTIFIER: the first children of every pipeline.
void add_support_children(supervisor_config& sc,
                          std::shared_ptr<pipeline_context> ctx);

/// The ROUTER (with EXECUTORs trading on the venue `venue` picks from the
/// children spawned before it), the STRATEGY and the DEDUP GATE: the last
/// children of every pipeline, after the venue.
void add_decision_children(
    supervisor_config& sc, std::shared_ptr<pipeline_context> ctx,
    executor_options opts,
    std::function<gateway_actor(const child_handles&)> venue);

/// The SUPERVISOR's configuration for the paper pipeline (dry-run, replay):
/// WRITER, NOTIFIER, paper GATEWAY, ROUTER, STRATEGY, DEDUP GATE, spawned in
/// that order; each stops in its shutdown phase (intake first, the WRITER
/// last).
supervisor_config make_paper_pipeline(std::shared_ptr<pipeline_context> ctx);

} // namespace hlc
