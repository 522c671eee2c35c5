#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace hlc::sim::binance {

/// What an HTTP fault does to a matching request.
enum class fault_kind {
  unknown_503,     ///< 503 "Unknown error, please check your request..."
  timeout_1007,    ///< 408 -1007 "...execution status unknown."
  reset,           ///< drop the connection without an answer
  stall,           ///< never answer
  delay,           ///< answer normally after `delay_ms`
  status,          ///< answer `status` with `body` (429/418/5xx ...)
  overloaded_1008, ///< 503 -1008 "Server is currently overloaded...";
                   ///< never fires on a reduce-only order (Binance exempts
                   ///< them), the request is not executed
};

/// Parses "unknown_503", "timeout_1007", "reset", "stall", "delay",
/// "status", "overloaded_1008"; throws std::invalid_argument naming the text
/// otherwise.
fault_kind parse_fault_kind(const std::string& text);
const char* to_string(fault_kind k);

/// One scripted HTTP fault (SIM-3). For unknown_503 / timeout_1007 / reset,
/// `executed` says whether the venue processes the request first (the order
/// exists although the client saw an error or nothing) or not at all.
struct http_fault {
  std::string method; ///< "" = any
  std::string path;   ///< "" = any, else exact path
  fault_kind kind = fault_kind::unknown_503;
  bool executed = false;
  int status = 500;
  std::string body = R"({"code":-1001,"msg":"Internal error; unable to )"
                     R"(process your request. Please try again."})";
  int64_t delay_ms = 0;
  int retry_after_s = 0;    ///< adds Retry-After when > 0
  int skip = 0;             ///< matching requests let through first
  int count = 1;            ///< times it fires; -1 = forever
  double probability = 1.0; ///< drawn from the seeded generator
};

/// User-data stream faults, drawn per frame from the seeded generator.
struct stream_faults {
  double duplicate = 0; ///< send a frame twice
  double drop = 0;      ///< never send a frame
  double reorder = 0;   ///< swap a frame with the next one of its batch
  double malformed = 0; ///< send a truncated, non-JSON frame
  int disconnect_after_frames = 0; ///< reset each connection after N frames
  /// Push an ORDER_TRADE_UPDATE of execution type TRADE a second time (the
  /// same trade id), at the end of its batch (ccxt #18028).
  double duplicate_trade = 0;
  /// "Silent but alive": connections stay open and answer pings, but no
  /// event reaches them (binance-connector-js #135); events are lost.
  bool silent = false;
};

/// The armed HTTP faults with their remaining counts; deterministic for a
/// seed.
class fault_plan {
public:
  explicit fault_plan(uint64_t seed = 1) : rng_(seed) {
    // nop
  }

  void add(http_fault f) { faults_.push_back(std::move(f)); }
  void clear() { faults_.clear(); }
  void reseed(uint64_t seed) { rng_.seed(seed); }
  const std::vector<http_fault>& faults() const { return faults_; }

  /// The fault to apply to this request, if any (consumes one firing).
  /// An `overloaded_1008` fault skips reduce-only orders without firing.
  const http_fault* match(const std::string& method, const std::string& path,
                          bool reduce_only = false);

  /// A uniform draw in [0, 1) from the plan's generator.
  double draw() { return std::uniform_real_distribution<double>{}(rng_); }

private:
  std::vector<http_fault> faults_;
  std::mt19937_64 rng_;
};

} // namespace hlc::sim::binance
