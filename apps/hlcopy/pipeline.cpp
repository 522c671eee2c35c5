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

using children = std::vector<caf::actor>;

template <class Handle>
Handle child(const children& current, child_kind kind) {
  auto i = static_cast<size_t>(kind);
  return i < current.size() ? caf::actor_cast<Handle>(current[i]) : Handle{};
}

int64_t days_to_ms(int days) {
  return static_cast<int64_t>(days) * 24 * 3600 * 1000;
}

} // namespace

supervisor_config make_paper_pipeline(std::shared_ptr<pipeline_context> ctx) {
  supervisor_config sc;
  sc.policy = ctx->cfg.safety.supervision;
  sc.initial_state = ctx->startup.initial_state;
  auto sup = [](caf::local_actor* self) {
    return caf::actor_cast<supervisor_actor>(self);
  };
  sc.children.push_back(child_spec{
      "writer", [ctx, sup](caf::local_actor* self, const children&) {
        if (!ctx->writer_detached)
          return caf::actor_cast<caf::actor>(
              self->spawn(writer, ctx->cfg.storage, ctx->startup.config_hash,
                          ctx->startup.run_id, sup(self)));
        return caf::actor_cast<caf::actor>(self->spawn<caf::detached>(
            writer, ctx->cfg.storage, ctx->startup.config_hash,
            ctx->startup.run_id, sup(self)));
      }});
  sc.children.push_back(child_spec{
      "notifier", [ctx](caf::local_actor* self, const children&) {
        return caf::actor_cast<caf::actor>(self->spawn(
            notifier, ctx->cfg.notifier, ctx->clock, ctx->alert_out));
      }});
  sc.children.push_back(child_spec{
      "paper_exchange", [ctx](caf::local_actor* self, const children& c) {
        auto gw
            = self->spawn(paper_exchange, ctx->cfg.execution.paper, ctx->clock,
                          child<writer_actor>(c, child_kind::writer));
        caf::anon_send(gw, ctx->filters);
        return caf::actor_cast<caf::actor>(gw);
      }});
  sc.children.push_back(child_spec{
      "router", [ctx, sup](caf::local_actor* self, const children& c) {
        executor_options opts;
        opts.client_id_prefix = ctx->cfg.execution.client_id_prefix;
        opts.epoch = "0";        // paper ids live only in this DB's paper book
        opts.recv_window_ms = 0; // in-process venue: nothing can land late
        opts.query_margin_ms = 0;
        auto r = self->spawn(router, ctx->cfg, opts, ctx->clock,
                             child<gateway_actor>(c, child_kind::gateway),
                             child<writer_actor>(c, child_kind::writer),
                             child<notifier_actor>(c, child_kind::notifier),
                             sup(self));
        caf::anon_send(r, ctx->filters);
        return caf::actor_cast<caf::actor>(r);
      }});
  sc.children.push_back(child_spec{
      "strategy", [ctx](caf::local_actor* self, const children& c) {
        auto s = self->spawn(strategy, ctx->cfg, ctx->clock,
                             child<router_actor>(c, child_kind::router),
                             child<writer_actor>(c, child_kind::writer));
        caf::anon_send(s, ctx->filters);
        return caf::actor_cast<caf::actor>(s);
      }});
  sc.children.push_back(child_spec{
      "dedup_gate", [ctx](caf::local_actor* self, const children& c) {
        return caf::actor_cast<caf::actor>(self->spawn(
            dedup_gate, child<strategy_actor>(c, child_kind::strategy),
            child<writer_actor>(c, child_kind::writer),
            ctx->dedup_memory_ms != 0
                ? ctx->dedup_memory_ms
                : days_to_ms(ctx->cfg.storage.dedup_ttl_days)));
      }});
  sc.rewire = [](caf::local_actor*, size_t index, const children& c) {
    auto gw = child<gateway_actor>(c, child_kind::gateway);
    auto rt = child<router_actor>(c, child_kind::router);
    auto st = child<strategy_actor>(c, child_kind::strategy);
    auto dg = child<dedup_gate_actor>(c, child_kind::dedup_gate);
    switch (static_cast<child_kind>(index)) {
    case child_kind::writer: {
      auto w = child<writer_actor>(c, child_kind::writer);
      if (gw) caf::anon_send(gw, w);
      if (rt) caf::anon_send(rt, w);
      if (st) caf::anon_send(st, w);
      if (dg) caf::anon_send(dg, w);
      break;
    }
    case child_kind::gateway:
      if (rt) caf::anon_send(rt, gw);
      if (gw && rt) caf::anon_send(gw, caf::actor_cast<order_event_sink>(rt));
      break;
    case child_kind::router:
      if (st) caf::anon_send(st, rt);
      if (gw && rt) caf::anon_send(gw, caf::actor_cast<order_event_sink>(rt));
      break;
    case child_kind::strategy:
      if (dg) caf::anon_send(dg, st);
      break;
    case child_kind::notifier:
      if (rt)
        caf::anon_send(rt, child<notifier_actor>(c, child_kind::notifier));
      break;
    case child_kind::dedup_gate:
      break;
    }
  };
  sc.publish = [](caf::local_actor*, const state_change& change,
                  const children& c, bool is_change) {
    if (auto w = child<writer_actor>(c, child_kind::writer); w && is_change) {
      db_write write;
      write.state_changes.push_back(change);
      write.time_ms = change.time_ms;
      caf::anon_send(w, std::move(write));
    }
    if (auto s = child<strategy_actor>(c, child_kind::strategy))
      caf::anon_send(s, change);
    if (auto r = child<router_actor>(c, child_kind::router))
      caf::anon_send(r, change);
    if (change.state != trading_state::active && is_change)
      if (auto n = child<notifier_actor>(c, child_kind::notifier))
        caf::anon_send(
            n, alert{severity::critical,
                     "state:" + std::string{to_string(change.state)},
                     "trading state " + std::string{to_string(change.state)}
                         + " (" + std::string{to_string(change.reason)}
                         + "): " + change.detail,
                     change.time_ms});
  };
  return sc;
}

} // namespace hlc
