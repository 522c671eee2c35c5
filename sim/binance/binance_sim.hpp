#pragma once

#include "sim/binance/binance_venue.hpp"
#include "sim/common/server.hpp"
#include "sim/common/wall_clock.hpp"

#include <cstdint>
#include <memory>

namespace hlc::sim::binance {

/// The venue behind the loopback Beast server: REST and
/// `/private/ws?listenKey=K`
/// on one port, listenKey expiry checked every second.
class binance_sim {
public:
  /// Uses `clock` (must outlive this) or, when null, the real clock.
  explicit binance_sim(venue_config cfg, wall_clock* clock = nullptr);
  ~binance_sim();

  binance_sim(const binance_sim&) = delete;
  binance_sim& operator=(const binance_sim&) = delete;

  /// Also serves https/wss on the same port (before `start`); throws
  /// std::runtime_error naming a file that cannot be loaded.
  void use_tls(const std::string& cert_file, const std::string& key_file) {
    server_.use_tls(cert_file, key_file);
  }

  /// Binds 127.0.0.1:`port` (0 = any free port); returns the port.
  uint16_t start(uint16_t port = 0);
  /// Stops the server (idempotent).
  void stop();
  uint16_t port() const { return server_.port(); }

  binance_venue& venue() { return venue_; }

private:
  void schedule_poll();

  std::unique_ptr<real_clock> own_clock_;
  wall_clock* clock_;
  binance_venue venue_;
  server server_;
};

} // namespace hlc::sim::binance
