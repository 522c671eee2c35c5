#include "actors/writer/writer.hpp"

#include "messages/type_ids.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/paper_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/processed_fill_repo.hpp"
#include "persistence/strategy_state_repo.hpp"
#include "support/crash_points.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <chrono>

namespace hlc {

namespace {

using self_ptr = writer_actor::stateful_pointer<writer_state>;

size_t rows_of(const db_write& w) {
  return w.processed_fills.size() + w.cursors.size() + w.strategy_rows.size()
         + w.skips.size() + w.quarantined.size() + w.orders.size()
         + w.order_events.size() + w.paper_orders.size()
         + w.paper_positions.size() + w.state_changes.size() + w.alerts.size()
         + 1;
}

order_state from_binance_status(const std::string& s) {
  if (s == "FILLED") return order_state::filled;
  if (s == "PARTIALLY_FILLED") return order_state::partially_filled;
  if (s == "CANCELED") return order_state::canceled;
  if (s == "EXPIRED") return order_state::expired;
  if (s == "REJECTED") return order_state::rejected;
  return order_state::submitted;
}

void fail(self_ptr self, const std::string& what) {
  auto& st = self->state;
  log_error("writer", "db_error", {}, {{"error", what}});
  if (!st.failed) {
    st.failed = true;
    self->send(st.supervisor, atom::escalate_v, state_reason::db_error, what);
  }
}

/// Applies everything queued; true when durable. Keeps the queue on failure
/// so nothing decided is lost; a later flush retries.
/// The dedup TTL (ING-6): processed fills older than storage.dedup_ttl_days
/// (by the decision clock) are deleted, at most once an hour.
void prune_dedup(self_ptr self) {
  constexpr int64_t hour_ms = 3600 * 1000;
  auto& st = self->state;
  if (st.newest_ms - st.last_prune_ms < hour_ms) return;
  st.last_prune_ms = st.newest_ms;
  auto ttl_ms = static_cast<int64_t>(st.cfg.dedup_ttl_days) * 24 * hour_ms;
  auto removed
      = processed_fill_repo{*st.db}.prune_older_than(st.newest_ms - ttl_ms);
  if (removed > 0)
    log_info("writer", "dedup_pruned", {}, {{"rows", std::to_string(removed)}});
}

bool flush(self_ptr self, const order_intent* intent = nullptr) {
  auto& st = self->state;
  if (!st.db) return false;
  if (st.pending.empty() && st.pending_intents.empty() && intent == nullptr)
    return !st.failed;
  try {
    for (auto& w : st.pending)
      st.newest_ms = std::max(st.newest_ms, w.time_ms);
    if (intent != nullptr) st.pending_intents.push_back(*intent);
    try {
      apply(*st.db, make_flush_plan(st.pending, st.pending_intents));
    } catch (...) {
      if (intent != nullptr) st.pending_intents.pop_back(); // not queued
      throw;
    }
    st.pending.clear();
    st.pending_intents.clear();
    st.pending_intent_ids.clear();
    st.pending_rows = 0;
    prune_dedup(self);
    if (st.failed) {
      st.failed = false;
      log_warn("writer", "db_recovered");
    }
    return true;
  } catch (const std::exception& e) {
    fail(self, e.what());
    return false;
  }
}

void schedule_tick(self_ptr self) {
  auto& st = self->state;
  if (st.tick_scheduled) return;
  st.tick_scheduled = true;
  self->delayed_send(self, std::chrono::milliseconds(st.cfg.writer_flush_ms),
                     caf::tick_atom_v);
}

template <class F>
auto guarded_read(self_ptr self, const char* what, F f)
    -> caf::result<decltype(f())> {
  flush(self); // read your own writes
  try {
    return f();
  } catch (const std::exception& e) {
    fail(self, std::string{what} + ": " + e.what());
    return caf::make_error(caf::sec::runtime_error, e.what());
  }
}

/// Test option (crash points armed or counted): each group is committed in
/// its own transaction and then passes the point it made durable, so every
/// group boundary is a reachable crash point (support/crash_points.hpp).
void commit_alone(self_ptr self, db_write w) {
  using crash_points::point;
  auto answer = !w.orders.empty();
  auto decision = !w.processed_fills.empty();
  auto& st = self->state;
  st.pending_rows += rows_of(w);
  st.pending.push_back(std::move(w));
  if (!flush(self)) return;
  for (auto [passed, p] : {std::pair{answer, point::answer_recorded},
                           std::pair{decision, point::decision_persisted}})
    if (passed && crash_points::pass(p)) {
      log_warn("writer", "crash_point", {},
               {{"point", std::string{crash_points::to_string(p)}}});
      crash_points::crash_now();
    }
}

/// Grouped commit (ADR 0038): the intent joins the queue and commits with
/// it. Refused, as at once, when the DB is failing or the id is queued
/// already (the primary key would refuse it at commit, with the batch).
caf::result<bool> queue_intent(self_ptr self, order_intent intent) {
  auto& st = self->state;
  if (st.failed)
    return caf::make_error(caf::sec::runtime_error,
                           "database unavailable: intent not persisted");
  if (!st.pending_intent_ids.insert(intent.client_id).second)
    return caf::make_error(caf::sec::runtime_error,
                           "intent " + intent.client_id + " queued twice");
  st.pending_intents.push_back(std::move(intent));
  st.pending_rows += 1;
  if (st.pending_rows < static_cast<size_t>(st.cfg.writer_batch)) {
    schedule_tick(self);
    return true;
  }
  if (flush(self)) return true;
  return caf::make_error(caf::sec::runtime_error,
                         "database unavailable: intent not persisted");
}

} // namespace

writer_actor::behavior_type
writer(writer_actor::stateful_pointer<writer_state> self, storage_settings cfg,
       std::string config_hash, std::string run_id, supervisor_actor supervisor,
       intent_commit commit) {
  auto& init = self->state;
  init.cfg = std::move(cfg);
  init.commit = commit;
  init.config_hash = std::move(config_hash);
  init.run_id = std::move(run_id);
  init.supervisor = std::move(supervisor);
  try {
    init.db = std::make_unique<database>(database::open(init.cfg.path));
  } catch (const std::exception& e) {
    // The handlers below never run: the actor is quitting.
    fail(self, e.what());
    self->quit(caf::make_error(caf::sec::runtime_error, e.what()));
  }
  // The last flush runs in the exit handler, while the state is alive: CAF
  // 0.17 destroys a stateful actor's state before attached functors run.
  // The SUPERVISOR stops the WRITER last, so nothing arrives after this.
  self->set_exit_handler([self](caf::exit_msg& msg) {
    if (self->state.db && !flush(self))
      log_error(
          "writer", "final_flush_failed", {},
          {{"queued_groups", std::to_string(self->state.pending.size())}});
    self->quit(msg.reason);
  });
  return {
      [self](db_write& w) {
        if (crash_points::active()) return commit_alone(self, std::move(w));
        auto& st = self->state;
        st.pending_rows += rows_of(w);
        st.pending.push_back(std::move(w));
        if (st.pending_rows >= static_cast<size_t>(st.cfg.writer_batch))
          flush(self);
        else
          schedule_tick(self);
      },
      [self](atom::persist, order_record& row) -> caf::result<bool> {
        auto& st = self->state;
        if (st.commit == intent_commit::grouped && !crash_points::active())
          return queue_intent(self, std::move(row.intent));
        // Everything queued, then the intent, in one transaction.
        if (!flush(self, &row.intent))
          return caf::make_error(caf::sec::runtime_error,
                                 "database unavailable: intent not persisted");
        return true;
      },
      [self](atom::flush) -> caf::result<bool> {
        if (flush(self)) return true;
        return caf::make_error(caf::sec::runtime_error, "flush failed");
      },
      [self](caf::tick_atom) {
        self->state.tick_scheduled = false;
        flush(self);
        if (!self->state.pending.empty()
            || !self->state.pending_intents.empty())
          schedule_tick(self);
      },
      [self](atom::load, atom::dedup, int64_t since_ms) {
        return guarded_read(self, "load dedup", [self, since_ms] {
          return processed_fill_repo{*self->state.db}.load_since(since_ms);
        });
      },
      [self](atom::load, atom::strategy) {
        return guarded_read(self, "load strategy", [self] {
          std::vector<leader_coin_state> rows;
          for (auto& r : strategy_state_repo{*self->state.db}.load_all())
            rows.push_back(leader_coin_state{r.leader, r.coin, r.symbol,
                                             r.leader_position, r.k,
                                             r.attributed_qty});
          return rows;
        });
      },
      [self](atom::load, atom::orders, std::string& symbol)
          -> caf::result<std::vector<order_record>, uint64_t> {
        flush(self);
        try {
          order_repo repo{*self->state.db};
          std::vector<order_record> open;
          for (auto& r : repo.load_non_terminal())
            if (r.intent.symbol == symbol) open.push_back(std::move(r));
          auto count = static_cast<uint64_t>(repo.count_for_symbol(symbol));
          return {std::move(open), count + 1};
        } catch (const std::exception& e) {
          fail(self, std::string{"load orders: "} + e.what());
          return caf::make_error(caf::sec::runtime_error, e.what());
        }
      },
      [self](atom::load, atom::paper)
          -> caf::result<std::vector<paper_order>, std::vector<paper_position>,
                         uint64_t> {
        flush(self);
        try {
          auto& db = *self->state.db;
          paper_repo repo{db};
          std::vector<paper_order> orders;
          for (auto& r : repo.load_orders()) {
            paper_order o;
            o.intent.client_id = r.client_id;
            o.intent.symbol = r.symbol;
            o.intent.side = r.side;
            o.intent.type = r.type;
            o.intent.tif = r.tif;
            o.intent.qty = r.qty;
            o.intent.price = r.price;
            o.intent.reduce_only = r.reduce_only;
            o.intent.created_ms = r.created_ms;
            o.exchange_order_id = r.exchange_order_id;
            o.status = from_binance_status(r.status);
            o.filled_qty = r.filled_qty;
            o.avg_px = r.avg_px;
            o.updated_ms = r.updated_ms;
            orders.push_back(std::move(o));
          }
          std::vector<paper_position> positions;
          for (auto& p : position_repo{db}.load_book("paper"))
            positions.push_back(paper_position{p.symbol, p.qty, p.avg_entry_px,
                                               p.realized_pnl});
          uint64_t next_id = 1;
          if (auto x = repo.get_meta("next_order_id"))
            next_id = std::stoull(*x);
          return {std::move(orders), std::move(positions), next_id};
        } catch (const std::exception& e) {
          fail(self, std::string{"load paper: "} + e.what());
          return caf::make_error(caf::sec::runtime_error, e.what());
        }
      },
  };
}

} // namespace hlc
