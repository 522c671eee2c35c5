#include "actors/ingest/hl_backfill_actor.hpp"

#include "actors/ingest/forward_fills.hpp"
#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

namespace hlc {

hl_backfill_state::~hl_backfill_state() {
  if (adapter) adapter->stop();
}

hl_backfill_actor::behavior_type
hl_backfill_shell(hl_backfill_actor::stateful_pointer<hl_backfill_state> self,
                  std::shared_ptr<ingest_context> ctx,
                  supervisor_actor supervisor, dedup_gate_actor dedup,
                  writer_actor writer, notifier_actor notifier) {
  auto& st = self->state;
  st.ctx = ctx;
  st.supervisor = std::move(supervisor);
  st.dedup = std::move(dedup);
  st.writer = std::move(writer);
  st.notifier = std::move(notifier);
  // The adapter holds only a weak handle: the actor owns the adapter, never
  // the other way round. Results enter CAF with anon_send.
  caf::weak_actor_ptr weak = self->ctrl();
  auto to_me = [weak](auto... xs) {
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<hl_backfill_actor>(strong),
                     std::move(xs)...);
  };
  hyperliquid::backfill_events ev;
  ev.fills = [to_me](std::vector<leader_fill> v) { to_me(std::move(v)); };
  ev.quarantine = [to_me](quarantine_record q) { to_me(std::move(q)); };
  ev.gap_too_large
      = [to_me](const std::string& leader, const std::string& detail) {
          to_me(atom::escalate_v, leader, detail);
        };
  st.adapter = hyperliquid::hl_backfill::create(ctx->runtime->make_strand(),
                                                ctx->tls, ctx->settings,
                                                *ctx->clock, std::move(ev));
  for (auto& [leader, t] : ctx->cursors->snapshot())
    st.adapter->set_cursor(leader, t);
  return {
      [self](atom::backfill) { self->state.adapter->run(); },
      [self](atom::poll, bool on) { self->state.adapter->set_polling(on); },
      [self](atom::processed, const std::string& leader, int64_t t) {
        self->state.ctx->cursors->advance(leader, t);
        self->state.adapter->on_processed(leader, t);
      },
      [self](atom::backfill, const std::string& leader, int64_t t) {
        self->state.ctx->cursors->rewind(leader, t);
        self->state.adapter->rewind(leader, t);
        self->state.adapter->run();
      },
      [self](std::vector<leader_fill>& fills) {
        ingest_detail::forward(
            self, self->state.dedup, std::move(fills),
            [self](const std::string& leader, int64_t t) {
              caf::anon_send(caf::actor_cast<hl_backfill_actor>(self),
                             atom::processed_v, leader, t);
            },
            [self](const std::string& leader, int64_t t) {
              caf::anon_send(caf::actor_cast<hl_backfill_actor>(self),
                             atom::backfill_v, leader, t);
            });
      },
      [self](quarantine_record& q) {
        alert a{severity::warn, "quarantine:" + q.source,
                "quarantined " + q.source + " input: " + q.reason, q.time_ms};
        if (self->state.notifier) self->send(self->state.notifier, a);
        db_write w;
        w.quarantined.push_back(std::move(q));
        if (self->state.writer) self->send(self->state.writer, std::move(w));
      },
      [self](atom::escalate, const std::string& leader,
             const std::string& detail) {
        auto text = "leader " + leader + ": " + detail;
        if (self->state.notifier)
          self->send(self->state.notifier,
                     alert{severity::critical, "GAP_TOO_LARGE:" + leader,
                           "GAP_TOO_LARGE, trading halted: " + text,
                           self->state.ctx->clock->now_ms()});
        if (self->state.supervisor)
          self->send(self->state.supervisor, atom::escalate_v,
                     state_reason::gap_too_large, text);
      },
      [self](dedup_gate_actor& x) { self->state.dedup = std::move(x); },
      [self](writer_actor& x) { self->state.writer = std::move(x); },
      [self](notifier_actor& x) { self->state.notifier = std::move(x); },
  };
}

} // namespace hlc
