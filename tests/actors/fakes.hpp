#pragma once

// Stand-ins for the WRITER, GATEWAY and STRATEGY that record what they see,
// so actor tests can assert on order and content without a DB or a venue.

#include "messages/type_ids.hpp"

#include <caf/all.hpp>

#include <memory>
#include <string>
#include <vector>

namespace hlc::test {

/// Everything the fakes saw, in order ("persist:<id>", "submit:<id>", ...).
struct event_log {
  std::vector<std::string> events;
  std::vector<db_write> writes;
  std::vector<leader_fill> strategy_fills;
  /// The WRITER's inbox in order: "persist:<id>", "record:<id>:<STATE>".
  std::vector<std::string> writer_inbox;
  std::vector<leader_coin_state> strategy_rows; ///< answered to `load strategy`
  std::vector<std::vector<symbol_target>> routed; ///< seen by the fake ROUTER
  /// Market data the fake STRATEGY and ROUTER saw: "strategy:mark:BTCUSDT",
  /// "router:filters:2", ...
  std::vector<std::string> market;
  // what the fake WRITER answers to loads
  std::vector<fill_key> dedup_keys;
  std::vector<order_record> open_orders;
  uint64_t next_seq = 1;
  // what the fake GATEWAY answers
  decimal position;
  bool gateway_fails_submit = false; ///< transport error: outcome unknown
  int not_placed_answers = 0; ///< answer this many submits with not_placed
  std::vector<order_update> query_answers; ///< popped front per query
};

using log_ptr = std::shared_ptr<event_log>;

/// SUIUSDT's trading rules as the executor tests use them.
inline symbol_filters sui_filters() {
  auto d = [](const char* x) { return decimal::parse_or_throw(x); };
  symbol_filters f;
  f.symbol = "SUIUSDT";
  f.trading = true;
  f.tick_size = d("0.0001");
  f.step_size = d("0.1");
  f.min_qty = d("0.1");
  f.max_qty = d("1000000");
  f.market_step_size = d("0.1");
  f.market_min_qty = d("0.1");
  f.market_max_qty = d("1000000");
  f.min_notional = d("5");
  return f;
}

inline writer_actor::behavior_type fake_writer(writer_actor::pointer,
                                               log_ptr log) {
  return {
      [log](db_write& w) {
        for (auto& o : w.orders)
          log->writer_inbox.push_back("record:" + o.intent.client_id + ":"
                                      + std::string{to_string(o.state)});
        log->writes.push_back(std::move(w));
      },
      [log](atom::persist, order_record& r) {
        log->events.push_back("persist:" + r.intent.client_id);
        log->writer_inbox.push_back("persist:" + r.intent.client_id);
        return true;
      },
      [](atom::flush) { return true; },
      [log](atom::load, atom::dedup, int64_t) { return log->dedup_keys; },
      [log](atom::load, atom::strategy) { return log->strategy_rows; },
      [log](atom::load, atom::orders,
            std::string&) -> caf::result<std::vector<order_record>, uint64_t> {
        return {log->open_orders, log->next_seq};
      },
      [](atom::load,
         atom::paper) -> caf::result<std::vector<paper_order>,
                                     std::vector<paper_position>, uint64_t> {
        return {std::vector<paper_order>{}, std::vector<paper_position>{},
                uint64_t{1}};
      },
      [](caf::tick_atom) {},
  };
}

/// A venue that fills every order completely at 1.0, or fails the
/// transport when told to.
inline gateway_actor::behavior_type fake_gateway(gateway_actor::pointer,
                                                 log_ptr log) {
  return {
      [log](atom::submit,
            order_intent& i) -> caf::result<std::vector<order_update>> {
        log->events.push_back("submit:" + i.client_id);
        if (log->gateway_fails_submit)
          return caf::make_error(caf::sec::request_timeout);
        order_update u;
        if (log->not_placed_answers > 0) {
          --log->not_placed_answers;
          u.client_id = i.client_id;
          u.symbol = i.symbol;
          u.kind = order_event_kind::not_placed;
          u.error_code = -1008;
          return std::vector<order_update>{u};
        }
        u.client_id = i.client_id;
        u.symbol = i.symbol;
        u.kind = order_event_kind::trade;
        u.cum_qty = i.qty;
        u.avg_px = decimal::from_int(1);
        u.exchange_order_id = 9007199254740993ULL;
        return std::vector<order_update>{u};
      },
      [log](atom::query, std::string& symbol, std::string& id) {
        log->events.push_back("query:" + id);
        if (!log->query_answers.empty()) {
          auto u = log->query_answers.front();
          log->query_answers.erase(log->query_answers.begin());
          return u;
        }
        order_update u;
        u.client_id = id;
        u.symbol = symbol;
        u.kind = order_event_kind::not_found;
        u.error_code = -2013;
        return u;
      },
      [](atom::cancel, std::string&, std::string&) { return order_update{}; },
      [log](caf::get_atom, atom::position, std::string&) {
        return log->position;
      },
      [](caf::get_atom, atom::positions) {
        return std::vector<paper_position>{};
      },
      [](order_event_sink&) {},
  };
}

inline strategy_actor::behavior_type fake_strategy(strategy_actor::pointer,
                                                   log_ptr log) {
  return {
      [log](std::vector<leader_fill>& fills) {
        for (auto& f : fills)
          log->strategy_fills.push_back(f);
        return static_cast<uint64_t>(fills.size());
      },
      [](atom::restore) { return uint64_t{0}; },
      [log](std::vector<symbol_filters>& f) {
        log->market.push_back("strategy:filters:" + std::to_string(f.size()));
      },
      [log](mark_price& m) {
        log->market.push_back("strategy:mark:" + m.symbol);
      },
      [log](std::vector<coin_mid>& mids) {
        log->market.push_back("strategy:mids:" + std::to_string(mids.size()));
      },
      [](state_change&) {},
      [](router_actor&) {},
      [](writer_actor&) {},
  };
}

/// A ROUTER that records the targets it is asked to route and settles them
/// at once.
inline router_actor::behavior_type fake_router(router_actor::pointer,
                                               log_ptr log) {
  return {
      [](order_update&) {},
      [log](std::vector<symbol_target>& targets) {
        log->routed.push_back(targets);
        return static_cast<uint64_t>(targets.size());
      },
      [log](std::vector<symbol_filters>& f) {
        log->market.push_back("router:filters:" + std::to_string(f.size()));
      },
      [log](mark_price& m) {
        log->market.push_back("router:mark:" + m.symbol);
      },
      [](book_top&) {},
      [](atom::resync) {},
      [](state_change&) {},
      [](caf::get_atom, atom::report) {
        return std::vector<executor_report>{};
      },
      [](atom::settle) { return true; },
      [](atom::restart, std::string&) {},
      [](notifier_actor&) {},
      [](gateway_actor&) {},
      [](writer_actor&) {},
  };
}

} // namespace hlc::test
