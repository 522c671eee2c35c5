#include "adapters/binance/stream_overlap.hpp"

#include <variant>

namespace hlc::binance {

std::optional<std::string> overlap_key(const user_stream_event& event) {
  if (auto* o = std::get_if<order_event>(&event)) {
    const auto& u = o->update;
    return "O|" + u.symbol + '|' + std::to_string(u.exchange_order_id) + '|'
           + (o->lite ? std::string{"LITE"} : o->execution_type) + '|'
           + std::to_string(u.trade_id) + '|' + u.cum_qty.to_string();
  }
  if (auto* a = std::get_if<account_update>(&event))
    return "A|" + std::to_string(a->event_time_ms) + '|'
           + std::to_string(a->transaction_time_ms) + '|' + a->reason;
  return std::nullopt;
}

bool stream_overlap::admit(uint64_t connection, const std::string& key) {
  if (counts_.try_emplace(key).second) {
    order_.push_back(key);
    if (order_.size() > capacity_) {
      counts_.erase(order_.front());
      order_.pop_front();
    }
  }
  // Eviction may have removed this very key (capacity 0): look it up.
  auto found = counts_.find(key);
  if (found == counts_.end()) return true;
  auto& c = found->second;
  auto n = ++c.seen[connection];
  if (n <= c.delivered) return false; // another connection delivered it
  c.delivered = n;
  return true;
}

void stream_overlap::clear() {
  counts_.clear();
  order_.clear();
}

} // namespace hlc::binance
