#include "actors/executor/symbol_executor.hpp"

#include "messages/type_ids.hpp"
#include "support/crash_points.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

namespace hlc {

namespace {

using self_ptr = executor_actor::stateful_pointer<executor_state>;

void run(self_ptr self, std::vector<executor_action> actions);

void settle_check(self_ptr self) {
  auto& st = self->state;
  if (st.core.needs_position_sync() && !st.syncing) {
    // Restart recovery, a resync or a -2022 done: the venue's position is
    // the truth (EXE-6, EXE-8, EXE-9).
    st.syncing = true;
    self->request(st.gateway, caf::infinite, caf::get_atom_v, atom::position_v,
                  st.core.symbol())
        .then(
            [self](decimal position) {
              auto& s = self->state;
              s.syncing = false;
              log_info("executor", "position_synced", {},
                       {{"symbol", s.core.symbol()},
                        {"position", position.to_string()}});
              run(self, s.core.sync_position(position, s.clock->now_ms()));
              settle_check(self);
            },
            [self](const caf::error& err) {
              self->state.syncing = false;
              log_warn("executor", "position_sync_failed", {},
                       {{"error", self->system().render(err)}});
              self->delayed_send(self, std::chrono::seconds(1), atom::sync_v);
            });
    return;
  }
  if (!st.core.settled() || st.waiting.empty()) return;
  for (auto& rp : st.waiting)
    rp.deliver(true);
  st.waiting.clear();
}

/// Restart recovery once the DB's unresolved orders are loaded: with the
/// venue's position, or without it (then as after a resync: nothing is
/// traded until the position is read).
void recover(self_ptr self, const std::vector<order_record>& rows,
             uint64_t next_seq, trading_state state,
             std::optional<decimal> position) {
  auto& st = self->state;
  std::vector<tracked_order> open;
  for (auto& r : rows) {
    tracked_order t;
    static_cast<order_record&>(t) = r;
    open.push_back(std::move(t));
  }
  log_info("executor", "started", {},
           {{"symbol", st.core.symbol()},
            {"position", position ? position->to_string() : "unknown"},
            {"unresolved_orders", std::to_string(open.size())}});
  auto now = st.clock->now_ms();
  run(self, st.core.restore(std::move(open), position.value_or(decimal{}),
                            next_seq, now));
  if (!position) run(self, st.core.on_resync(now));
  run(self, st.core.set_state(state, now));
  settle_check(self);
}

void handle_update(self_ptr self, const order_update& u) {
  auto& st = self->state;
  db_write w;
  w.order_events.push_back(u);
  self->send(st.writer, std::move(w));
  log_info("executor", "order_event", u.client_id,
           {{"symbol", u.symbol},
            {"kind", std::string{to_string(u.kind)}},
            {"cum_qty", u.cum_qty.to_string()},
            {"code", std::to_string(u.error_code)}});
  run(self, st.core.on_update(u, st.clock->now_ms()));
}

void send_order(self_ptr self, order_intent intent) {
  auto& st = self->state;
  self->request(st.gateway, caf::infinite, atom::submit_v, intent)
      .then(
          [self](std::vector<order_update>& updates) {
            if (crash_points::pass(crash_points::point::order_sent)) {
              // Test option: the venue has the order (its side is made
              // durable first, as a real venue's is), we never record it.
              log_warn("executor", "crash_point", updates.front().client_id,
                       {{"point", "order_sent"}});
              self->request(self->state.writer, caf::infinite, atom::flush_v)
                  .then([](bool) { crash_points::crash_now(); },
                        [](const caf::error&) { crash_points::crash_now(); });
              return;
            }
            for (auto& u : updates)
              handle_update(self, u);
            settle_check(self);
          },
          [self, intent](const caf::error& err) {
            // Transport failure after the send: the venue may or may not have
            // the order. UNKNOWN, resolved by query (EXE-5).
            order_update u;
            u.client_id = intent.client_id;
            u.symbol = intent.symbol;
            u.kind = order_event_kind::outcome_unknown;
            u.error_text = self->system().render(err);
            handle_update(self, u);
            settle_check(self);
          });
}

void place(self_ptr self, order_intent intent) {
  auto& st = self->state;
  order_record row;
  row.intent = intent;
  row.state = order_state::pending;
  row.updated_ms = st.clock->now_ms();
  log_info("executor", "order_intent", intent.client_id,
           {{"symbol", intent.symbol},
            {"side", std::string{to_string(intent.side)}},
            {"qty", intent.qty.to_string()},
            {"type", std::string{to_string(intent.type)}},
            {"price", intent.price.to_string()},
            {"reduce_only", intent.reduce_only ? "true" : "false"},
            {"leader_fill", intent.correlation}});
  self->request(st.writer, caf::infinite, atom::persist_v, std::move(row))
      .then(
          [self, intent](bool) {
            if (crash_points::pass(crash_points::point::intent_committed)) {
              // Test option: die between the commit and the send.
              log_warn("executor", "crash_point", intent.client_id,
                       {{"point", "intent_committed"}});
              crash_points::crash_now();
            }
            send_order(self, intent);
          },
          [self, intent](const caf::error& err) {
            // Never send what is not durable: halt instead.
            log_error("executor", "intent_not_persisted", intent.client_id,
                      {{"error", self->system().render(err)}});
            self->send(self->state.supervisor, atom::escalate_v,
                       state_reason::db_error,
                       "order intent " + intent.client_id
                           + " not persisted: " + self->system().render(err));
          });
}

void resolve(self_ptr self, const std::string& client_id) {
  auto& st = self->state;
  self->request(st.gateway, caf::infinite, atom::query_v, st.core.symbol(),
                client_id)
      .then(
          [self](order_update& u) {
            handle_update(self, u);
            settle_check(self);
          },
          [self, client_id](const caf::error& err) {
            log_warn("executor", "query_failed", client_id,
                     {{"error", self->system().render(err)}});
            self->delayed_send(self, std::chrono::seconds(1), atom::resolve_v,
                               client_id);
          });
}

void cancel(self_ptr self, const std::string& client_id) {
  auto& st = self->state;
  log_info("executor", "order_cancel", client_id,
           {{"symbol", st.core.symbol()}, {"why", "time_in_force"}});
  self->request(st.gateway, caf::infinite, atom::cancel_v, st.core.symbol(),
                client_id)
      .then(
          [self](order_update& u) {
            handle_update(self, u);
            settle_check(self);
          },
          [self, client_id](const caf::error& err) {
            // The cancel's fate is unknown: the order works until the venue
            // says otherwise; the core queries it.
            order_update u;
            u.client_id = client_id;
            u.symbol = self->state.core.symbol();
            u.kind = order_event_kind::outcome_unknown;
            u.error_text = self->system().render(err);
            handle_update(self, u);
            settle_check(self);
          });
}

void run(self_ptr self, std::vector<executor_action> actions) {
  auto& st = self->state;
  // Records first, orders after: what led to an order (the previous order's
  // answer, skips) is queued before its intent, whose commit flushes it, so
  // durable state stays a prefix of the decisions (architecture.md §5).
  db_write w;
  for (auto& action : actions) {
    if (auto c = std::get_if<order_changed_action>(&action)) {
      w.orders.push_back(std::move(c->order));
    } else if (auto s = std::get_if<skip_action>(&action)) {
      log_info("executor", "skip", s->skip.correlation,
               {{"symbol", s->skip.symbol},
                {"reason", std::string{to_string(s->skip.reason)}},
                {"detail", s->skip.detail}});
      w.skips.push_back(std::move(s->skip));
    } else if (auto r = std::get_if<resend_order_action>(&action)) {
      auto wait = std::max<int64_t>(0, r->not_before_ms - st.clock->now_ms());
      log_warn("executor", "order_not_placed", r->client_id,
               {{"retry_in_ms", std::to_string(wait)}});
      self->delayed_send(self, std::chrono::milliseconds(wait), atom::resend_v,
                         r->client_id);
    } else if (auto a = std::get_if<alert_action>(&action)) {
      alert x;
      x.level = a->level;
      x.key = "executor:" + st.core.symbol();
      x.text = a->text;
      x.time_ms = st.clock->now_ms();
      self->send(st.notifier, x);
      w.alerts.push_back(std::move(x));
    }
  }
  if (!w.empty()) {
    w.time_ms = st.clock->now_ms();
    self->send(st.writer, std::move(w));
  }
  for (auto& action : actions) {
    if (auto p = std::get_if<place_order_action>(&action)) {
      place(self, std::move(p->intent));
    } else if (auto q = std::get_if<query_order_action>(&action)) {
      auto wait = q->not_before_ms - st.clock->now_ms();
      if (wait <= 0)
        resolve(self, q->client_id);
      else
        self->delayed_send(self, std::chrono::milliseconds(wait),
                           atom::resolve_v, q->client_id);
    } else if (auto c = std::get_if<cancel_order_action>(&action)) {
      cancel(self, c->client_id);
    } else if (auto t = std::get_if<arm_tif_action>(&action)) {
      self->delayed_send(self, std::chrono::milliseconds(t->delay_ms),
                         atom::tif_v, t->client_id);
    }
  }
}

} // namespace

executor_actor::behavior_type
symbol_executor(executor_actor::stateful_pointer<executor_state> self,
                executor_args args) {
  auto& init = self->state;
  init.core = executor_core{args.symbol, args.options};
  if (args.filters) init.core.set_filters(*args.filters);
  init.core.set_mark(args.mark);
  init.clock = args.clock;
  init.gateway = args.gateway;
  init.writer = args.writer;
  init.notifier = args.notifier;
  init.supervisor = args.supervisor;
  auto state = args.state;
  // Restart recovery: the venue position and our unresolved orders first.
  self->request(init.writer, caf::infinite, atom::load_v, atom::orders_v,
                args.symbol)
      .await(
          [self, state](std::vector<order_record>& rows, uint64_t next_seq) {
            auto& outer = self->state;
            self->request(outer.gateway, caf::infinite, caf::get_atom_v,
                          atom::position_v, outer.core.symbol())
                .await(
                    [self, rows, next_seq, state](decimal position) {
                      recover(self, rows, next_seq, state, position);
                    },
                    [self, rows, next_seq, state](const caf::error& err) {
                      // No venue position yet (rate budget, breaker, a 5xx):
                      // recover without it and trade nothing until the
                      // resync's read (retried every second) brings it.
                      log_warn("executor", "start_position_unavailable", {},
                               {{"symbol", self->state.core.symbol()},
                                {"error", self->system().render(err)}});
                      recover(self, rows, next_seq, state, std::nullopt);
                    });
          },
          [self](const caf::error& err) { self->quit(err); });
  return {
      [self](symbol_target& t) -> caf::result<bool> {
        auto& st = self->state;
        run(self, st.core.on_target(t, st.clock->now_ms()));
        if (st.core.settled()) return true;
        auto rp = self->make_response_promise<bool>();
        st.waiting.push_back(rp);
        return rp;
      },
      [self](order_update& u) {
        handle_update(self, u);
        settle_check(self);
      },
      [self](mark_price& m) {
        auto& st = self->state;
        run(self, st.core.on_mark(m.mark, st.clock->now_ms()));
        settle_check(self);
      },
      [self](book_top& b) {
        auto& st = self->state;
        run(self, st.core.on_book(b.bid, b.ask, st.clock->now_ms()));
        settle_check(self);
      },
      [self](atom::resync) {
        auto& st = self->state;
        log_info("executor", "resync", {}, {{"symbol", st.core.symbol()}});
        run(self, st.core.on_resync(st.clock->now_ms()));
        settle_check(self);
      },
      [self](atom::tif, std::string& client_id) {
        auto& st = self->state;
        run(self, st.core.on_tif(client_id, st.clock->now_ms()));
        settle_check(self);
      },
      [self](state_change& x) {
        run(self,
            self->state.core.set_state(x.state, self->state.clock->now_ms()));
        settle_check(self);
      },
      [self](atom::resolve, std::string& client_id) {
        resolve(self, client_id);
      },
      [self](atom::resend, std::string& client_id) {
        auto& orders = self->state.core.orders();
        auto i = orders.find(client_id);
        if (i == orders.end() || i->second.state != order_state::pending)
          return; // resolved meanwhile
        log_info("executor", "order_resend", client_id,
                 {{"attempt", std::to_string(i->second.not_placed + 1)}});
        send_order(self, i->second.intent);
      },
      [self](atom::sync) { settle_check(self); },
      [self](caf::get_atom, atom::report) {
        auto& core = self->state.core;
        uint32_t working = 0;
        for (auto& [id, o] : core.orders())
          working += is_terminal(o.state) ? 0 : 1;
        return executor_report{core.symbol(), core.position(),
                               core.target_qty(), working};
      },
      [self](atom::settle) -> caf::result<bool> {
        auto& st = self->state;
        if (st.core.settled()) return true;
        auto rp = self->make_response_promise<bool>();
        st.waiting.push_back(rp);
        return rp;
      },
      [self](gateway_actor& x) { self->state.gateway = std::move(x); },
      [self](writer_actor& x) { self->state.writer = std::move(x); },
      [self](notifier_actor& x) { self->state.notifier = std::move(x); },
  };
}

} // namespace hlc
