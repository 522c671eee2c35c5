#include "actors/dedup/dedup_gate.hpp"

#include "actors/common/log.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <cstdint>

namespace hlc {

dedup_gate_actor::behavior_type
dedup_gate(dedup_gate_actor::stateful_pointer<dedup_gate_state> self,
           strategy_actor strategy, writer_actor writer, int64_t ttl_ms) {
  self->state.strategy = std::move(strategy);
  self->state.writer = std::move(writer);
  self->state.ttl_ms = ttl_ms;
  // Warm up before anything else is processed: `await` holds the mailbox.
  self->request(self->state.writer, caf::infinite, atom::load_v, atom::dedup_v,
                int64_t{0})
      .await(
          [self](std::vector<fill_key>& keys) {
            for (auto& k : keys) {
              self->state.newest_ms
                  = std::max(self->state.newest_ms, k.time_ms);
              self->state.seen.insert(k);
            }
            log_info("dedup_gate", "warmed", {},
                     {{"keys", std::to_string(keys.size())}});
          },
          [self](const caf::error& err) {
            log_error("dedup_gate", "warm_up_failed", {},
                      {{"error", self->system().render(err)}});
            self->quit(err);
          });
  return {
      [self](std::vector<leader_fill>& fills) -> caf::result<ingest_result> {
        auto& st = self->state;
        ingest_result result;
        result.received = fills.size();
        std::vector<leader_fill> fresh;
        fresh.reserve(fills.size());
        int64_t batch_newest_ms = INT64_MIN;
        for (auto& f : fills) {
          batch_newest_ms = std::max(batch_newest_ms, f.key.time_ms);
          if (st.seen.insert(f.key)) {
            st.newest_ms = std::max(st.newest_ms, f.key.time_ms);
            fresh.push_back(std::move(f));
          } else {
            ++result.duplicates;
            log_info("dedup_gate", "duplicate_dropped", to_string(f.key),
                     {{"source", std::string{to_string(f.source)}}});
          }
        }
        result.fresh = fresh.size();
        // Relative to this batch, not the newest key ever seen: keys warmed
        // from the DB may be newer than a replay that starts over, and a
        // short memory (replay) must still drop the replay's duplicates.
        if (st.ttl_ms > 0 && !fills.empty())
          st.seen.prune_before(std::min(st.newest_ms, batch_newest_ms)
                               - st.ttl_ms);
        if (fresh.empty()) return result;
        auto keys = std::vector<fill_key>{};
        keys.reserve(fresh.size());
        for (auto& f : fresh)
          keys.push_back(f.key);
        auto rp = self->make_response_promise<ingest_result>();
        self->request(st.strategy, caf::infinite, std::move(fresh))
            .then([rp, result](uint64_t) mutable { rp.deliver(result); },
                  [self, rp, keys](caf::error& err) mutable {
                    // Not processed: forget the keys so a retry gets through.
                    for (auto& k : keys)
                      self->state.seen.erase(k);
                    log_error("dedup_gate", "strategy_failed", {},
                              {{"error", self->system().render(err)},
                               {"fills", std::to_string(keys.size())}});
                    rp.deliver(std::move(err));
                  });
        return rp;
      },
      [self](strategy_actor& x) { self->state.strategy = std::move(x); },
      [self](writer_actor& x) { self->state.writer = std::move(x); },
  };
}

} // namespace hlc
