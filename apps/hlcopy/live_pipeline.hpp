#pragma once

// The live pipeline of `hlcopy run` (issue 8): the paper pipeline's
// children with the Binance GATEWAY as the venue. Kept apart from
// pipeline.cpp so that only this unit includes the network adapters.

#include "adapters/binance/rest_gateway.hpp"
#include "apps/hlcopy/pipeline.hpp"

#include <memory>
#include <string>

namespace hlc {

/// WRITER, NOTIFIER, Binance GATEWAY over `rest` (shared: a restarted
/// GATEWAY keeps its connection, clock and rate budget), ROUTER, STRATEGY,
/// DEDUP GATE. Client order ids carry `epoch` (EXE-4, ADR 0014): one per
/// run, so that no id of this run was ever used by an older database.
supervisor_config
make_live_pipeline(std::shared_ptr<pipeline_context> ctx,
                   std::shared_ptr<binance::rest_gateway> rest,
                   std::string epoch);

} // namespace hlc
