#include "actors/supervisor/supervisor.hpp"

#include "actors/common/log.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>

#include <chrono>

namespace hlc {

std::string_view to_string(shutdown_phase p) noexcept {
  switch (p) {
  case shutdown_phase::intake:
    return "intake";
  case shutdown_phase::decision:
    return "decision";
  case shutdown_phase::execution:
    return "execution";
  case shutdown_phase::support:
    return "support";
  case shutdown_phase::storage:
    return "storage";
  }
  return "?";
}

namespace {

using self_ptr = supervisor_actor::stateful_pointer<supervisor_state>;

int64_t actor_now_ms(self_ptr self) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             self->clock().now().time_since_epoch())
      .count();
}

/// Persists, alerts and broadcasts the trading state. `is_change` is false
/// for the initial state (already persisted) and for a restarted child.
void publish(self_ptr self, const state_change& change, bool is_change) {
  auto& st = self->state;
  if (is_change) {
    if (auto w = st.handles.get<writer_actor>()) {
      db_write write;
      write.state_changes.push_back(change);
      write.time_ms = change.time_ms;
      self->send(w, std::move(write));
    }
    if (change.state != trading_state::active)
      if (auto n = st.handles.get<notifier_actor>())
        self->send(n,
                   alert{severity::critical,
                         "state:" + std::string{to_string(change.state)},
                         "trading state " + std::string{to_string(change.state)}
                             + " (" + std::string{to_string(change.reason)}
                             + "): " + change.detail,
                         change.time_ms});
  }
  for (size_t i = 0; i < st.children.size(); ++i)
    if (auto& h = st.handles.at(i)) st.cfg.children[i].publish(*h, change);
}

void spawn_child(self_ptr self, size_t index) {
  auto& st = self->state;
  auto& spec = st.cfg.children[index];
  auto handle = spec.spawn(self, st.handles);
  auto erased = std::visit(
      [](const auto& h) { return caf::actor_cast<caf::actor>(h); }, handle);
  self->monitor(erased);
  st.children[index] = erased;
  st.handles.set(index, handle);
  log_info("supervisor", "child_started", {},
           {{"child", spec.name},
            {"generation", std::to_string(st.generations[index])}});
  // Every live peer whose interface takes this handle gets it: at first
  // spawn the earlier children, after a restart everyone.
  for (size_t i = 0; i < st.children.size(); ++i)
    if (i != index)
      if (auto& peer = st.handles.at(i))
        st.cfg.children[i].offer(*peer, handle);
  // A restarted child starts ACTIVE; tell it the real trading state.
  if (st.generations[index] > 0) spec.publish(handle, st.current);
}

void change_state(self_ptr self, state_change change) {
  auto& st = self->state;
  st.current = change;
  log_warn("supervisor", "trading_state", {},
           {{"state", std::string{to_string(change.state)}},
            {"reason", std::string{to_string(change.reason)}},
            {"detail", change.detail},
            {"actor", change.actor}});
  publish(self, change, true);
}

// -- ordered shutdown -------------------------------------------------------

void run_phase(self_ptr self);

void finish_shutdown(self_ptr self) {
  auto& sd = self->state.shutdown;
  log_info("supervisor", "shutdown_done", {},
           {{"clean", sd.clean ? "true" : "false"}});
  sd.promise.deliver(sd.clean);
}

void arm_deadline(self_ptr self) {
  auto& st = self->state;
  ++st.shutdown.step;
  self->delayed_send(self, std::chrono::milliseconds(st.cfg.shutdown_grace_ms),
                     atom::deadline_v, st.shutdown.step);
}

void next_phase(self_ptr self) {
  ++self->state.shutdown.phase;
  run_phase(self);
}

/// Asks every child of the current phase to stop and waits for its down
/// message (or the bound).
void stop_phase(self_ptr self) {
  auto& st = self->state;
  auto& sd = st.shutdown;
  sd.settling = false;
  for (size_t i = 0; i < st.children.size(); ++i) {
    if (static_cast<uint8_t>(st.cfg.children[i].phase) != sd.phase) continue;
    if (!st.children[i]) continue;
    sd.stopping.insert(st.children[i].address());
    self->send_exit(st.children[i], caf::exit_reason::user_shutdown);
  }
  if (sd.stopping.empty()) {
    next_phase(self);
    return;
  }
  arm_deadline(self);
}

/// One phase: settle what can settle (bounded), then stop the children.
void run_phase(self_ptr self) {
  auto& st = self->state;
  auto& sd = st.shutdown;
  if (sd.phase >= shutdown_phase_count) {
    finish_shutdown(self);
    return;
  }
  auto phase = static_cast<shutdown_phase>(sd.phase);
  log_info("supervisor", "shutdown_phase", {},
           {{"phase", std::string{to_string(phase)}}});
  sd.settling = true;
  sd.settle_pending = 0;
  auto step = sd.step + 1;
  for (size_t i = 0; i < st.children.size(); ++i) {
    auto& spec = st.cfg.children[i];
    auto& h = st.handles.at(i);
    if (spec.phase != phase || !spec.settle || !h) continue;
    ++sd.settle_pending;
    spec.settle(
        self, *h, std::chrono::milliseconds(st.cfg.shutdown_grace_ms),
        [self, step, name = spec.name](bool settled) {
          auto& s = self->state.shutdown;
          if (!s.settling || s.step != step) return; // late
          if (!settled) {
            s.clean = false;
            log_warn("supervisor", "shutdown_unsettled", {}, {{"child", name}});
          }
          if (--s.settle_pending == 0) stop_phase(self);
        });
  }
  if (sd.settle_pending == 0)
    stop_phase(self);
  else
    arm_deadline(self);
}

void on_deadline(self_ptr self, uint32_t step) {
  auto& st = self->state;
  auto& sd = st.shutdown;
  if (!sd.active || step != sd.step) return; // that wait already ended
  sd.clean = false;
  if (sd.settling) {
    log_warn("supervisor", "shutdown_settle_timeout", {},
             {{"grace_ms", std::to_string(st.cfg.shutdown_grace_ms)}});
    stop_phase(self);
    return;
  }
  for (size_t i = 0; i < st.children.size(); ++i)
    if (st.children[i] && sd.stopping.count(st.children[i].address()) != 0) {
      log_error("supervisor", "shutdown_kill", {},
                {{"child", st.cfg.children[i].name}});
      self->send_exit(st.children[i], caf::exit_reason::kill);
    }
  sd.stopping.clear();
  next_phase(self);
}

void on_child_down(self_ptr self, const caf::down_msg& msg) {
  auto& st = self->state;
  for (size_t i = 0; i < st.children.size(); ++i) {
    if (st.children[i].address() != msg.source) continue;
    auto& name = st.cfg.children[i].name;
    if (st.shutdown.active) {
      st.children[i] = nullptr;
      st.handles.clear(i);
      auto& sd = st.shutdown;
      log_info("supervisor", "child_stopped", {}, {{"child", name}});
      if (sd.stopping.erase(msg.source) != 0 && sd.stopping.empty()
          && !sd.settling)
        next_phase(self);
      return;
    }
    // Nobody may hand work to the dead child until it is back.
    st.children[i] = nullptr;
    st.handles.clear(i);
    auto now = actor_now_ms(self);
    auto decision = st.policies[i].on_failure(now);
    log_error(
        "supervisor", "child_down", {},
        {{"child", name},
         {"reason", self->system().render(msg.reason)},
         {"recent_restarts", std::to_string(st.policies[i].recent(now))}});
    ++st.generations[i];
    if (decision.escalate) {
      if (st.current.state != trading_state::halted)
        change_state(
            self,
            state_change{trading_state::halted,
                         state_reason::supervision_escalated,
                         name + " failed more than "
                             + std::to_string(st.cfg.policy.max_restarts)
                             + " times within "
                             + std::to_string(st.cfg.policy.window_ms) + " ms",
                         "supervisor", now});
      // Keep the service observable: restart at the longest backoff.
      decision.delay_ms = st.cfg.policy.backoff_max_ms;
    }
    self->delayed_send(self, std::chrono::milliseconds(decision.delay_ms),
                       atom::restart_v, static_cast<uint32_t>(i),
                       st.generations[i]);
    return;
  }
}

} // namespace

supervisor_actor::behavior_type
supervisor(supervisor_actor::stateful_pointer<supervisor_state> self,
           supervisor_config cfg) {
  auto& init = self->state;
  init.cfg = std::move(cfg);
  init.current = init.cfg.initial_state;
  auto n = init.cfg.children.size();
  init.children.resize(n);
  init.handles = child_handles{n};
  init.generations.assign(n, 0);
  for (size_t i = 0; i < n; ++i)
    init.policies.emplace_back(
        init.cfg.policy.max_restarts, init.cfg.policy.window_ms,
        init.cfg.policy.backoff_initial_ms, init.cfg.policy.backoff_max_ms);
  self->set_down_handler(
      [self](const caf::down_msg& msg) { on_child_down(self, msg); });
  for (size_t i = 0; i < n; ++i)
    spawn_child(self, i);
  publish(self, init.current, false);
  return {
      [self](atom::escalate, state_reason reason, std::string& detail) {
        if (self->state.current.state == trading_state::halted) return;
        change_state(self, state_change{trading_state::halted, reason,
                                        std::move(detail), "supervisor",
                                        actor_now_ms(self)});
      },
      [self](state_change& change) { change_state(self, std::move(change)); },
      [self](caf::get_atom, atom::state) { return self->state.current; },
      [self](caf::get_atom, atom::wiring)
          -> caf::result<dedup_gate_actor, strategy_actor, router_actor,
                         paper_gateway_actor, writer_actor> {
        auto& h = self->state.handles;
        if (self->state.shutdown.active)
          return caf::make_error(caf::sec::invalid_argument, "shutting down");
        return {h.get<dedup_gate_actor>(), h.get<strategy_actor>(),
                h.get<router_actor>(), h.get<paper_gateway_actor>(),
                h.get<writer_actor>()};
      },
      [self](atom::shutdown) -> caf::result<bool> {
        auto& sd = self->state.shutdown;
        if (sd.active)
          return caf::make_error(caf::sec::invalid_argument,
                                 "shutdown already running");
        sd.active = true;
        sd.promise = self->make_response_promise<bool>();
        log_info(
            "supervisor", "shutdown_begin", {},
            {{"grace_ms", std::to_string(self->state.cfg.shutdown_grace_ms)}});
        run_phase(self);
        return sd.promise;
      },
      [self](atom::deadline, uint32_t step) { on_deadline(self, step); },
      [self](atom::restart, uint32_t index, uint64_t generation) {
        auto& st = self->state;
        if (st.shutdown.active || index >= st.children.size()
            || st.generations[index] != generation)
          return; // stale timer: a newer failure rescheduled the restart
        spawn_child(self, index);
      },
  };
}

} // namespace hlc
