#include "apps/hlcopy/pipeline.hpp"

#include "actors/dedup/dedup_gate.hpp"
#include "actors/notifier/notifier.hpp"
#include "actors/paper/paper_exchange.hpp"
#include "actors/router/router.hpp"
#include "actors/strategy/strategy.hpp"
#include "actors/writer/writer.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>

namespace hlc {

namespace {

int64_t days_to_ms(int days) {
  return static_cast<int64_t>(days) * 24 * 3600 * 1000;
}

supervisor_actor parent(caf::local_actor* self) {
  return caf::actor_cast<supervisor_actor>(self);
}

} // namespace

void add_support_children(supervisor_config& sc,
                          std::shared_ptr<pipeline_context> ctx) {
  sc.policy = ctx->cfg.safety.supervision;
  sc.shutdown_grace_ms = ctx->cfg.safety.shutdown_grace_ms;
  sc.initial_state = ctx->startup.initial_state;
  // One declaration per child, in spawn order. A restarted child's handle
  // reaches every peer whose interface takes it (supervisor, child_spec.hpp).
  sc.add<writer_actor>(
      "writer", shutdown_phase::storage,
      [ctx](caf::local_actor* self, const child_handles&) -> writer_actor {
        auto& c = *ctx;
        if (!c.writer_detached)
          return self->spawn(writer, c.cfg.storage, c.startup.config_hash,
                             c.startup.run_id, parent(self), c.writer_commit);
        return self->spawn<caf::detached>(
            writer, c.cfg.storage, c.startup.config_hash, c.startup.run_id,
            parent(self), c.writer_commit);
      });
  sc.add<notifier_actor>("notifier", shutdown_phase::support,
                         [ctx](caf::local_actor* self, const child_handles&) {
                           return self->spawn(notifier, ctx->cfg.notifier,
                                              ctx->clock, ctx->alert_out);
                         });
}

void add_decision_children(
    supervisor_config& sc, std::shared_ptr<pipeline_context> ctx,
    executor_options opts,
    std::function<gateway_actor(const child_handles&)> venue) {
  sc.add<router_actor>(
      "router", shutdown_phase::execution,
      [ctx, opts, venue](caf::local_actor* self, const child_handles& peers) {
        auto r = self->spawn(router, ctx->cfg, opts, ctx->clock, venue(peers),
                             peers.get<writer_actor>(),
                             peers.get<notifier_actor>(), parent(self));
        caf::anon_send(r, ctx->filters);
        return r;
      });
  sc.add<strategy_actor>(
      "strategy", shutdown_phase::decision,
      [ctx](caf::local_actor* self, const child_handles& peers) {
        auto s
            = self->spawn(strategy, ctx->cfg, ctx->clock,
                          peers.get<router_actor>(), peers.get<writer_actor>());
        caf::anon_send(s, ctx->filters);
        return s;
      });
  sc.add<dedup_gate_actor>(
      "dedup_gate", shutdown_phase::intake,
      [ctx](caf::local_actor* self, const child_handles& peers) {
        return self->spawn(dedup_gate, peers.get<strategy_actor>(),
                           peers.get<writer_actor>(),
                           ctx->dedup_memory_ms != 0
                               ? ctx->dedup_memory_ms
                               : days_to_ms(ctx->cfg.storage.dedup_ttl_days));
      });
}

supervisor_config make_paper_pipeline(std::shared_ptr<pipeline_context> ctx) {
  supervisor_config sc;
  add_support_children(sc, ctx);
  sc.add<paper_gateway_actor>(
      "paper_exchange", shutdown_phase::execution,
      [ctx](caf::local_actor* self, const child_handles& peers) {
        auto gw = self->spawn(paper_exchange, ctx->cfg.execution.paper,
                              ctx->clock, peers.get<writer_actor>());
        caf::anon_send(gw, ctx->filters);
        return gw;
      });
  executor_options opts;
  opts.client_id_prefix = ctx->cfg.execution.client_id_prefix;
  opts.epoch = "0";        // paper ids live only in this DB's paper book
  opts.recv_window_ms = 0; // in-process venue: nothing can land late
  opts.query_margin_ms = 0;
  apply_pricing(opts, ctx->cfg.execution); // EXE-7
  add_decision_children(sc, ctx, opts, [](const child_handles& peers) {
    return caf::actor_cast<gateway_actor>(peers.get<paper_gateway_actor>());
  });
  return sc;
}

} // namespace hlc
