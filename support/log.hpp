#pragma once

#include "support/logging_settings.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace hlc {

/// One field of a structured log line: key and already-formatted value.
using log_field = std::pair<std::string_view, std::string>;

/// Sets up the process-wide logger (SPEC OPS-2): JSON lines (ts, level,
/// component, event, corr, fields) or a human format, to stderr or a
/// rotating file.
void init_logging(const logging_settings& cfg);

/// Writes one structured event. `corr` is the correlation id: the leader
/// fill key and/or the client order id. Never pass a secret.
void log_event(std::string_view level, std::string_view component,
               std::string_view event, std::string_view corr,
               std::initializer_list<log_field> fields = {});

inline void log_info(std::string_view component, std::string_view event,
                     std::string_view corr = {},
                     std::initializer_list<log_field> fields = {}) {
  log_event("info", component, event, corr, fields);
}

inline void log_warn(std::string_view component, std::string_view event,
                     std::string_view corr = {},
                     std::initializer_list<log_field> fields = {}) {
  log_event("warn", component, event, corr, fields);
}

inline void log_error(std::string_view component, std::string_view event,
                      std::string_view corr = {},
                      std::initializer_list<log_field> fields = {}) {
  log_event("error", component, event, corr, fields);
}

/// Escapes `text` for a JSON string body.
std::string json_escape(std::string_view text);

} // namespace hlc
