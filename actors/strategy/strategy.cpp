#include "actors/strategy/strategy.hpp"

#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <map>
#include <optional>

namespace hlc {

namespace {

using self_ptr = strategy_actor::stateful_pointer<strategy_state>;

/// Re-emits every target (restart recovery); the promise, if any, is
/// delivered once the ROUTER settled them.
void emit_restored_targets(
    self_ptr self, std::optional<caf::typed_response_promise<uint64_t>> rp) {
  auto targets = self->state.book.all_targets();
  if (targets.empty()) {
    if (rp) rp->deliver(uint64_t{0});
    return;
  }
  log_info("strategy", "targets_restored", {},
           {{"symbols", std::to_string(targets.size())}});
  self->request(self->state.router, caf::infinite, std::move(targets))
      .then(
          [rp](uint64_t n) mutable {
            if (rp) rp->deliver(n);
          },
          [self, rp](caf::error& err) mutable {
            log_error("strategy", "restore_targets_failed", {},
                      {{"error", self->system().render(err)}});
            if (rp) rp->deliver(std::move(err));
          });
}

/// Newly disabled symbols go to the skip ledger so `hlcopy status` shows
/// them with their reason (STR-1); each is recorded once.
void record_disabled(self_ptr self) {
  auto& st = self->state;
  db_write w;
  w.time_ms = st.clock->now_ms();
  for (auto& [symbol, why] : st.map.disabled()) {
    if (!st.disabled_recorded.insert(symbol).second) continue;
    log_warn("strategy", "symbol_disabled", {},
             {{"symbol", symbol}, {"reason", why}});
    w.skips.push_back(skip_record{
        skip_reason::symbol_disabled, {}, {}, symbol, {}, why, w.time_ms});
  }
  if (!w.skips.empty()) self->send(st.writer, std::move(w));
}

} // namespace

strategy_actor::behavior_type
strategy(strategy_actor::stateful_pointer<strategy_state> self, settings cfg,
         std::shared_ptr<const wall_clock> clock, router_actor router,
         writer_actor writer) {
  auto& init = self->state;
  init.cfg = std::move(cfg);
  init.map = symbol_map{init.cfg.symbols};
  init.clock = std::move(clock);
  init.router = std::move(router);
  init.writer = std::move(writer);
  // Sizing and the leverage cap need the follower's equity: without a live
  // account feed (dry-run, replay) it is the paper account's balance.
  if (init.cfg.mode != run_mode::live)
    init.book.set_follower_equity(
        init.cfg.execution.paper.starting_balance_usd);
  self->request(init.writer, caf::infinite, atom::load_v, atom::strategy_v)
      .await(
          [self](std::vector<leader_coin_state>& rows) {
            for (auto& row : rows)
              self->state.book.restore(row);
            // The targets are re-emitted on `restore`, once the driver has
            // the market (a target traded without a mark is refused).
            log_info("strategy", "state_loaded", {},
                     {{"rows", std::to_string(rows.size())}});
          },
          [self](const caf::error& err) {
            log_error("strategy", "load_failed", {},
                      {{"error", self->system().render(err)}});
            self->quit(err);
          });
  return {
      [self](std::vector<leader_fill>& fills) -> caf::result<uint64_t> {
        auto& st = self->state;
        db_write w;
        w.time_ms = st.clock->now_ms();
        std::map<std::string, symbol_target> targets; // latest per symbol
        std::map<std::string, int64_t> cursors;
        for (auto& f : fills) {
          auto corr = to_string(f.key);
          fill_decision decision;
          try {
            decision
                = st.book.on_fill(f, st.marks, st.state, st.clock->now_ms());
          } catch (const std::exception& e) {
            // Poison input (ING-8): quarantine, count, alert, continue.
            log_error("strategy", "fill_quarantined", corr,
                      {{"error", e.what()}});
            w.quarantined.push_back(quarantine_record{
                "strategy", std::string{"cannot apply fill: "} + e.what(), corr,
                w.time_ms});
            w.alerts.push_back(
                alert{severity::warn, "strategy:quarantine",
                      "leader fill " + corr + " quarantined: " + e.what(),
                      w.time_ms});
          }
          for (auto& skip : decision.skips) {
            log_info("strategy", "skip", corr,
                     {{"reason", std::string{to_string(skip.reason)}},
                      {"symbol", skip.symbol},
                      {"detail", skip.detail}});
            w.skips.push_back(std::move(skip));
          }
          if (!decision.sizing_note.empty())
            log_info("strategy", "k_fixed", corr,
                     {{"leader", f.key.leader},
                      {"coin", f.key.coin},
                      {"sizing", decision.sizing_note}});
          if (decision.state)
            w.strategy_rows.push_back(std::move(*decision.state));
          if (decision.target) {
            log_info("strategy", "target", corr,
                     {{"symbol", decision.target->symbol},
                      {"target", decision.target->target_qty.to_string()}});
            targets[decision.target->symbol] = std::move(*decision.target);
          }
          auto& c = cursors[f.key.leader];
          c = std::max(c, f.key.time_ms);
          w.processed_fills.push_back(f.key);
        }
        for (auto& [leader, t] : cursors)
          w.cursors.push_back(cursor_advance{leader, t});
        // The decision and the fills it covers become durable together, and
        // before any order for these targets (the WRITER applies in order).
        self->send(st.writer, std::move(w));
        if (targets.empty()) return uint64_t{0};
        std::vector<symbol_target> out;
        for (auto& [symbol, t] : targets)
          out.push_back(std::move(t));
        auto rp = self->make_response_promise<uint64_t>();
        self->request(st.router, caf::infinite, std::move(out))
            .then(
                [rp](uint64_t n) mutable { rp.deliver(n); },
                [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
        return rp;
      },
      [self](atom::restore) -> caf::result<uint64_t> {
        auto rp = self->make_response_promise<uint64_t>();
        emit_restored_targets(self, rp);
        return rp;
      },
      [self](std::vector<symbol_filters>& filters) {
        std::map<std::string, symbol_filters> by_symbol;
        for (auto& f : filters)
          by_symbol.emplace(f.symbol, f);
        self->state.map.verify(by_symbol);
        record_disabled(self);
      },
      [self](std::vector<coin_mid>& mids) {
        // Price sanity at start (STR-1): HL mid / multiplier vs the mark.
        std::map<std::string, decimal> by_coin;
        for (auto& m : mids)
          by_coin.emplace(m.coin, m.mid);
        std::map<std::string, decimal> marks;
        for (auto& [symbol, m] : self->state.marks)
          marks.emplace(symbol, m.mark);
        // Only coins whose symbol Binance trades are checked: the others
        // are unmapped already and need no mark.
        std::map<std::string, decimal> checked;
        for (auto& [coin, mid] : by_coin)
          if (auto m = self->state.map.resolve(coin);
              m && marks.count(m->symbol) != 0)
            checked.emplace(coin, mid);
        self->state.map.check_prices(checked, marks);
        log_info("strategy", "price_sanity", {},
                 {{"coins", std::to_string(checked.size())}});
        record_disabled(self);
      },
      [self](mark_price& m) { self->state.marks[m.symbol] = std::move(m); },
      [self](state_change& x) { self->state.state = x.state; },
      [self](router_actor& x) {
        self->state.router = std::move(x);
        // a restarted ROUTER needs every target
        emit_restored_targets(self, std::nullopt);
      },
      [self](writer_actor& x) { self->state.writer = std::move(x); },
  };
}

} // namespace hlc
