#pragma once

// Sends venue frames to WebSocket peers through the fault plan and records
// what actually went out. Venues call `send` for every frame with the frame's
// channel (HL: "userFills", "pong", ...; Binance: the event type such as
// "ORDER_TRADE_UPDATE"), so WS fault rules can target it. Must be used on the
// server's io thread (i.e. from handlers or posted/scheduled functions).

#include "sim/common/http_types.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hlc::sim {

class fault_plan;
class recorder;
class server;
class wall_clock;

/// Fault-applying, recording sender for WebSocket frames.
class ws_outbox {
public:
  ws_outbox(server& srv, recorder& rec, fault_plan& faults, wall_clock& clock);

  /// Sends `frame` to `peer` unless a fault says otherwise.
  void send(const ws_peer_ptr& peer, std::string frame,
            std::string_view channel);

  /// Sends without consulting the fault plan (still recorded).
  void send_raw(const ws_peer_ptr& peer, const std::string& frame);

  /// Forgets a closed connection's fault state.
  void forget(uint64_t connection);

  /// True once a "ws_stall"/"disconnect"/"close" fault silenced `connection`.
  bool silenced(uint64_t connection) const;

private:
  struct conn_state {
    bool silenced = false;
    bool delaying = false;
    std::deque<std::string> behind;  ///< frames waiting behind a delay
    std::optional<std::string> held; ///< a "reorder" frame
  };

  void emit(const ws_peer_ptr& peer, conn_state& st, std::string frame);

  server& srv_;
  recorder& rec_;
  fault_plan& faults_;
  wall_clock& clock_;
  std::unordered_map<uint64_t, conn_state> conns_;
};

} // namespace hlc::sim
