#include "actors/market/market_feed.hpp"

#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

namespace hlc {

market_feed_actor::behavior_type
market_feed(market_feed_actor::stateful_pointer<market_feed_state> self,
            writer_actor writer) {
  // The WRITER is a spawn argument, not only a later message: CAF 0.17
  // dereferences a null argument tuple for a function actor spawned with
  // none (UBSan: reference binding to null pointer).
  self->state.writer = std::move(writer);
  return {
      [self](std::vector<symbol_filters>& filters) {
        auto& st = self->state;
        st.filters = filters;
        if (st.strategy) self->send(st.strategy, filters);
        if (st.router) self->send(st.router, filters);
        if (st.paper) self->send(st.paper, filters);
      },
      [self](mark_price& m) {
        auto& st = self->state;
        ++st.marks;
        if (st.strategy) self->send(st.strategy, m);
        if (st.router) self->send(st.router, m);
        if (st.paper) self->send(st.paper, m);
      },
      [self](db_write& quarantined) {
        auto& st = self->state;
        st.bad_inputs += quarantined.quarantined.size();
        if (st.writer) self->send(st.writer, std::move(quarantined));
      },
      [self](strategy_actor& s) {
        self->state.strategy = s;
        if (!self->state.filters.empty()) self->send(s, self->state.filters);
      },
      [self](router_actor& r) {
        self->state.router = r;
        if (!self->state.filters.empty()) self->send(r, self->state.filters);
      },
      [self](paper_gateway_actor& p) {
        self->state.paper = p;
        if (!self->state.filters.empty()) self->send(p, self->state.filters);
      },
      [self](writer_actor& w) { self->state.writer = w; },
  };
}

} // namespace hlc
