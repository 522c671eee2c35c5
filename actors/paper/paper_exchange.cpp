#include "actors/paper/paper_exchange.hpp"

#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

namespace hlc {

namespace {

using self_ptr = paper_gateway_actor::stateful_pointer<paper_exchange_state>;

// Persists the venue-side effect of one request on `symbol`.
void persist(self_ptr self, const std::string& client_id,
             const std::string& symbol) {
  auto& st = self->state;
  db_write w;
  w.time_ms = st.clock->now_ms();
  if (auto o = st.book.find(client_id)) w.paper_orders.push_back(*o);
  if (auto p = st.book.find_position(symbol)) w.paper_positions.push_back(*p);
  w.paper_next_id = st.book.next_id();
  self->send(st.writer, std::move(w));
}

// Answers at once, or after the configured latency.
template <class T>
caf::result<T> answer(self_ptr self, T value) {
  auto& st = self->state;
  if (st.latency_ms <= 0) return value;
  auto rp = self->make_response_promise<T>();
  auto id = ++st.last_delivery;
  st.deliveries.emplace(id, [rp, value]() mutable { rp.deliver(value); });
  self->delayed_send(self, std::chrono::milliseconds(st.latency_ms),
                     atom::answer_v, id);
  return rp;
}

} // namespace

paper_gateway_actor::behavior_type
paper_exchange(paper_gateway_actor::stateful_pointer<paper_exchange_state> self,
               paper_settings cfg, std::shared_ptr<const wall_clock> clock,
               writer_actor writer) {
  auto& init = self->state;
  init.latency_ms = cfg.latency_ms;
  init.book = paper_book{std::move(cfg)};
  init.clock = std::move(clock);
  init.writer = std::move(writer);
  self->request(init.writer, caf::infinite, atom::load_v, atom::paper_v)
      .await(
          [self](std::vector<paper_order>& orders,
                 std::vector<paper_position>& positions, uint64_t next_id) {
            auto& book = self->state.book;
            for (auto& o : orders)
              book.restore_order(o);
            for (auto& p : positions)
              book.restore_position(p);
            book.restore_next_id(next_id);
            log_info("paper_exchange", "loaded", {},
                     {{"orders", std::to_string(orders.size())},
                      {"positions", std::to_string(positions.size())}});
          },
          [self](const caf::error& err) { self->quit(err); });
  return {
      [self](atom::submit,
             order_intent& intent) -> caf::result<std::vector<order_update>> {
        auto& st = self->state;
        auto updates = st.book.submit(intent, st.clock->now_ms());
        auto kind = updates.back().kind;
        // Only an order the book took changed it; refusals left it as it was.
        if (kind != order_event_kind::rejected
            && kind != order_event_kind::not_placed
            && kind != order_event_kind::outcome_unknown)
          persist(self, intent.client_id, intent.symbol);
        return answer(self, std::move(updates));
      },
      [self](atom::query, std::string& symbol,
             std::string& client_id) -> caf::result<order_update> {
        return answer(self, self->state.book.query(symbol, client_id));
      },
      [self](atom::cancel, std::string& symbol,
             std::string& client_id) -> caf::result<order_update> {
        auto& st = self->state;
        auto result = st.book.cancel(symbol, client_id, st.clock->now_ms());
        if (result.kind == order_event_kind::canceled)
          persist(self, client_id, symbol);
        return answer(self, std::move(result));
      },
      [self](atom::answer, uint64_t id) {
        auto& st = self->state;
        auto i = st.deliveries.find(id);
        if (i == st.deliveries.end()) return;
        auto deliver = std::move(i->second);
        st.deliveries.erase(i);
        deliver();
      },
      [self](caf::get_atom, atom::position, std::string& symbol) {
        return self->state.book.position(symbol);
      },
      [self](caf::get_atom, atom::positions) {
        std::vector<paper_position> result;
        for (auto& [symbol, p] : self->state.book.positions())
          result.push_back(p);
        return result;
      },
      [self](std::vector<symbol_filters>& filters) {
        for (auto& f : filters)
          self->state.book.set_filters(f);
      },
      [self](mark_price& m) {
        auto& st = self->state;
        auto events = st.book.on_mark(m.symbol, m.mark, st.clock->now_ms());
        for (auto& u : events) {
          persist(self, u.client_id, u.symbol);
          if (st.events) self->send(st.events, u);
        }
      },
      // Where fills of resting orders go (the ROUTER).
      [self](order_event_sink& sink) { self->state.events = std::move(sink); },
      [self](writer_actor& x) { self->state.writer = std::move(x); },
  };
}

} // namespace hlc
