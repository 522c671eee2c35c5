#pragma once

#include "ingest/backoff.hpp"
#include "messages/alert.hpp"
#include "messages/fill.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hlc::hyperliquid {

/// Live ingest settings (SPEC ING-1..ING-7). Durations in ms; tests shrink
/// them to compress time.
struct ingest_settings {
  std::string ws_url = "wss://api.hyperliquid.xyz/ws";
  std::string info_url = "https://api.hyperliquid.xyz/info";
  std::vector<std::string> leaders;  ///< at most 10 (one IP's user limit)
  bool user_events = false;          ///< also subscribe `userEvents`
  bool order_updates = false;        ///< also subscribe `orderUpdates`
  int64_t ping_interval_ms = 15'000; ///< well inside the server's 60 s
  int64_t ws_stale_ms = 30'000;
  int64_t poll_interval_ms = 2'000;
  int64_t backfill_window_ms = 900'000;
  int64_t http_timeout_ms = 10'000;
  int64_t connect_timeout_ms = 10'000;
  ingest::backoff_settings reconnect{500, 30'000};
  uint32_t max_connects_per_minute = 30;
  int64_t weight_per_minute = 1'200;
  int64_t rate_limit_backoff_ms = 1'000; ///< first 429 back-off, doubling
  uint32_t fill_horizon = 10'000;
  uint64_t jitter_seed = 0; ///< 0: seeded from the clock
  std::string ca_file;      ///< empty: the system CA store
};

/// Refuses settings the venue would refuse later (more than 10 leaders,
/// no leader, bad URLs); the message names the field.
std::string validate(const ingest_settings& s);

/// A fill batch and where it came from, as the pipeline will see it.
using fills_callback = std::function<void(std::vector<leader_fill>)>;
using quarantine_callback = std::function<void(quarantine_record)>;
using status_callback
    = std::function<void(const std::string& event, const std::string& detail)>;

} // namespace hlc::hyperliquid
