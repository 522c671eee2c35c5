#pragma once

// The Hyperliquid simulator as one object: hl_venue behind the shared
// server, with recording, faults and the control API. Used by the hl-sim
// executable, scenario tests and benchmarks.
//
//   hlc::sim::real_clock clock;
//   hlc::sim::hl::hl_sim sim{clock};
//   sim.load_scenario_file("scenario.json");
//   auto port = sim.start(0);     // HTTP POST /info and ws://.../ws
//   sim.push_trade(spec);         // thread-safe, waits for the io thread
//   sim.stop();
//
// Control routes (besides the shared /_sim/ ones, see control_api.hpp):
//   POST /_sim/trade    a trade object (see scenario.hpp) pushed now
//   POST /_sim/mid      {"coin":"BTC","mid":"64000.5"}
//   GET  /_sim/state    positions, fill counts, mids, connections
//   POST /_sim/advance  {"ms":N}: manual clock only; advances, runs due
//                       timeline events and closes idle connections

#include "sim/common/fault_plan.hpp"
#include "sim/common/recorder.hpp"
#include "sim/hyperliquid/hl_venue.hpp"

#include <functional>
#include <memory>
#include <string>

namespace hlc::sim {
class control_api;
class server;
class ws_outbox;
class manual_clock;
} // namespace hlc::sim

namespace hlc::sim::hl {

/// Venue + transport + recording + faults.
class hl_sim {
public:
  /// `clock` must outlive the simulator. With a manual_clock, timeline
  /// events run only on advance (POST /_sim/advance or `advance_ms`).
  explicit hl_sim(wall_clock& clock, uint64_t seed = 0,
                  venue_settings settings = {});
  ~hl_sim();

  // -- before start -----------------------------------------------------------

  /// Loads a scenario (coins, leaders, trades, faults, settings).
  void load_scenario(const scenario& s);
  void load_scenario_file(const std::string& path);
  /// Queues a recorded fills file for `leader`.
  void load_fills_file(const std::string& path, const std::string& leader,
                       double time_compression);

  // -- lifecycle --------------------------------------------------------------

  /// Also serves https/wss on the same port (before `start`); throws
  /// std::runtime_error naming a file that cannot be loaded.
  void use_tls(const std::string& cert_file, const std::string& key_file);

  /// Starts serving on 127.0.0.1:`port` (0 = ephemeral); returns the port.
  uint16_t start(uint16_t port = 0);
  uint16_t port() const;
  void stop();

  // -- thread-safe C++ control (each call runs on the io thread) --------------

  hl_fill push_trade(const trade_spec& t);
  void set_mid(const std::string& coin, decimal mid);
  venue_snapshot snapshot();
  /// Manual clock only: advances it, runs due events, closes idle sockets.
  void advance_ms(int64_t ms);
  /// Runs `f` on the io thread with the venue and waits for it.
  void with_venue(const std::function<void(hl_venue&)>& f);

  recorder& requests() { return rec_; }
  fault_plan& faults() { return faults_; }

private:
  void arm_timeline();
  void advance_locked(int64_t ms);

  wall_clock& clock_;
  manual_clock* manual_; ///< non-null when clock_ is a manual_clock
  recorder rec_;
  fault_plan faults_;
  hl_venue venue_;
  std::unique_ptr<control_api> control_;
  std::unique_ptr<server> server_;
  std::unique_ptr<ws_outbox> outbox_;
  bool started_ = false;
  uint64_t timeline_timer_ = 0;
};

} // namespace hlc::sim::hl
