#pragma once

// The ACCOUNT STREAM actor (issue 8 item 4; SPEC EXE-9; ADR 0036): a thin
// CAF shell around `binance::user_stream_client`. It forwards our orders'
// events to the ROUTER (TRADE_LITE excepted: the ORDER_TRADE_UPDATE of the
// same trade carries the cumulative quantity the executors need), sends
// `atom::resync` to the ROUTER on every resync signal and after a
// liquidation / ADL / settlement order, and alerts the NOTIFIER (liquidation
// and ADL are critical). One log line per lifecycle step; the listenKey is
// never logged beyond its last 4 characters.

#include "adapters/binance/user_stream_client.hpp"
#include "messages/interfaces.hpp"

#include <caf/fwd.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace hlc {

/// The adapter's last lifecycle step, written on the network thread and
/// read by the actor for its status line.
struct account_stream_status {
  std::mutex m;
  std::string last_event = "starting";
  std::string last_detail;
};

struct account_stream_state {
  explicit account_stream_state(account_stream_actor::pointer) {}
  /// Stops the adapter with the state (CAF 0.17 runs attached functors
  /// after the state is gone).
  ~account_stream_state() {
    if (client) client->stop();
  }
  static inline const char* name = "account_stream";
  std::shared_ptr<binance::user_stream_client> client;
  std::shared_ptr<account_stream_status> status;
  router_actor router;
  notifier_actor notifier;
  uint64_t forwarded = 0; ///< order events sent to the ROUTER
  uint64_t resyncs = 0;   ///< resyncs sent to the ROUTER
  uint64_t alerts = 0;    ///< alerts sent to the NOTIFIER
};

/// The behavior; `client` is created unstarted by `make_client` below so the
/// callbacks can reach this actor.
account_stream_actor::behavior_type account_stream(
    account_stream_actor::stateful_pointer<account_stream_state> self,
    std::function<std::shared_ptr<binance::user_stream_client>(
        binance::user_stream_events)>
        make_client,
    router_actor router, notifier_actor notifier);

/// Spawns the ACCOUNT STREAM for `hlcopy run` (live): the client runs on
/// `rt` (started by the caller) with `tls` (null for ws:// on loopback),
/// connects at once, and sends to `router` / `notifier` (either may be
/// null and wired later by sending the handle). `clock` must outlive the
/// actor. Stopping the actor stops the stream; the listenKey is left to
/// expire, never deleted. Throws std::invalid_argument naming a bad URL.
account_stream_actor
spawn_account_stream(caf::actor_system& sys, net::runtime& rt,
                     std::shared_ptr<boost::asio::ssl::context> tls,
                     binance::user_stream_settings settings,
                     router_actor router, notifier_actor notifier,
                     const wall_clock& clock);

} // namespace hlc
