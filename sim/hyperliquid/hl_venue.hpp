#pragma once

// The Hyperliquid venue logic (SIM-1), transport-free: POST /info, the /ws
// protocol, leader state and the scripted timeline. Not thread-safe by
// design: hl_sim calls it only on the server's io thread (see
// sim/common/server.hpp); in-process tests call it from one thread.
//
// Wire behaviour follows protocol_facts.md §A; choices where HL's docs are
// silent are listed in docs/simulators.md ("Hyperliquid: decisions").

#include "sim/common/http_types.hpp"
#include "sim/hyperliquid/hl_fill.hpp"
#include "sim/hyperliquid/scenario.hpp"

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hlc::sim {
class wall_clock;
}

namespace hlc::sim::hl {

/// A leader's state: every fill it made (ascending, capped to the history
/// limit) and its positions.
struct leader_state {
  std::string address;
  decimal account_value;
  std::deque<hl_fill> fills; ///< a deque: trimming the oldest is O(1)
  std::map<std::string, hl_position> positions;
  uint64_t fill_count = 0; ///< fills ever made (feeds tid generation)
};

/// What tests can inspect.
struct venue_snapshot {
  std::map<std::string, std::map<std::string, std::string>> positions;
  ///< leader → coin → szi (flat coins omitted)
  std::map<std::string, size_t> fill_counts; ///< leader → stored fills
  std::map<std::string, std::string> mids;
  size_t connections = 0;
  size_t tracked_users = 0;
  size_t pending_events = 0;
};

/// The Hyperliquid venue.
class hl_venue {
public:
  /// Sends a frame on a channel (hl_sim routes it through ws_outbox).
  using send_fn
      = std::function<void(const ws_peer_ptr&, std::string, std::string_view)>;
  /// Runs a function after a delay in µs on the venue's thread.
  using schedule_fn = std::function<void(int64_t, std::function<void()>)>;

  hl_venue(wall_clock& clock, venue_settings settings = {});

  /// Wires the transport. Without it frames are dropped and idle timers are
  /// not armed (check_idle still works).
  void attach(send_fn send, schedule_fn schedule);

  const venue_settings& settings() const { return settings_; }
  void settings(const venue_settings& s) { settings_ = s; }

  // -- state ------------------------------------------------------------------

  void add_coin(const coin_info& c);
  /// Moves a mid (and mark); pushes allMids/l2Book/bbo to subscribers.
  /// Throws input_error for an unknown coin.
  void set_mid(const std::string& coin, decimal mid);
  void add_leader(const std::string& address, decimal account_value);

  /// Loads a scenario: coins, leaders, history (at_ms < 0) at once, live
  /// trades onto the timeline relative to now.
  void load(const scenario& s);

  /// Queues recorded fills for `leader`, replayed in time order from now,
  /// `compression` times faster than recorded.
  void queue_replay(const std::string& leader, std::vector<hl_fill> fills,
                    double compression);

  /// Makes a fill now: appended to history and pushed to subscribers.
  hl_fill push_trade(const trade_spec& t);

  /// Appends a fill to history at `time_ms` without pushing it.
  hl_fill add_history(const trade_spec& t, int64_t time_ms);

  /// Pushes a recorded fill now (its time becomes now); returns it.
  hl_fill push_recorded(const std::string& leader, hl_fill f);

  /// Runs every timeline event that is due; returns how many ran.
  size_t poll();

  /// Due time (µs) of the next timeline event.
  std::optional<int64_t> next_due_us() const;

  /// Closes WS connections idle for the idle timeout; returns how many.
  size_t check_idle();

  /// Restores the rate-limit budget and the per-IP new-connection windows.
  void reset_limits();

  /// Every leader flat again (fill history is kept). For `/_sim/reset`.
  void reset_positions();

  venue_snapshot snapshot() const;

  const leader_state* leader(const std::string& address) const;

  // -- HTTP -------------------------------------------------------------------

  /// POST /info (and 404 for other paths), with weights and 429s.
  http_response handle_http(const http_request& r);

  /// One info request body without rate limiting: {status, body}.
  std::pair<int, std::string> info(std::string_view body);

  // -- WebSocket --------------------------------------------------------------

  /// Per-IP admission of a `/ws` upgrade (§A.3): nullopt admits it (and
  /// counts it as a new connection); otherwise the 429 to answer.
  std::optional<http_response> admit_ws(const http_request& r);
  bool on_ws_open(const http_request& r, const ws_peer_ptr& peer);
  void on_ws_text(const ws_peer_ptr& peer, const std::string& text);
  void on_ws_close(const ws_peer_ptr& peer);

private:
  struct subscription {
    std::string type;
    std::string user; ///< lower-case, for user subscriptions
    std::string coin;
    bool aggregate = false;
    std::string key;  ///< canonical form, for duplicate detection
    std::string echo; ///< the subscription object as HL echoes it
  };

  struct connection {
    ws_peer_ptr peer;
    std::string ip; ///< the client's address; WS limits are per IP
    int64_t last_msg_us = 0;
    std::vector<subscription> subs;
  };

  struct timeline_event {
    int64_t due_us = 0;
    std::string leader;
    std::optional<trade_spec> trade;
    std::optional<hl_fill> recorded;
  };

  // info
  std::pair<int, std::string> info_user_fills(const std::string& user,
                                              bool aggregate);
  std::pair<int, std::string>
  info_user_fills_by_time(const std::string& user, int64_t start,
                          std::optional<int64_t> end, bool aggregate,
                          bool reversed);
  std::string clearinghouse_json(const std::string& user) const;
  std::string meta_json() const;
  std::string asset_ctx_json(const coin_info& c) const;
  std::string all_mids_json() const;
  std::string l2_book_json(const coin_info& c, size_t levels) const;
  int64_t weight_of(const std::string& type) const;
  /// Charges `w` to the weight budget of client `ip`; false when it has
  /// not enough left.
  bool take_weight(const std::string& ip, int64_t w);

  // ws
  void send(const connection& c, std::string frame, std::string_view channel);
  void handle_subscribe(connection& c, const std::string& text, bool sub);
  void send_error(connection& c, const std::string& message);
  void send_initial(connection& c, const subscription& s);
  void arm_idle(uint64_t conn_id);
  size_t tracked_users() const;
  void publish_fill(const std::string& leader, const hl_fill& f);
  void publish_market(const coin_info& c);

  // state
  leader_state& leader_mut(const std::string& address);
  coin_info* coin(const std::string& name);
  hl_fill record(leader_state& l, hl_fill f);
  uint64_t next_oid();

  wall_clock& clock_;
  venue_settings settings_;
  send_fn send_;
  schedule_fn schedule_;
  std::vector<coin_info> coins_;
  std::unordered_map<std::string, leader_state> leaders_;
  std::map<uint64_t, connection> conns_;
  std::vector<timeline_event> timeline_; ///< sorted by due_us
  size_t timeline_pos_ = 0;
  uint64_t oid_counter_ = 90'000'000'000;
  /// One REST weight budget per client IP (§A.3), created full on first use.
  struct weight_bucket {
    int64_t milli = 0; ///< weight budget × 1000
    int64_t at_us = 0; ///< last refill
  };
  std::map<std::string, weight_bucket> buckets_;
  size_t last_items_ = 0; ///< items the last info answer returned
  /// Per IP: when its admitted WS connections of the last minute opened.
  std::map<std::string, std::deque<int64_t>> ws_opens_;
};

} // namespace hlc::sim::hl
