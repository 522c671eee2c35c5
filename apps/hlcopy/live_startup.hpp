#pragma once

// The live-only steps of `hlcopy run`'s startup (SPEC MODE-2, MODE-3,
// EXE-10), after exchangeInfo and before any actor runs: clock sync with
// Binance, the one-way position mode check, and the baseline snapshot of
// local, Binance and leader positions. Each step logs one line; a failure
// names its reason code.

#include "actors/ingest/ingest_context.hpp"
#include "adapters/binance/rest_gateway.hpp"
#include "apps/hlcopy/startup.hpp"
#include "support/clock.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hlc {

/// A startup step that failed: `code` is the reason code printed and
/// logged (e.g. CLOCK_SYNC_FAILED, HEDGE_MODE), `detail` says why.
struct startup_failure {
  std::string code;
  std::string detail;
};

/// The venue the live pipeline trades on.
struct live_venue {
  std::shared_ptr<binance::rest_gateway> rest;
  std::string epoch; ///< this run's client order id epoch (EXE-4)
};

/// The REST gateway's settings from the config and the secrets.
binance::rest_gateway_settings rest_settings(const settings& cfg);

/// Creates the REST gateway and runs the live steps. Updates
/// `started.initial_state` with the baseline's verdict (persisted and
/// audited when it changes). `status` receives the gateway's events for
/// the rest of the run (rate limits, bans, breaker).
std::optional<startup_failure> start_live_venue(
    net::runtime& rt, const ingest_context& ingest, const settings& cfg,
    std::vector<binance::rate_limit> limits,
    std::shared_ptr<const wall_clock> clock, startup_result& started,
    std::function<void(std::string, std::string)> status, live_venue& out);

} // namespace hlc
