#pragma once

// How both ingest actors hand fills to the DEDUP GATE and learn that they
// were processed (ING-6): the newest time per leader moves the cursor only
// after the reply; a failed request rewinds to the oldest time of the batch
// so the backfill fetches it again.

#include "messages/fill.hpp"
#include "messages/interfaces.hpp"
#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hlc::ingest_detail {

struct batch_bounds {
  std::map<std::string, std::pair<int64_t, int64_t>>
      by_leader; ///< oldest, newest
};

inline batch_bounds bounds_of(const std::vector<leader_fill>& fills) {
  batch_bounds b;
  for (auto& f : fills) {
    auto [it, fresh] = b.by_leader.try_emplace(
        f.key.leader, std::make_pair(f.key.time_ms, f.key.time_ms));
    if (!fresh) {
      it->second.first = std::min(it->second.first, f.key.time_ms);
      it->second.second = std::max(it->second.second, f.key.time_ms);
    }
  }
  return b;
}

/// `on_done(leader, newest)` after the reply, `on_failed(leader, oldest)`
/// when the DEDUP GATE is missing or the request failed.
template <class Self, class Done, class Failed>
void forward(Self* self, const dedup_gate_actor& dedup,
             std::vector<leader_fill> fills, Done on_done, Failed on_failed) {
  auto b = bounds_of(fills);
  if (!dedup) {
    for (auto& [leader, t] : b.by_leader)
      on_failed(leader, t.first);
    return;
  }
  self->request(dedup, std::chrono::seconds{60}, std::move(fills))
      .then(
          [b, on_done](const ingest_result&) {
            for (auto& [leader, t] : b.by_leader)
              on_done(leader, t.second);
          },
          [self, b, on_failed](const caf::error& err) {
            log_warn(self->name(), "batch_failed", {},
                     {{"error", self->system().render(err)}});
            for (auto& [leader, t] : b.by_leader)
              on_failed(leader, t.first);
          });
}

} // namespace hlc::ingest_detail
