#include "adapters/binance/rate_limits.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace hlc::binance {

namespace {

constexpr int64_t minute_ms = 60'000;
constexpr int64_t min_ban_ms = 2 * minute_ms; // the shortest documented ban

std::string lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int64_t> to_int(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  int64_t x = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc{} || end == s.data()) return std::nullopt;
  return x;
}

std::optional<int64_t> header(const std::map<std::string, std::string>& h,
                              const std::string& lower_name) {
  for (auto& [name, value] : h)
    if (lower(name) == lower_name) return to_int(value);
  return std::nullopt;
}

/// "… IP banned until 1572016232640. …" → 1572016232640.
std::optional<int64_t> banned_until_in(std::string_view msg) {
  constexpr std::string_view marker = "banned until ";
  auto at = msg.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  return to_int(msg.substr(at + marker.size()));
}

} // namespace

std::vector<rate_limit> documented_rate_limits() {
  return {{"REQUEST_WEIGHT", minute_ms, 2400},
          {"ORDERS", 10'000, 300},
          {"ORDERS", minute_ms, 1200}};
}

std::string usage_header(const rate_limit& limit) {
  std::string prefix
      = limit.type == "ORDERS" ? "x-mbx-order-count-" : "x-mbx-used-weight-";
  auto ms = limit.interval_ms;
  if (ms % 86'400'000 == 0)
    return prefix + std::to_string(ms / 86'400'000) + "d";
  if (ms % 3'600'000 == 0) return prefix + std::to_string(ms / 3'600'000) + "h";
  if (ms % minute_ms == 0) return prefix + std::to_string(ms / minute_ms) + "m";
  return prefix + std::to_string(ms / 1000) + "s";
}

void request_budget::window::roll(int64_t now_ms) const {
  // Binance counts in fixed windows (per UTC minute, per 10 s ...).
  auto start = now_ms - now_ms % limit.interval_ms;
  if (start != start_ms) {
    start_ms = start;
    used = 0;
  }
}

request_budget::request_budget(std::vector<rate_limit> limits, int reserve_pct)
    : reserve_pct_(std::clamp(reserve_pct, 0, 90)) {
  // A type the venue did not describe keeps the documented limits.
  for (auto& d : documented_rate_limits())
    if (std::none_of(limits.begin(), limits.end(),
                     [&](const rate_limit& l) { return l.type == d.type; }))
      limits.push_back(d);
  for (auto& l : limits) {
    if (l.type != "REQUEST_WEIGHT" && l.type != "ORDERS") continue;
    if (l.interval_ms <= 0 || l.limit <= 0) continue;
    windows_.push_back(window{l, usage_header(l)});
  }
}

admission request_budget::admit(request_cost cost, int64_t now_ms,
                                bool reduce_only) const {
  if (now_ms < banned_until_)
    return {false, banned_until_ - now_ms, "IP banned (418)"};
  if (now_ms < blocked_until_)
    return {false, blocked_until_ - now_ms, "rate limited (429)"};
  admission best;
  for (auto& w : windows_) {
    auto units = w.limit.type == "ORDERS" ? cost.orders : cost.weight;
    if (units == 0) continue;
    w.roll(now_ms);
    auto usable = reduce_only ? w.limit.limit
                              : w.limit.limit * (100 - reserve_pct_) / 100;
    if (w.used + units <= usable) continue;
    auto wait = w.start_ms + w.limit.interval_ms - now_ms;
    if (best.allowed || wait > best.wait_ms)
      best = {false, wait,
              w.limit.type + " " + std::to_string(w.used) + "/"
                  + std::to_string(w.limit.limit) + " per "
                  + std::to_string(w.limit.interval_ms) + " ms"};
  }
  return best;
}

void request_budget::spend(request_cost cost, int64_t now_ms) {
  for (auto& w : windows_) {
    w.roll(now_ms);
    w.used += w.limit.type == "ORDERS" ? cost.orders : cost.weight;
  }
}

void request_budget::observe(int http_status,
                             const std::map<std::string, std::string>& headers,
                             std::string_view error_msg, int64_t now_ms) {
  for (auto& w : windows_) {
    if (auto x = header(headers, w.header)) {
      w.roll(now_ms);
      // The venue's count includes requests we did not see (other clients
      // of the key or IP); ours includes requests still in flight.
      w.used = std::max(w.used, *x);
    }
  }
  auto retry_after = header(headers, "retry-after");
  if (http_status == 429) {
    auto until = retry_after && *retry_after >= 0
                     ? now_ms + *retry_after * 1000
                     : now_ms - now_ms % minute_ms + minute_ms;
    blocked_until_ = std::max(blocked_until_, until);
  } else if (http_status == 418) {
    auto until = banned_until_in(error_msg).value_or(
        retry_after ? now_ms + *retry_after * 1000 : now_ms + min_ban_ms);
    banned_until_ = std::max({banned_until_, until, now_ms + 1});
  }
}

int64_t request_budget::used(std::string_view type, int64_t interval_ms,
                             int64_t now_ms) const {
  for (auto& w : windows_)
    if (w.limit.type == type && w.limit.interval_ms == interval_ms) {
      w.roll(now_ms);
      return w.used;
    }
  return 0;
}

} // namespace hlc::binance
