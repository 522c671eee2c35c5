#pragma once

#include "adapters/hyperliquid/parse_error.hpp"
#include "adapters/hyperliquid/parse_fills.hpp"
#include "messages/decimal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hlc::hyperliquid {

// -- server frames (protocol_facts §A.4) --------------------------------------

/// The plain-text "Websocket connection established." sent on connect.
struct ws_greeting {};

/// `subscriptionResponse`: the server's echo of a (un)subscribe. The echo
/// adds defaults (`aggregateByTime:false`) and lower-cases the user.
struct ws_subscription_ack {
  std::string method; ///< "subscribe" | "unsubscribe"
  std::string type;   ///< subscription type, e.g. "userFills"
  std::string user;   ///< empty when the subscription has none
  std::string coin;   ///< empty when the subscription has none
  std::optional<bool> aggregate_by_time;
  std::string subscription; ///< the echoed subscription object, JSON text
};

/// Channel `userFills`: `{isSnapshot?, user, fills}`. A snapshot is sent on
/// every (re)subscribe and must go through the dedupe gate like the rest.
struct ws_user_fills {
  bool is_snapshot = false; ///< absent means false
  std::string user;         ///< lower-cased
  fill_batch batch;         ///< source ws or snapshot
};

/// One `{coin, oid}` entry of a userEvents `nonUserCancel`.
struct ws_non_user_cancel {
  std::string coin;
  uint64_t oid = 0;
};

/// Channel `user` (the userEvents subscription). The payload is one of
/// fills / funding / liquidation / nonUserCancel; the frame names no user.
struct ws_user_events {
  enum class kind { fills, funding, liquidation, non_user_cancel, other };
  kind what = kind::other;
  fill_batch fills;                        ///< kind fills
  std::vector<ws_non_user_cancel> cancels; ///< kind non_user_cancel
  std::string payload; ///< JSON text of `data` (funding, liquidation, other)
};

/// One entry of an `orderUpdates` frame.
struct ws_order_status {
  std::string coin;
  hlc::side side = side::buy;
  decimal limit_px;
  decimal sz; ///< remaining size; stays at the remainder on cancel
  decimal orig_sz;
  uint64_t oid = 0;
  int64_t timestamp_ms = 0; ///< creation time, never moves
  std::string cloid;        ///< empty when absent
  std::string status;       ///< "open", "filled", "canceled", "*Rejected" ...
  int64_t status_timestamp_ms = 0;
};

/// Channel `orderUpdates`.
struct ws_order_updates {
  std::vector<ws_order_status> updates;
  std::vector<parse_error> errors; ///< entries that failed, named "data[i]"
};

/// Channel `pong` (it has no `data`).
struct ws_pong {};

/// Channel `error`: `data` is a plain string.
struct ws_error {
  std::string message;
};

/// Channel `post`: the reply to a `{"method":"post"}` request.
struct ws_post_reply {
  uint64_t id = 0;
  std::string type;    ///< "info" | "action" | "error"
  std::string payload; ///< JSON text (error payloads: the string itself)
};

/// Any other channel (trades, l2Book, allMids ...); ignored by the copier.
struct ws_other_channel {
  std::string channel;
};

/// One classified server frame. `parse_error` covers malformed frames
/// (field "frame", raw = first 200 characters) and malformed envelopes.
using ws_frame
    = std::variant<ws_greeting, ws_subscription_ack, ws_user_fills,
                   ws_user_events, ws_order_updates, ws_pong, ws_error,
                   ws_post_reply, ws_other_channel, parse_error>;

/// Classifies one WS text frame. The `user` channel does not say whose
/// events it carries, so its fills are attributed to `user_events_leader`.
ws_frame parse_ws_frame(std::string_view text,
                        std::string_view user_events_leader = {});

// -- client frames ------------------------------------------------------------

/// `{"method":"subscribe","subscription":{"type":"userFills","user":..,
/// "aggregateByTime":..}}`. Users are sent lower-cased.
std::string subscribe_user_fills(std::string_view user,
                                 bool aggregate_by_time = false);

/// Unsubscribe with the identical subscription object.
std::string unsubscribe_user_fills(std::string_view user,
                                   bool aggregate_by_time = false);

std::string subscribe_user_events(std::string_view user);
std::string unsubscribe_user_events(std::string_view user);
std::string subscribe_order_updates(std::string_view user);
std::string unsubscribe_order_updates(std::string_view user);

/// `{"method":"ping"}`; the server answers with channel `pong`.
std::string ping_frame();

} // namespace hlc::hyperliquid
