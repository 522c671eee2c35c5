#include "actors/ingest/hl_stream_actor.hpp"

#include "actors/ingest/forward_fills.hpp"
#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

namespace hlc {

hl_stream_state::~hl_stream_state() {
  if (adapter) adapter->stop();
}

hl_stream_actor::behavior_type
hl_stream_shell(hl_stream_actor::stateful_pointer<hl_stream_state> self,
                std::shared_ptr<ingest_context> ctx, dedup_gate_actor dedup,
                writer_actor writer, notifier_actor notifier,
                hl_backfill_actor backfill) {
  auto& st = self->state;
  st.ctx = ctx;
  st.dedup = std::move(dedup);
  st.writer = std::move(writer);
  st.notifier = std::move(notifier);
  st.backfill = std::move(backfill);
  caf::weak_actor_ptr weak = self->ctrl();
  auto to_me = [weak](auto... xs) {
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<hl_stream_actor>(strong),
                     std::move(xs)...);
  };
  hyperliquid::stream_events ev;
  ev.fills = [to_me](std::vector<leader_fill> v) { to_me(std::move(v)); };
  ev.quarantine = [to_me](quarantine_record q) { to_me(std::move(q)); };
  ev.subscribed = [to_me] { to_me(atom::backfill_v); };
  ev.fills_lost = [to_me] { to_me(atom::backfill_v); };
  ev.stale = [to_me] { to_me(atom::poll_v, true); };
  ev.recovered = [to_me] { to_me(atom::poll_v, false); };
  st.adapter = hyperliquid::hl_stream::create(ctx->runtime->make_strand(),
                                              ctx->tls, ctx->settings,
                                              *ctx->clock, std::move(ev));
  st.adapter->start();
  auto backfill_now = [self] {
    if (self->state.backfill)
      self->send(self->state.backfill, atom::backfill_v);
    else
      self->state.backfill_due = true;
  };
  return {
      [self](std::vector<leader_fill>& fills) {
        ingest_detail::forward(
            self, self->state.dedup, std::move(fills),
            [self](const std::string& leader, int64_t t) {
              if (self->state.backfill)
                self->send(self->state.backfill, atom::processed_v, leader, t);
            },
            [self](const std::string& leader, int64_t t) {
              if (self->state.backfill)
                self->send(self->state.backfill, atom::backfill_v, leader, t);
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
      [backfill_now](atom::backfill) { backfill_now(); },
      [self](atom::poll, bool on) {
        if (self->state.backfill)
          self->send(self->state.backfill, atom::poll_v, on);
      },
      [self](dedup_gate_actor& x) { self->state.dedup = std::move(x); },
      [self](writer_actor& x) { self->state.writer = std::move(x); },
      [self](notifier_actor& x) { self->state.notifier = std::move(x); },
      [self](hl_backfill_actor& x) {
        self->state.backfill = std::move(x);
        if (self->state.backfill_due) {
          self->state.backfill_due = false;
          self->send(self->state.backfill, atom::backfill_v);
        }
      },
  };
}

} // namespace hlc
