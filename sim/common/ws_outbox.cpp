#include "sim/common/ws_outbox.hpp"

#include "sim/common/fault_plan.hpp"
#include "sim/common/recorder.hpp"
#include "sim/common/server.hpp"
#include "sim/common/wall_clock.hpp"

namespace hlc::sim {

ws_outbox::ws_outbox(server& srv, recorder& rec, fault_plan& faults,
                     wall_clock& clock)
    : srv_(srv), rec_(rec), faults_(faults), clock_(clock) {
  // nop
}

void ws_outbox::send_raw(const ws_peer_ptr& peer, const std::string& frame) {
  rec_.record_frame(peer->id(), frame, clock_.now_us());
  peer->send_text(frame);
}

void ws_outbox::emit(const ws_peer_ptr& peer, conn_state& st,
                     std::string frame) {
  if (st.delaying) {
    st.behind.push_back(std::move(frame));
    return;
  }
  send_raw(peer, frame);
  if (st.held) {
    auto held = std::move(*st.held);
    st.held.reset();
    send_raw(peer, held);
  }
}

void ws_outbox::send(const ws_peer_ptr& peer, std::string frame,
                     std::string_view channel) {
  auto& st = conns_[peer->id()];
  if (st.silenced) return;
  auto rule = faults_.match_ws(channel);
  if (!rule) {
    emit(peer, st, std::move(frame));
    return;
  }
  switch (rule->action) {
  case fault_action::disconnect:
    st.silenced = true;
    peer->reset();
    return;
  case fault_action::close:
    st.silenced = true;
    peer->close();
    return;
  case fault_action::ws_stall:
    st.silenced = true;
    return;
  case fault_action::duplicate:
    emit(peer, st, frame);
    emit(peer, st, std::move(frame));
    return;
  case fault_action::reorder:
    if (st.held) // two reorders in a row: let the older one go first
      emit(peer, st, std::move(*st.held));
    st.held = std::move(frame);
    return;
  case fault_action::malformed:
    emit(peer, st, fault_plan::malform(frame, rule->malform));
    return;
  case fault_action::delay: {
    if (st.delaying) {
      st.behind.push_back(std::move(frame));
      return;
    }
    st.delaying = true;
    st.behind.push_back(std::move(frame));
    auto id = peer->id();
    srv_.schedule(rule->delay_us, [this, peer, id] {
      auto i = conns_.find(id);
      if (i == conns_.end()) return;
      auto& s = i->second;
      s.delaying = false;
      auto frames = std::move(s.behind);
      s.behind.clear();
      for (auto& f : frames)
        if (!s.silenced) emit(peer, s, std::move(f));
    });
    return;
  }
  default:
    emit(peer, st, std::move(frame));
    return;
  }
}

void ws_outbox::forget(uint64_t connection) {
  conns_.erase(connection);
}

bool ws_outbox::silenced(uint64_t connection) const {
  auto i = conns_.find(connection);
  return i != conns_.end() && i->second.silenced;
}

} // namespace hlc::sim
