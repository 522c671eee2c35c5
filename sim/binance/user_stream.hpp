#pragma once

#include "sim/binance/faults.hpp"
#include "sim/common/http_types.hpp"

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace hlc::sim::binance {

/// A frame pushed to a user-data connection (SIM-4).
struct pushed_frame {
  int64_t sent_us = 0;
  uint64_t peer = 0;
  std::string text;
  uint64_t seq = 0; ///< 1-based push order, never reset
  std::string path; ///< the connection's WebSocket path
};

/// The listenKey lifecycle and the user-data WebSocket connections of the
/// one simulated account (BN-docs user-data-streams): one key at a time,
/// 60 min validity, keepalive extends, `listenKeyExpired` then silence.
/// Not thread-safe; the venue serializes calls.
class user_stream {
public:
  explicit user_stream(uint64_t seed = 1, int64_t validity_ms = 3600000)
      : rng_(seed), validity_ms_(validity_ms) {
    // nop
  }

  /// POST: the live key (extended) or a new one.
  std::string open(int64_t now_ms);
  /// PUT: extends the live key; false if there is none.
  bool keepalive(int64_t now_ms);
  /// DELETE: closes the key and its connections; false if there is none.
  bool close(int64_t now_ms);

  /// The live key ("" if none).
  const std::string& key() const { return key_; }
  int64_t expires_at_ms() const { return expires_ms_; }

  /// Expires the key now if its time has come (or `force`): pushes
  /// `listenKeyExpired` to its connections and then stays silent.
  void poll(int64_t now_us, bool force = false);

  /// Accepts a connection for `key`; false for an unknown or dead key.
  /// `path` is kept for the frame log.
  bool attach(const std::string& key, ws_peer_ptr peer,
              const std::string& path = {});
  void detach(uint64_t peer_id);
  size_t connections() const { return peers_.size(); }

  /// Pushes one batch of events (one order action) to the connections of
  /// the live key, applying the stream faults.
  void publish(const std::vector<std::string>& frames, int64_t now_us);

  /// True if a live key has a connection that still receives frames.
  bool listening() const;

  void set_faults(stream_faults f) { faults_ = f; }
  const stream_faults& faults() const { return faults_; }
  void set_validity_ms(int64_t ms) { validity_ms_ = ms; }
  void reseed(uint64_t seed) { rng_.seed(seed); }

  const std::vector<pushed_frame>& frames() const { return log_; }
  /// Logs a frame another stream (market data) pushed, in the same order.
  void log_frame(uint64_t peer, const std::string& path,
                 const std::string& text, int64_t now_us) {
    log_.push_back({now_us, peer, text, next_seq_++, path});
  }
  void clear_log() { log_.clear(); }

  /// Forgets the key and all connections (reset); connections are closed.
  void reset();

private:
  struct peer_entry {
    ws_peer_ptr peer;
    std::string key;
    int sent = 0;
    bool silent = false;
    std::string path;
  };

  double draw() { return std::uniform_real_distribution<double>{}(rng_); }
  std::string new_key();
  void send(peer_entry& p, const std::string& text, int64_t now_us);

  std::mt19937_64 rng_;
  int64_t validity_ms_;
  std::string key_;
  int64_t expires_ms_ = 0;
  std::map<uint64_t, peer_entry> peers_;
  std::vector<pushed_frame> log_;
  uint64_t next_seq_ = 1;
  stream_faults faults_;
};

} // namespace hlc::sim::binance
