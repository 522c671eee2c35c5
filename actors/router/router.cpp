#include "actors/router/router.hpp"

#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <chrono>

namespace hlc {

namespace {

using self_ptr = router_actor::stateful_pointer<router_state>;

executor_actor spawn_executor(self_ptr self, const std::string& symbol) {
  auto& st = self->state;
  executor_args args;
  args.symbol = symbol;
  args.options = st.options;
  if (auto f = st.filters.find(symbol); f != st.filters.end())
    args.filters = f->second;
  if (auto m = st.marks.find(symbol); m != st.marks.end())
    args.mark = m->second;
  args.state = st.state.state;
  args.clock = st.clock;
  args.gateway = st.gateway;
  args.writer = st.writer;
  args.notifier = st.notifier;
  args.supervisor = st.supervisor;
  // Linked: a ROUTER that ends takes its executors along (a restarted ROUTER
  // must never find a second executor for a symbol); an executor that ends
  // arrives as an exit message the ROUTER handles (restart), see below.
  auto exec = self->spawn<caf::linked>(symbol_executor, std::move(args));
  st.executors[symbol] = exec;
  st.by_address[exec.address()] = symbol;
  log_info("router", "executor_spawned", {}, {{"symbol", symbol}});
  return exec;
}

executor_actor executor_for(self_ptr self, const std::string& symbol) {
  auto i = self->state.executors.find(symbol);
  if (i != self->state.executors.end()) return i->second;
  return spawn_executor(self, symbol);
}

void on_exit(self_ptr self, const caf::exit_msg& msg) {
  auto& st = self->state;
  auto i = st.by_address.find(msg.source);
  if (i == st.by_address.end()) {
    // From the SUPERVISOR: stop every EXECUTOR first and quit once all are
    // down, so none of them writes after the WRITER was told to stop.
    if (!st.stopping) {
      st.stopping = true;
      st.stop_reason = msg.reason;
      // A monitor, not the link: CAF drops the link's echo when the exit
      // came from us, so only a down message says the EXECUTOR is gone.
      for (auto& [symbol, exec] : st.executors) {
        self->monitor(exec);
        self->send_exit(exec, msg.reason);
      }
    }
    if (st.executors.empty()) self->quit(st.stop_reason);
    return;
  }
  auto symbol = i->second;
  st.by_address.erase(i);
  st.executors.erase(symbol);
  if (st.stopping) {
    if (st.executors.empty()) self->quit(st.stop_reason);
    return;
  }
  if (msg.reason == caf::exit_reason::user_shutdown
      || msg.reason == caf::exit_reason::normal)
    return;
  auto& sup = st.cfg.safety.supervision;
  auto& policy = st.policies
                     .try_emplace(symbol, sup.max_restarts, sup.window_ms,
                                  sup.backoff_initial_ms, sup.backoff_max_ms)
                     .first->second;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 self->clock().now().time_since_epoch())
                 .count();
  auto decision = policy.on_failure(now);
  log_error(
      "router", "executor_down", {},
      {{"symbol", symbol}, {"reason", self->system().render(msg.reason)}});
  if (decision.escalate)
    self->send(st.supervisor, atom::escalate_v,
               state_reason::supervision_escalated,
               "executor " + symbol + " failed more than "
                   + std::to_string(sup.max_restarts) + " times");
  // Respawn after the backoff (state reloads from the DB), then hand it the
  // last target. A target arriving earlier respawns it at once.
  self->delayed_send(self, std::chrono::milliseconds(decision.delay_ms),
                     atom::restart_v, symbol);
}

} // namespace

router_actor::behavior_type
router(router_actor::stateful_pointer<router_state> self, settings cfg,
       executor_options options, std::shared_ptr<const wall_clock> clock,
       gateway_actor gateway, writer_actor writer, notifier_actor notifier,
       supervisor_actor supervisor) {
  auto& init = self->state;
  init.cfg = std::move(cfg);
  init.options = std::move(options);
  init.clock = std::move(clock);
  init.gateway = std::move(gateway);
  init.writer = std::move(writer);
  init.notifier = std::move(notifier);
  init.supervisor = std::move(supervisor);
  self->set_exit_handler(
      [self](const caf::exit_msg& msg) { on_exit(self, msg); });
  // While stopping: an EXECUTOR is gone (see on_exit).
  self->set_down_handler([self](const caf::down_msg& msg) {
    auto& st = self->state;
    auto i = st.by_address.find(msg.source);
    if (!st.stopping || i == st.by_address.end()) return;
    st.executors.erase(i->second);
    st.by_address.erase(i);
    if (st.executors.empty()) self->quit(st.stop_reason);
  });
  return {
      [self](order_update& u) {
        self->send(executor_for(self, u.symbol), std::move(u));
      },
      [self](std::vector<symbol_target>& targets) -> caf::result<uint64_t> {
        auto n = static_cast<uint64_t>(targets.size());
        if (n == 0) return uint64_t{0};
        auto rp = self->make_response_promise<uint64_t>();
        auto pending = std::make_shared<uint64_t>(n);
        for (auto& t : targets) {
          self->state.last_targets[t.symbol] = t;
          auto exec = executor_for(self, t.symbol);
          // An executor that dies mid-way still releases the barrier.
          auto done = [rp, pending, n]() mutable {
            if (--*pending == 0) rp.deliver(n);
          };
          self->request(exec, caf::infinite, std::move(t))
              .then([done](bool) mutable { done(); },
                    [done](const caf::error&) mutable { done(); });
        }
        return rp;
      },
      [self](std::vector<symbol_filters>& filters) {
        for (auto& f : filters)
          self->state.filters[f.symbol] = f;
      },
      [self](mark_price& m) {
        auto& st = self->state;
        st.marks[m.symbol] = m.mark;
        if (auto i = st.executors.find(m.symbol); i != st.executors.end())
          self->send(i->second, std::move(m));
      },
      [self](book_top& b) {
        auto& st = self->state;
        if (auto i = st.executors.find(b.symbol); i != st.executors.end())
          self->send(i->second, std::move(b));
      },
      [self](atom::resync) {
        for (auto& [symbol, exec] : self->state.executors)
          self->send(exec, atom::resync_v);
      },
      [self](state_change& x) {
        self->state.state = x;
        for (auto& [symbol, exec] : self->state.executors)
          self->send(exec, x);
      },
      [self](caf::get_atom,
             atom::report) -> caf::result<std::vector<executor_report>> {
        auto& execs = self->state.executors;
        if (execs.empty()) return std::vector<executor_report>{};
        auto rp = self->make_response_promise<std::vector<executor_report>>();
        auto acc = std::make_shared<std::vector<executor_report>>();
        auto pending = std::make_shared<size_t>(execs.size());
        for (auto& [symbol, exec] : execs) {
          auto done = [rp, acc, pending]() mutable {
            if (--*pending == 0) rp.deliver(std::move(*acc));
          };
          self->request(exec, caf::infinite, caf::get_atom_v, atom::report_v)
              .then(
                  [acc, done](executor_report& r) mutable {
                    acc->push_back(std::move(r));
                    done();
                  },
                  [done](const caf::error&) mutable { done(); });
        }
        return rp;
      },
      [self](atom::settle) -> caf::result<bool> {
        auto& execs = self->state.executors;
        if (execs.empty()) return true;
        auto rp = self->make_response_promise<bool>();
        auto all = std::make_shared<bool>(true);
        auto pending = std::make_shared<size_t>(execs.size());
        for (auto& [symbol, exec] : execs)
          self->request(exec, caf::infinite, atom::settle_v)
              .then(
                  [rp, all, pending](bool settled) mutable {
                    *all = *all && settled;
                    if (--*pending == 0) rp.deliver(*all);
                  },
                  [rp, all, pending](const caf::error&) mutable {
                    *all = false;
                    if (--*pending == 0) rp.deliver(false);
                  });
        return rp;
      },
      [self](gateway_actor& x) {
        self->state.gateway = x;
        for (auto& [symbol, exec] : self->state.executors)
          self->send(exec, x);
      },
      [self](writer_actor& x) {
        self->state.writer = x;
        for (auto& [symbol, exec] : self->state.executors)
          self->send(exec, x);
      },
      [self](notifier_actor& x) {
        self->state.notifier = x;
        for (auto& [symbol, exec] : self->state.executors)
          self->send(exec, x);
      },
      [self](atom::restart, std::string& symbol) {
        auto& st = self->state;
        if (st.executors.count(symbol) != 0)
          return; // a target already brought it back
        auto exec = spawn_executor(self, symbol);
        if (auto t = st.last_targets.find(symbol); t != st.last_targets.end())
          self->request(exec, caf::infinite, t->second)
              .then([](bool) {}, [](const caf::error&) {});
      },
  };
}

} // namespace hlc
