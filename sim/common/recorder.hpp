#pragma once

// SIM-4: every request a simulator receives and every WebSocket frame it
// pushes is recorded here, so tests (in-process or over GET /_sim/requests
// and /_sim/frames) can assert on the exact traffic. Thread-safe.

#include "sim/common/http_types.hpp"
#include "sim/common/record_filter.hpp"

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace hlc::sim {

/// One received HTTP request (also WebSocket upgrades and client messages).
struct recorded_request {
  uint64_t seq = 0;   ///< 1-based arrival order across requests
  std::string method; ///< "GET", "POST", ..., or "WS" for a client message
  std::string path;
  std::string query;
  std::map<std::string, std::string> headers; ///< keys lower-case
  std::string body;
  int64_t received_us = 0;
  uint64_t connection = 0;
};

/// One frame the simulator pushed (after faults were applied).
struct recorded_frame {
  uint64_t seq = 0;
  uint64_t connection = 0;
  std::string path; ///< the connection's WebSocket path
  std::string text;
  int64_t sent_us = 0;
};

/// Thread-safe request and frame log.
class recorder {
public:
  void record(const http_request& r);

  /// A text message a WebSocket client sent (method "WS").
  void record_ws_in(uint64_t connection, const std::string& text,
                    int64_t received_us, const std::string& path);

  void record_frame(uint64_t connection, const std::string& text,
                    int64_t sent_us);

  std::vector<recorded_request> requests() const;
  std::vector<recorded_frame> frames() const;

  /// `{"requests":[{seq,method,path,query,headers{},body,received_us,
  /// connection}...]}`, only those `filter` keeps.
  std::string requests_json(const record_filter& filter = {}) const;

  /// `{"frames":[{seq,connection,path,text,sent_us}...]}`, only those
  /// `filter` keeps (path = the connection's WebSocket path).
  std::string frames_json(const record_filter& filter = {}) const;

  void clear();

  /// Stops keeping frames (benchmarks); requests are always kept.
  void keep_frames(bool on);

private:
  mutable std::mutex mtx_;
  std::vector<recorded_request> requests_;
  std::vector<recorded_frame> frames_;
  std::map<uint64_t, std::string> connection_path_; ///< from its requests
  uint64_t next_request_ = 1;
  uint64_t next_frame_ = 1;
  bool keep_frames_ = true;
};

} // namespace hlc::sim
