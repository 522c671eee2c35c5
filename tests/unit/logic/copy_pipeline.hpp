#pragma once

// The strategy's target book wired to one executor_core per symbol and a tiny
// in-test venue that fills every order at once, at the mark: what the actors
// do, without CAF, for end-to-end logic tests.

#include "actors/executor/executor_core.hpp"
#include "actors/strategy/target_book.hpp"

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hlc::test {

struct copy_pipeline {
  settings cfg;
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  mark_table marks;
  std::map<std::string, symbol_filters> filters;
  std::map<std::string, executor_core> executors;
  std::vector<skip_record> skips; ///< every skip, strategy and executors
  int64_t now = 1'000'000;
  /// Called for each order as the venue fills it: |position| before/after.
  std::function<void(const order_intent&, decimal before, decimal after)>
      on_order;

  explicit copy_pipeline(settings s) : cfg(std::move(s)) {}

  void add_symbol(const symbol_filters& f, decimal mark) {
    filters[f.symbol] = f;
    marks[f.symbol] = mark_price{f.symbol, mark, now};
    auto& core = executors
                     .emplace(f.symbol,
                              executor_core{f.symbol,
                                            executor_options{"t", "0", 0, 0}})
                     .first->second;
    core.set_filters(f);
    core.set_mark(mark);
  }

  executor_core& executor(const std::string& symbol) {
    return executors.at(symbol);
  }

  /// One leader fill through the book; a moved target goes to its executor,
  /// whose orders the venue fills until the executor rests.
  fill_decision apply(const leader_fill& f,
                      trading_state state = trading_state::active) {
    auto decision = book.on_fill(f, marks, state, now);
    skips.insert(skips.end(), decision.skips.begin(), decision.skips.end());
    if (decision.target) {
      auto& core = executor(decision.target->symbol);
      run(core, core.on_target(*decision.target, now));
    }
    return decision;
  }

  void run(executor_core& core, std::vector<executor_action> actions) {
    while (!actions.empty()) {
      std::vector<executor_action> next;
      for (auto& a : actions) {
        if (auto s = std::get_if<skip_action>(&a)) skips.push_back(s->skip);
        auto p = std::get_if<place_order_action>(&a);
        if (!p) continue;
        auto before = core.position();
        order_update u;
        u.client_id = p->intent.client_id;
        u.symbol = p->intent.symbol;
        u.kind = order_event_kind::trade;
        u.exchange_order_id = 1;
        u.side = p->intent.side;
        u.cum_qty = p->intent.qty;
        u.avg_px = marks.at(p->intent.symbol).mark;
        auto more = core.on_update(u, now);
        if (on_order) on_order(p->intent, before, core.position());
        next.insert(next.end(), more.begin(), more.end());
      }
      actions = std::move(next);
    }
  }

  size_t count_skips(skip_reason reason) const {
    size_t n = 0;
    for (auto& s : skips)
      n += s.reason == reason ? 1 : 0;
    return n;
  }
};

} // namespace hlc::test
