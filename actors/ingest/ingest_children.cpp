#include "actors/ingest/ingest_children.hpp"

#include "actors/ingest/hl_backfill_actor.hpp"
#include "actors/ingest/hl_stream_actor.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>

namespace hlc {

void add_live_ingest(supervisor_config& sc,
                     std::shared_ptr<ingest_context> ctx) {
  sc.add<hl_backfill_actor>(
      "hl_backfill", shutdown_phase::intake,
      [ctx](caf::local_actor* self, const child_handles& peers) {
        return self->spawn(
            hl_backfill_shell, ctx, caf::actor_cast<supervisor_actor>(self),
            peers.get<dedup_gate_actor>(), peers.get<writer_actor>(),
            peers.get<notifier_actor>());
      });
  sc.add<hl_stream_actor>(
      "hl_stream", shutdown_phase::intake,
      [ctx](caf::local_actor* self, const child_handles& peers) {
        return self->spawn(hl_stream_shell, ctx, peers.get<dedup_gate_actor>(),
                           peers.get<writer_actor>(),
                           peers.get<notifier_actor>(),
                           peers.get<hl_backfill_actor>());
      });
}

} // namespace hlc
