#pragma once

// Binance's request and order budgets on our side (SPEC EXE-2,
// protocol_facts §B.2): windows configured from exchangeInfo's `rateLimits`,
// counted locally, corrected by the `X-MBX-*` headers of every answer, and
// closed by 429 (until Retry-After or the next minute) or 418 (until the
// ban ends). Pure logic: the caller passes the clock and the headers.

#include "adapters/binance/exchange_info.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hlc::binance {

/// What one request spends: IP weight and order-counter units.
struct request_cost {
  int64_t weight = 0;
  int64_t orders = 0;
};

/// The limits the docs give, for a venue that sent none (2400 weight per
/// minute, 300 orders per 10 s, 1200 orders per minute).
std::vector<rate_limit> documented_rate_limits();

/// May a request go now, and if not, for how long to wait and why.
struct admission {
  bool allowed = true;
  int64_t wait_ms = 0; ///< > 0 when not allowed
  std::string reason;  ///< e.g. "ORDERS 270/300 per 10000 ms", "banned (418)"
};

class request_budget {
public:
  /// `reserve_pct` of every window is kept for reduce-only orders, so a
  /// busy account can always close (a trader's first expectation).
  explicit request_budget(std::vector<rate_limit> limits
                          = documented_rate_limits(),
                          int reserve_pct = 10);

  admission admit(request_cost cost, int64_t now_ms,
                  bool reduce_only = false) const;

  /// Counts a request that was sent.
  void spend(request_cost cost, int64_t now_ms);

  /// Reads an answer: the used-weight / order-count headers (names in any
  /// case, e.g. `X-MBX-USED-WEIGHT-1M`, `x-mbx-order-count-10s`), and for
  /// 429 / 418 the `Retry-After` header (seconds) or, for a ban, the
  /// "banned until <ms>" of the error message.
  void observe(int http_status,
               const std::map<std::string, std::string>& headers,
               std::string_view error_msg, int64_t now_ms);

  bool banned(int64_t now_ms) const noexcept { return now_ms < banned_until_; }
  int64_t banned_until_ms() const noexcept { return banned_until_; }
  int64_t blocked_until_ms() const noexcept { return blocked_until_; }

  /// Units used in the window of `type` / `interval_ms` that holds `now_ms`.
  int64_t used(std::string_view type, int64_t interval_ms,
               int64_t now_ms) const;

private:
  struct window {
    rate_limit limit;
    std::string header; ///< lower-case header that reports it
    mutable int64_t start_ms = 0;
    mutable int64_t used = 0;
    void roll(int64_t now_ms) const;
  };
  std::vector<window> windows_;
  int reserve_pct_;
  int64_t blocked_until_ = 0; ///< after a 429
  int64_t banned_until_ = 0;  ///< after a 418
};

/// "X-MBX-USED-WEIGHT-1M" for REQUEST_WEIGHT per minute,
/// "X-MBX-ORDER-COUNT-10S" for ORDERS per 10 s (lower-case).
std::string usage_header(const rate_limit& limit);

} // namespace hlc::binance
