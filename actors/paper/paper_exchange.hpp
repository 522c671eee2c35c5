#pragma once

#include "actors/common/clock.hpp"
#include "actors/paper/paper_book.hpp"
#include "messages/interfaces.hpp"

#include <memory>

namespace hlc {

struct paper_exchange_state {
  explicit paper_exchange_state(paper_gateway_actor::pointer)
      : book(paper_settings{}) {
    // nop
  }
  paper_book book;
  writer_actor writer;
  std::shared_ptr<const wall_clock> clock;
  static inline const char* name = "paper_exchange";
};

/// The dry-run GATEWAY (SPEC EXE-11): the paper exchange behind the same
/// interface as the live Binance gateway. No network writes exist on this
/// path by construction. Every change is persisted through the WRITER, so a
/// restarted dry run continues where it stopped.
paper_gateway_actor::behavior_type
paper_exchange(paper_gateway_actor::stateful_pointer<paper_exchange_state> self,
               paper_settings cfg, std::shared_ptr<const wall_clock> clock,
               writer_actor writer);

} // namespace hlc
