#include "ingest/gap_policy.hpp"

namespace hlc::ingest {

gap_decision decide_gap(int64_t now_ms, std::optional<int64_t> cursor_ms,
                        int64_t backfill_window_ms) {
  if (!cursor_ms) return gap_decision::backfill;
  return now_ms - *cursor_ms > backfill_window_ms ? gap_decision::too_large
                                                  : gap_decision::backfill;
}

gap_decision decide_backfill(backfill_end end) {
  return end == backfill_end::covered || end == backfill_end::running
             ? gap_decision::backfill
             : gap_decision::too_large;
}

void leader_cursors::set(const std::string& leader, int64_t time_ms) {
  by_leader_[leader] = time_ms;
}

void leader_cursors::on_processed(const std::string& leader, int64_t time_ms) {
  auto& c = by_leader_[leader];
  if (time_ms > c) c = time_ms;
}

std::optional<int64_t> leader_cursors::get(const std::string& leader) const {
  auto i = by_leader_.find(leader);
  if (i == by_leader_.end()) return std::nullopt;
  return i->second;
}

} // namespace hlc::ingest
