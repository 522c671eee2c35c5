#pragma once

#include "adapters/hyperliquid/ingest_settings.hpp"
#include "adapters/net/runtime.hpp"
#include "support/clock.hpp"

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <memory>

namespace hlc::hyperliquid {

/// What the backfill reports; every callback runs on its strand.
struct backfill_events {
  fills_callback fills;           ///< one page's fills (source rest)
  quarantine_callback quarantine; ///< malformed fills / bodies (ING-8)
  /// The gap of `leader` cannot be covered (beyond `backfill_window_ms`, or
  /// past the 10 000-fill horizon): HALTED GAP_TOO_LARGE (ING-7).
  std::function<void(const std::string& leader, const std::string& detail)>
      gap_too_large;
  /// A run over every leader ended (each covered or reported).
  std::function<void()> run_done;
  status_callback status;
};

struct backfill_stats {
  std::atomic<uint64_t> runs{0};
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> pages{0};
  std::atomic<uint64_t> fills{0};
  std::atomic<uint64_t> rate_limited{0}; ///< 429 answers
  std::atomic<uint64_t> failures{0};     ///< transport errors, other statuses
  std::atomic<uint64_t> quarantined{0};
  std::atomic<uint64_t> gaps{0};
  std::atomic<uint64_t> polling{0}; ///< 1 while polling
};

/// `hl_backfill` (SPEC ING-4, ING-5, ING-7): `userFillsByTime` from each
/// leader's cursor, page by page (inclusive start, next page at the last
/// returned time, cap 2000 or 500 learnt from the answers), paced by one
/// weight budget (1200/min, 20 + 1 per 20 fills) that also honours 429s.
/// While polling, a run starts every `poll_interval_ms`. The cursor moves
/// only when the pipeline says fills were durably processed.
class hl_backfill {
public:
  static std::shared_ptr<hl_backfill>
  create(net::strand_type strand,
         std::shared_ptr<boost::asio::ssl::context> tls,
         ingest_settings settings, const wall_clock& clock,
         backfill_events events);

  ~hl_backfill();

  /// The durable cursor of `leader` (from the DB at start). Thread-safe.
  void set_cursor(const std::string& leader, int64_t time_ms);
  /// The pipeline durably processed `leader`'s fills up to `time_ms`.
  void on_processed(const std::string& leader, int64_t time_ms);
  /// A batch of `leader` from `time_ms` on was not processed: the cursor
  /// goes back to it (never forward).
  void rewind(const std::string& leader, int64_t time_ms);
  /// Checks the gap and backfills every leader from its cursor; a run asked
  /// for while one is going runs once more after it.
  void run();
  /// Starts (true) or ends (false) polling; ending runs once more.
  void set_polling(bool on);
  void stop();

  const backfill_stats& stats() const noexcept;

  struct impl;

private:
  explicit hl_backfill(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

} // namespace hlc::hyperliquid
