#pragma once

// SIM-6: the control API's record filters. `GET /_sim/requests` and
// `GET /_sim/frames` (both simulators) take `?since_seq=N` (only records
// with seq > N, so a test can poll with the last seq it saw) and `?path=P`
// (records whose path is P; `P*` matches a prefix; a frame's path is the
// path its WebSocket connection was opened on).

#include <cstdint>
#include <string>

namespace hlc::sim {

struct record_filter {
  uint64_t since_seq = 0;
  std::string path; ///< empty: any

  /// Parses a raw query string; unknown keys are ignored. Throws
  /// input_error naming `since_seq` when it is not an unsigned integer.
  static record_filter parse(const std::string& query);

  bool matches(uint64_t seq, const std::string& record_path) const;
};

/// Decodes %XX and '+' of one query-string component.
std::string url_decode(const std::string& s);

} // namespace hlc::sim
