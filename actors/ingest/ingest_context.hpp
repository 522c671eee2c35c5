#pragma once

#include "adapters/hyperliquid/ingest_settings.hpp"
#include "adapters/net/runtime.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"
#include "support/clock.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace boost::asio::ssl {
class context; // held, never used here: the adapters use it
} // namespace boost::asio::ssl

namespace hlc {

/// The cursors the ingest actors keep across their restarts (ING-6): seeded
/// from the DB's `leader_cursors` at start, moved by the pipeline's
/// acknowledgements. Shared by HL_STREAM and HL_BACKFILL and any restarted
/// instance of them; guarded because the app reads it too.
class ingest_cursor_book {
public:
  void advance(const std::string& leader, int64_t time_ms);
  void rewind(const std::string& leader, int64_t time_ms);
  std::map<std::string, int64_t> snapshot() const;
  std::optional<int64_t> get(const std::string& leader) const;

private:
  mutable std::mutex m_;
  std::map<std::string, int64_t> by_leader_;
};

/// The ingest settings of a config: `hyperliquid.*` and the enabled
/// leaders. Check the result with `hyperliquid::validate`.
hyperliquid::ingest_settings to_ingest_settings(const settings& cfg);

/// What the ingest actors share with the app that spawns them. The runtime
/// and the TLS context outlive every actor (the app stops the actor system
/// before the runtime).
struct ingest_context {
  hyperliquid::ingest_settings settings;
  net::runtime* runtime = nullptr;
  std::shared_ptr<boost::asio::ssl::context> tls; ///< null: loopback only
  std::shared_ptr<const wall_clock> clock;
  std::shared_ptr<ingest_cursor_book> cursors
      = std::make_shared<ingest_cursor_book>();
};

} // namespace hlc
