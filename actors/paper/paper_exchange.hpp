#pragma once

#include "actors/paper/paper_book.hpp"
#include "messages/interfaces.hpp"
#include "support/clock.hpp"

#include <functional>
#include <map>
#include <memory>

namespace hlc {

struct paper_exchange_state {
  explicit paper_exchange_state(paper_gateway_actor::pointer)
      : book(paper_settings{}) {
    // nop
  }
  paper_book book;
  writer_actor writer;
  order_event_sink events; ///< resting orders' fills go here
  std::shared_ptr<const wall_clock> clock;
  int64_t latency_ms = 0; ///< answers are held back this long (EXE-11)
  uint64_t last_delivery = 0;
  std::map<uint64_t, std::function<void()>> deliveries; ///< held answers
  static inline const char* name = "paper_exchange";
};

/// The dry-run GATEWAY (SPEC EXE-11): the paper exchange behind the same
/// interface as the live Binance gateway. No network writes exist on this
/// path by construction. Every change is persisted through the WRITER, so a
/// restarted dry run continues where it stopped. LIMIT GTC orders rest and
/// fill when the mark crosses them; their events go to the event sink.
/// With `latency_ms` > 0 every answer is delivered that much later (the
/// actor clock: deterministic under the test coordinator).
paper_gateway_actor::behavior_type
paper_exchange(paper_gateway_actor::stateful_pointer<paper_exchange_state> self,
               paper_settings cfg, std::shared_ptr<const wall_clock> clock,
               writer_actor writer);

} // namespace hlc
