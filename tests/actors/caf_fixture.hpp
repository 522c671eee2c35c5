#pragma once

// Deterministic actor tests: CAF's test coordinator with Catch2 (no CAF
// test DSL; see reference/cpp_style_anchors.md §6.9).

#include "messages/type_ids.hpp"

#include <caf/all.hpp>

#include <chrono>

namespace hlc::test {

struct caf_fixture {
  caf::actor_system_config cfg;
  caf::actor_system sys;
  caf::scoped_actor self;
  caf::scheduler::test_coordinator& sched;

  static caf::actor_system_config& prepare(caf::actor_system_config& c) {
    c.set("scheduler.policy", caf::atom("testing"));
    c.set("logger.inline-output", true);
    c.add_message_types<caf::id_block::hlcopy>();
    return c;
  }

  caf_fixture()
      : sys(prepare(cfg)), self(sys, true),
        sched(
            dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler())) {
    // nop
  }

  /// Runs every job that is ready (no timers).
  void run() { sched.run(); }

  /// Moves actor time forward and runs what became due.
  void advance(std::chrono::milliseconds d) {
    sched.advance_time(d);
    sched.run();
  }
};

} // namespace hlc::test
