#include "actors/notifier/notifier.hpp"

#include "actors/common/log.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>

namespace hlc {

notifier_actor::behavior_type
notifier(notifier_actor::stateful_pointer<notifier_state> self,
         notifier_settings cfg, std::shared_ptr<const wall_clock> clock,
         std::function<void(const std::string&)> out) {
  auto& init = self->state;
  init.gate = alert_gate{cfg.dedup_window_ms, cfg.rate_per_minute};
  init.clock = std::move(clock);
  init.out = std::move(out);
  auto stdout_enabled = cfg.stdout_enabled;
  auto min_level = cfg.min_severity == "critical" ? severity::critical
                   : cfg.min_severity == "warn"   ? severity::warn
                                                  : severity::info;
  return {
      [self, stdout_enabled, min_level](alert& a) {
        auto& st = self->state;
        // A critical alert is an error line, so log filters and greps see it.
        static constexpr const char* log_level[] = {"info", "warn", "error"};
        log_event(
            log_level[static_cast<size_t>(a.level)], "notifier", "alert", a.key,
            {{"severity", std::string{to_string(a.level)}}, {"text", a.text}});
        if (a.level < min_level || !st.gate.admit(a, st.clock->now_ms())
            || !stdout_enabled || !st.out)
          return;
        st.out("ALERT [" + std::string{to_string(a.level)} + "] " + a.text);
      },
  };
}

} // namespace hlc
