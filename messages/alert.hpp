#pragma once

#include <cstdint>
#include <string>

namespace hlc {

/// Severity of an operator notification (SPEC OPS-4).
enum class severity : uint8_t { info, warn, critical };

std::string_view to_string(severity x) noexcept;

/// Something an operator must hear about. `key` groups repeats for the
/// notifier's dedup window.
struct alert {
  hlc::severity level = severity::info;
  std::string key;
  std::string text;
  int64_t time_ms = 0;
};

/// A frame or fill that failed to parse or validate (SPEC ING-8).
struct quarantine_record {
  std::string source; ///< "replay", "ws", "rest"
  std::string reason; ///< names the field or frame
  std::string raw;
  int64_t time_ms = 0;
};

} // namespace hlc
