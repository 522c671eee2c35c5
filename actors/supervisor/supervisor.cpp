#include "actors/supervisor/supervisor.hpp"

#include "actors/common/log.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>

#include <chrono>

namespace hlc {

namespace {

using self_ptr = supervisor_actor::stateful_pointer<supervisor_state>;

int64_t actor_now_ms(self_ptr self) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             self->clock().now().time_since_epoch())
      .count();
}

void spawn_child(self_ptr self, size_t index) {
  auto& st = self->state;
  auto& spec = st.cfg.children[index];
  auto child = spec.spawn(self, st.children);
  self->monitor(child);
  st.children[index] = child;
  log_info("supervisor", "child_started", {},
           {{"child", spec.name},
            {"generation", std::to_string(st.generations[index])}});
  if (st.cfg.rewire) st.cfg.rewire(self, index, st.children);
  // A restarted child starts ACTIVE; tell it the real trading state.
  if (st.generations[index] > 0 && st.cfg.publish)
    st.cfg.publish(self, st.current, st.children, false);
}

void change_state(self_ptr self, state_change change) {
  auto& st = self->state;
  st.current = change;
  log_warn("supervisor", "trading_state", {},
           {{"state", std::string{to_string(change.state)}},
            {"reason", std::string{to_string(change.reason)}},
            {"detail", change.detail},
            {"actor", change.actor}});
  if (st.cfg.publish) st.cfg.publish(self, change, st.children, true);
}

void on_child_down(self_ptr self, const caf::down_msg& msg) {
  auto& st = self->state;
  for (size_t i = 0; i < st.children.size(); ++i) {
    if (st.children[i].address() != msg.source) continue;
    if (st.shutting_down) return;
    auto& name = st.cfg.children[i].name;
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
  init.generations.assign(n, 0);
  for (size_t i = 0; i < n; ++i)
    init.policies.emplace_back(
        init.cfg.policy.max_restarts, init.cfg.policy.window_ms,
        init.cfg.policy.backoff_initial_ms, init.cfg.policy.backoff_max_ms);
  self->set_down_handler(
      [self](const caf::down_msg& msg) { on_child_down(self, msg); });
  for (size_t i = 0; i < n; ++i)
    spawn_child(self, i);
  if (init.cfg.publish)
    init.cfg.publish(self, init.current, init.children, false);
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
                         gateway_actor, writer_actor> {
        auto& c = self->state.children;
        auto at = [&c](child_kind k) { return c.at(static_cast<size_t>(k)); };
        if (c.size() <= static_cast<size_t>(child_kind::dedup_gate))
          return caf::make_error(caf::sec::invalid_argument,
                                 "not every child is configured");
        return {caf::actor_cast<dedup_gate_actor>(at(child_kind::dedup_gate)),
                caf::actor_cast<strategy_actor>(at(child_kind::strategy)),
                caf::actor_cast<router_actor>(at(child_kind::router)),
                caf::actor_cast<gateway_actor>(at(child_kind::gateway)),
                caf::actor_cast<writer_actor>(at(child_kind::writer))};
      },
      [self](atom::shutdown) -> caf::result<bool> {
        auto& st = self->state;
        st.shutting_down = true;
        log_info("supervisor", "shutdown_begin");
        auto rp = self->make_response_promise<bool>();
        auto stop_children = [self, rp]() mutable {
          auto& kids = self->state.children;
          // reverse spawn order: intake first, the WRITER last
          for (auto i = kids.rbegin(); i != kids.rend(); ++i)
            if (*i) self->send_exit(*i, caf::exit_reason::user_shutdown);
          log_info("supervisor", "shutdown_done");
          rp.deliver(true);
        };
        auto writer_index = static_cast<size_t>(child_kind::writer);
        if (st.children.size() > writer_index && st.children[writer_index]) {
          auto writer
              = caf::actor_cast<writer_actor>(st.children[writer_index]);
          self->request(writer, std::chrono::seconds(30), atom::flush_v)
              .then([stop_children](bool) mutable { stop_children(); },
                    [stop_children](const caf::error&) mutable {
                      stop_children();
                    });
        } else {
          stop_children();
        }
        return rp;
      },
      [self](atom::restart, uint32_t index, uint64_t generation) {
        auto& st = self->state;
        if (st.shutting_down || index >= st.children.size()
            || st.generations[index] != generation)
          return; // stale timer: a newer failure rescheduled the restart
        spawn_child(self, index);
      },
  };
}

} // namespace hlc
