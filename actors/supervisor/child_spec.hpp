#pragma once

// Typed supervision (ADR 0024): a supervised child is declared once, with
// its typed handle, its shutdown phase and how to spawn it. Everything else
// is derived from the handle's interface at compile time: which peers'
// handles it takes (a restarted child is re-handed to them), whether it
// hears trading-state changes, and whether it can be asked to settle.

#include "messages/interfaces.hpp"
#include "messages/type_ids.hpp"

#include <caf/actor_cast.hpp>
#include <caf/local_actor.hpp>
#include <caf/send.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace hlc {

/// Every handle a supervised child can have. A new kind of child adds its
/// handle type here, beside its definition in messages/interfaces.hpp.
using child_handle
    = std::variant<caf::actor, notifier_actor, writer_actor, order_event_sink,
                   gateway_actor, paper_gateway_actor, binance_gateway_actor,
                   router_actor, strategy_actor, dedup_gate_actor,
                   market_feed_actor, hl_backfill_actor, hl_stream_actor>;

/// When a child is stopped in the ordered shutdown (MODE-5), earliest first:
/// intake stops before decisions, decisions before execution settles and
/// stops, the WRITER last so that everything the others queued is durable.
enum class shutdown_phase : uint8_t {
  intake,
  decision,
  execution,
  support,
  storage
};

constexpr uint8_t shutdown_phase_count = 5;

std::string_view to_string(shutdown_phase p) noexcept;

namespace detail {

template <class Handle, class Signature>
struct has_signature : std::false_type {};

template <class... Sigs, class Signature>
struct has_signature<caf::typed_actor<Sigs...>, Signature>
    : std::disjunction<std::is_same<Sigs, Signature>...> {};

/// True when `Handle`'s interface reacts to a message of type `Msg`.
template <class Handle, class Msg>
constexpr bool takes_v = has_signature<Handle, caf::reacts_to<Msg>>::value;

/// True when every signature of `Base` is one of `Derived`'s.
template <class Derived, class Base>
struct is_subtype : std::false_type {};

template <class Derived, class... BaseSigs>
struct is_subtype<Derived, caf::typed_actor<BaseSigs...>>
    : std::conjunction<has_signature<Derived, BaseSigs>...> {};

template <class Receiver, class Peer, class As>
void offer_as(const Receiver& receiver, const Peer& peer) {
  if constexpr (is_subtype<Peer, As>::value && takes_v<Receiver, As>)
    caf::anon_send(receiver, caf::actor_cast<As>(peer));
}

template <class Receiver, class Peer, class... As>
void offer_all(const Receiver& receiver, const Peer& peer,
               const std::variant<As...>*) {
  (offer_as<Receiver, Peer, As>(receiver, peer), ...);
}

} // namespace detail

/// The current handle of every supervised child, by type.
class child_handles {
public:
  explicit child_handles(size_t n = 0) : slots_(n) {}

  void set(size_t index, child_handle h) { slots_.at(index) = std::move(h); }
  void clear(size_t index) { slots_.at(index).reset(); }
  const std::optional<child_handle>& at(size_t index) const {
    return slots_.at(index);
  }
  size_t size() const noexcept { return slots_.size(); }

  /// The live child whose handle has type `Handle`, or an invalid handle.
  template <class Handle>
  Handle get() const {
    for (auto& s : slots_)
      if (s)
        if (auto h = std::get_if<Handle>(&*s)) return *h;
    return Handle{};
  }

private:
  std::vector<std::optional<child_handle>> slots_;
};

/// One supervised child, type-erased for the SUPERVISOR. Build it with
/// `make_child`, never by hand.
struct child_spec {
  std::string name;
  shutdown_phase phase = shutdown_phase::support;
  /// Spawns the child (the SUPERVISOR monitors it); `peers` holds the
  /// children spawned before it.
  std::function<child_handle(caf::local_actor* self,
                             const child_handles& peers)>
      spawn;
  /// Hands `peer` to `receiver` (this child) in every form its interface
  /// takes: a restarted peer reaches everyone that depends on it.
  std::function<void(const child_handle& receiver, const child_handle& peer)>
      offer;
  /// Tells the child a trading-state change, if its interface takes one.
  std::function<void(const child_handle& receiver, const state_change&)>
      publish;
  /// Asks the child to settle before it stops (in-flight orders reach a
  /// known state), if its interface has `settle`; empty otherwise.
  std::function<void(
      supervisor_actor::pointer self, const child_handle& receiver,
      std::chrono::milliseconds bound, std::function<void(bool)> done)>
      settle;
};

/// Declares a child whose handle type is `Handle`: `spawn(self, peers)`
/// returns the new `Handle`.
template <class Handle, class Spawn>
child_spec make_child(std::string name, shutdown_phase phase, Spawn spawn) {
  child_spec spec;
  spec.name = std::move(name);
  spec.phase = phase;
  spec.spawn = [spawn](caf::local_actor* self, const child_handles& peers) {
    return child_handle{Handle{spawn(self, peers)}};
  };
  spec.offer = [](const child_handle& receiver, const child_handle& peer) {
    auto* me = std::get_if<Handle>(&receiver);
    if (me == nullptr || !*me) return;
    std::visit(
        [me](const auto& p) {
          if (p)
            detail::offer_all(*me, p,
                              static_cast<const child_handle*>(nullptr));
        },
        peer);
  };
  spec.publish = [](const child_handle& receiver, const state_change& x) {
    if constexpr (detail::takes_v<Handle, state_change>)
      if (auto* me = std::get_if<Handle>(&receiver); me && *me)
        caf::anon_send(*me, x);
  };
  using settle_sig = caf::replies_to<atom::settle>::with<bool>;
  if constexpr (detail::has_signature<Handle, settle_sig>::value)
    spec.settle
        = [](supervisor_actor::pointer self, const child_handle& receiver,
             std::chrono::milliseconds bound, std::function<void(bool)> done) {
            auto* me = std::get_if<Handle>(&receiver);
            if (me == nullptr || !*me) {
              done(true);
              return;
            }
            self->request(*me, bound, atom::settle_v)
                .then([done](bool settled) { done(settled); },
                      [done](const caf::error&) { done(false); });
          };
  return spec;
}

} // namespace hlc
