#include "sim/binance/rate_limiter.hpp"

namespace hlc::sim::binance {

void rate_limiter::roll(int64_t now_ms) {
  auto minute = now_ms / 60000;
  if (minute != minute_) {
    minute_ = minute;
    weight_ = 0;
    orders_1m_ = 0;
    violations_ = 0;
  }
  auto ten = now_ms / 10000;
  if (ten != ten_s_) {
    ten_s_ = ten;
    orders_10s_ = 0;
  }
}

int rate_limiter::used_weight(int64_t now_ms) {
  roll(now_ms);
  return weight_;
}

void rate_limiter::reset() {
  minute_ = ten_s_ = -1;
  weight_ = orders_10s_ = orders_1m_ = violations_ = 0;
  banned_until_ms_ = 0;
  retry_after_s_ = 0;
}

void rate_limiter::admit(int64_t now_ms, int weight, bool is_order,
                         usage& out) {
  roll(now_ms);
  auto to_next_minute
      = [&] { return static_cast<int>((60000 - now_ms % 60000 + 999) / 1000); };
  if (now_ms < banned_until_ms_) {
    out.used_weight = weight_;
    retry_after_s_ = static_cast<int>((banned_until_ms_ - now_ms + 999) / 1000);
    throw errors::ip_banned(banned_until_ms_);
  }
  weight_ += weight;
  if (is_order) {
    ++orders_10s_;
    ++orders_1m_;
  }
  out.used_weight = weight_;
  out.orders_10s = orders_10s_;
  out.orders_1m = orders_1m_;
  auto refuse = [&](api_error err, int retry_s) {
    if (++violations_ > limits_.ban_after_violations) {
      banned_until_ms_ = now_ms + int64_t{limits_.ban_seconds} * 1000;
      retry_after_s_ = limits_.ban_seconds;
      throw errors::ip_banned(banned_until_ms_);
    }
    retry_after_s_ = retry_s;
    throw err;
  };
  if (weight_ > limits_.weight_per_minute)
    refuse(errors::too_many_requests(limits_.weight_per_minute),
           to_next_minute());
  if (is_order && orders_10s_ > limits_.orders_per_10s)
    refuse(errors::too_many_orders(limits_.orders_per_10s, "10 SECOND"),
           static_cast<int>((10000 - now_ms % 10000 + 999) / 1000));
  if (is_order && orders_1m_ > limits_.orders_per_minute)
    refuse(errors::too_many_orders(limits_.orders_per_minute, "1 MINUTE"),
           to_next_minute());
}

} // namespace hlc::sim::binance
