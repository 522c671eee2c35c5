#include "actors/ingest/ingest_context.hpp"

namespace hlc {

hyperliquid::ingest_settings to_ingest_settings(const settings& cfg) {
  hyperliquid::ingest_settings s;
  auto& hl = cfg.hyperliquid;
  s.ws_url = hl.ws_url;
  s.info_url = hl.info_url;
  s.ws_stale_ms = hl.ws_stale_ms;
  s.ping_interval_ms = hl.ping_interval_ms;
  s.backfill_window_ms = hl.backfill_window_ms;
  s.reconnect = {hl.reconnect_initial_ms, hl.reconnect_max_ms};
  s.user_events = hl.subscribe_user_events;
  s.order_updates = hl.subscribe_order_updates;
  for (auto& l : cfg.leaders)
    if (l.enabled) s.leaders.push_back(l.address);
  return s;
}

void ingest_cursor_book::advance(const std::string& leader, int64_t time_ms) {
  std::lock_guard<std::mutex> g{m_};
  auto& c = by_leader_[leader];
  if (time_ms > c) c = time_ms;
}

void ingest_cursor_book::rewind(const std::string& leader, int64_t time_ms) {
  std::lock_guard<std::mutex> g{m_};
  auto i = by_leader_.find(leader);
  if (i != by_leader_.end() && time_ms < i->second) i->second = time_ms;
}

std::map<std::string, int64_t> ingest_cursor_book::snapshot() const {
  std::lock_guard<std::mutex> g{m_};
  return by_leader_;
}

std::optional<int64_t>
ingest_cursor_book::get(const std::string& leader) const {
  std::lock_guard<std::mutex> g{m_};
  auto i = by_leader_.find(leader);
  if (i == by_leader_.end()) return std::nullopt;
  return i->second;
}

} // namespace hlc
