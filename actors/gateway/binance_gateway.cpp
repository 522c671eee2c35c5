#include "actors/gateway/binance_gateway.hpp"

#include "messages/type_ids.hpp"

#include <caf/all.hpp>

namespace hlc {

namespace {

using self_ptr = binance_gateway_actor::stateful_pointer<binance_gateway_state>;

/// Hands an answer from the network thread back to this actor.
template <class... Ts>
void reply_later(const binance_gateway_actor& me, Ts&&... xs) {
  caf::anon_send(me, std::forward<Ts>(xs)...);
}

/// A query or cancel by client id: its answer, or an error to the caller
/// when there was none (it asks again later).
caf::typed_response_promise<order_update>
lookup(self_ptr self, const binance_gateway_actor& me, const char* what,
       const std::string& symbol, const std::string& client_id) {
  auto& st = self->state;
  auto id = st.next_id++;
  auto rp = self->make_response_promise<order_update>();
  st.lookups.emplace(id, rp);
  auto done = [me, id, what](binance::read_result<order_update> r) {
    if (r.value)
      reply_later(me, atom::answer_v, id, std::move(*r.value));
    else
      reply_later(me, atom::failed_v, id, std::string{what} + ": " + r.error);
  };
  if (std::string_view{what} == "cancel")
    st.rest->cancel(symbol, client_id, done);
  else
    st.rest->query(symbol, client_id, done);
  return rp;
}

template <class Map, class... Ts>
void deliver(Map& pending, uint64_t id, Ts&&... xs) {
  auto i = pending.find(id);
  if (i == pending.end()) return;
  i->second.deliver(std::forward<Ts>(xs)...);
  pending.erase(i);
}

} // namespace

binance_gateway_actor::behavior_type
binance_gateway(self_ptr self, std::shared_ptr<binance::rest_gateway> rest) {
  self->state.rest = std::move(rest);
  auto me = binance_gateway_actor{self};
  return {
      [self, me](atom::submit, order_intent& intent)
          -> caf::result<std::vector<order_update>> {
        auto& st = self->state;
        auto id = st.next_id++;
        auto rp = self->make_response_promise<std::vector<order_update>>();
        st.submits.emplace(id, rp);
        st.rest->submit(
            std::move(intent), [me, id](std::vector<order_update> answers) {
              reply_later(me, atom::answer_v, id, std::move(answers));
            });
        return rp;
      },
      [self, me](atom::query, std::string& symbol,
                 std::string& client_id) -> caf::result<order_update> {
        return lookup(self, me, "query", symbol, client_id);
      },
      [self, me](atom::cancel, std::string& symbol,
                 std::string& client_id) -> caf::result<order_update> {
        return lookup(self, me, "cancel", symbol, client_id);
      },
      [self, me](caf::get_atom, atom::position,
                 std::string& symbol) -> caf::result<decimal> {
        auto& st = self->state;
        auto id = st.next_id++;
        auto rp = self->make_response_promise<decimal>();
        st.position_reads.emplace(id, rp);
        st.position_symbol.emplace(id, symbol);
        st.rest->positions(
            [me,
             id](binance::read_result<std::vector<binance::position_risk>> r) {
              if (!r.value)
                return reply_later(me, atom::failed_v, id,
                                   "positionRisk: " + r.error);
              std::vector<paper_position> all;
              for (auto& p : *r.value)
                all.push_back(paper_position{
                    p.symbol, p.position_amt, p.entry_price, {}});
              reply_later(me, atom::answer_v, id, std::move(all));
            });
        return rp;
      },
      [self, me](caf::get_atom,
                 atom::positions) -> caf::result<std::vector<paper_position>> {
        auto& st = self->state;
        auto id = st.next_id++;
        auto rp = self->make_response_promise<std::vector<paper_position>>();
        st.positions_reads.emplace(id, rp);
        st.rest->positions(
            [me,
             id](binance::read_result<std::vector<binance::position_risk>> r) {
              if (!r.value)
                return reply_later(me, atom::failed_v, id,
                                   "positionRisk: " + r.error);
              std::vector<paper_position> all;
              for (auto& p : *r.value)
                if (!p.position_amt.is_zero())
                  all.push_back(paper_position{
                      p.symbol, p.position_amt, p.entry_price, {}});
              reply_later(me, atom::answer_v, id, std::move(all));
            });
        return rp;
      },
      [self](order_event_sink& sink) { self->state.events = sink; },
      [self](atom::answer, uint64_t id, std::vector<order_update>& answers) {
        deliver(self->state.submits, id, std::move(answers));
      },
      [self](atom::answer, uint64_t id, order_update& answer) {
        deliver(self->state.lookups, id, std::move(answer));
      },
      [self](atom::answer, uint64_t id, std::vector<paper_position>& all) {
        auto& st = self->state;
        if (auto s = st.position_symbol.find(id);
            s != st.position_symbol.end()) {
          decimal sum;
          for (auto& p : all)
            if (p.symbol == s->second) sum = sum + p.qty;
          st.position_symbol.erase(s);
          return deliver(st.position_reads, id, sum);
        }
        deliver(st.positions_reads, id, std::move(all));
      },
      [self](atom::failed, uint64_t id, std::string& why) {
        auto& st = self->state;
        auto err = caf::make_error(caf::sec::runtime_error, why);
        st.position_symbol.erase(id);
        deliver(st.submits, id, err);
        deliver(st.lookups, id, err);
        deliver(st.position_reads, id, err);
        deliver(st.positions_reads, id, err);
      },
  };
}

} // namespace hlc
