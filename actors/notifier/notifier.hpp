#pragma once

#include "support/clock.hpp"
#include "actors/notifier/alert_gate.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

#include <functional>
#include <memory>
#include <string>

namespace hlc {

struct notifier_state {
  explicit notifier_state(notifier_actor::pointer) : gate(60000, 20) {
    // nop
  }
  alert_gate gate;
  std::shared_ptr<const wall_clock> clock;
  std::function<void(const std::string&)> out;
  static inline const char* name = "notifier";
};

/// The NOTIFIER (SPEC OPS-4): stdout for now (Telegram comes with live
/// operations). Never blocks the pipeline: senders fire and forget.
notifier_actor::behavior_type
notifier(notifier_actor::stateful_pointer<notifier_state> self,
         notifier_settings cfg, std::shared_ptr<const wall_clock> clock,
         std::function<void(const std::string&)> out);

} // namespace hlc
