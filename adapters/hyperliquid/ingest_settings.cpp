#include "adapters/hyperliquid/ingest_settings.hpp"

#include "adapters/net/url.hpp"

#include <set>
#include <variant>

namespace hlc::hyperliquid {

std::string validate(const ingest_settings& s) {
  if (s.leaders.empty()) return "leaders: at least one leader is needed";
  std::set<std::string> distinct(s.leaders.begin(), s.leaders.end());
  if (distinct.size() > 10)
    return "leaders: " + std::to_string(distinct.size())
           + " leaders, but Hyperliquid tracks at most 10 users per IP "
             "across user subscriptions";
  for (auto* url : {&s.ws_url, &s.info_url}) {
    auto r = net::parse_url(*url);
    if (auto* e = std::get_if<net::url_error>(&r))
      return (url == &s.ws_url ? "ws_url: " : "info_url: ") + e->message;
  }
  if (s.ping_interval_ms <= 0 || s.ping_interval_ms >= 60'000)
    return "ping_interval_ms: must be in (0, 60000): the server drops a "
           "client silent for 60 s";
  if (s.ws_stale_ms <= 0) return "ws_stale_ms: must be positive";
  return {};
}

} // namespace hlc::hyperliquid
