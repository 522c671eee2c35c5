#pragma once

#include "actors/common/clock.hpp"
#include "actors/supervisor/supervisor.hpp"
#include "apps/hlcopy/startup.hpp"
#include "config/settings.hpp"
#include "messages/market.hpp"

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
};

/// The SUPERVISOR's configuration for the paper pipeline (dry-run, replay):
/// WRITER, NOTIFIER, paper GATEWAY, ROUTER, STRATEGY, DEDUP GATE, spawned in
/// that order; each stops in its shutdown phase (intake first, the WRITER
/// last).
supervisor_config make_paper_pipeline(std::shared_ptr<pipeline_context> ctx);

} // namespace hlc
