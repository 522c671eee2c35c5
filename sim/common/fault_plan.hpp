#pragma once

// SIM-3: scriptable, seedable faults shared by the simulators.
//
// A rule names a target (an HTTP path, optionally a body substring; or a
// WebSocket frame channel), a count condition and an action. Every event
// that matches a rule's target bumps that rule's match counter; the rule
// fires when ALL of its given conditions hold:
//   nth = k       only the k-th match (1-based)
//   every = k     every k-th match (k, 2k, ...)
//   after_n = k   every match after the first k
//   probability   then a draw from the plan's std::mt19937_64 (seeded with
//                 --seed) must come out below p; the generator is only drawn
//                 for rules whose count conditions passed, so the same seed
//                 and the same inputs give the same faults.
//   times = k     the rule fires at most k times (0 = no limit)
// When several rules fire on one event the first one (in insertion order)
// wins; every matching rule still counts the event.
//
// Actions. HTTP: "status" (status + body + headers, e.g. 429 with
// Retry-After, 418, 5xx, 503 "Unknown error"), "delay" (answer normally but
// later), "reset" (close the socket, no answer), "stall" (never answer).
// With phase "after" the venue handles the request first (state changes
// happen) and the fault replaces the answer: a 503 or reset that DID
// execute. WebSocket: "disconnect" (drop TCP, no close frame), "close"
// (close frame), "ws_stall" (stop sending, keep the socket), "delay"
// (hold this and later frames for delay_us), "duplicate", "reorder" (swap
// with the next frame), "malformed" (malform = "truncate" | "garble").
//
// JSON form (one rule; a scenario's "faults" array holds several):
//   {"on":"http","path":"/info","body_contains":"userFillsByTime","nth":2,
//    "action":"status","status":429,"headers":{"Retry-After":"1"},
//    "body":"..."}
//   {"on":"ws","channel":"userFills","after_n":3,"action":"disconnect"}
// Thread-safe.

#include "sim/common/http_types.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlc::sim {

enum class fault_on { http, ws };

enum class fault_phase { before, after };

enum class fault_action {
  status,
  delay,
  reset,
  stall,
  disconnect,
  close,
  ws_stall,
  duplicate,
  reorder,
  malformed,
};

std::string to_string(fault_action x);

/// One fault rule; see the file comment.
struct fault_rule {
  std::string name; ///< free text, shown in the fired log
  fault_on on = fault_on::http;
  std::string path = "*";    ///< http: exact path, "prefix*" or "*"
  std::string body_contains; ///< http: substring of body or query
  std::string channel = "*"; ///< ws: frame channel / event type, or "*"
  uint64_t nth = 0;
  uint64_t every = 0;
  uint64_t after_n = 0;
  double probability = 1.0;
  uint64_t times = 0;
  fault_action action = fault_action::status;
  fault_phase phase = fault_phase::before;
  int status = 500;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  int64_t delay_us = 0;
  std::string malform = "truncate";
};

/// A fault that fired, for assertions and the control API.
struct fired_fault {
  size_t rule_index = 0;
  std::string name;
  fault_action action = fault_action::status;
  std::string target; ///< path or channel of the event
  uint64_t match = 0; ///< the rule's match counter when it fired
};

/// Parses one rule; errors name the field (`faults[2].action: unknown ...`).
fault_rule parse_fault(const rapidjson::Value& v, const std::string& where);

/// The rule as JSON (the same form `parse_fault` reads).
std::string to_json(const fault_rule& r);

/// Seedable set of fault rules.
class fault_plan {
public:
  explicit fault_plan(uint64_t seed = 0);

  /// Restarts the generator and every rule's counters.
  void reseed(uint64_t seed);

  void add(fault_rule r);

  /// Adds one rule object or an array of them; returns how many.
  size_t add_json(const rapidjson::Value& v, const std::string& where);

  /// Removes every rule and the fired log.
  void clear();

  size_t size() const;

  /// The rule that fires for this HTTP request in this phase, if any.
  std::optional<fault_rule> match_http(const http_request& r,
                                       fault_phase phase);

  /// The rule that fires for a frame on `channel`, if any.
  std::optional<fault_rule> match_ws(std::string_view channel);

  /// Faults fired so far, in order.
  std::vector<fired_fault> fired() const;

  /// `{"seed":N,"rules":[...],"fired":[{rule,name,action,target,match}]}`.
  std::string to_json() const;

  /// The HTTP answer for a rule with an HTTP action.
  static http_response response_for(const fault_rule& r);

  /// Applies "truncate" or "garble" to a frame.
  static std::string malform(const std::string& text, const std::string& how);

private:
  struct entry {
    fault_rule rule;
    uint64_t matches = 0;
    uint64_t fired = 0;
  };

  std::optional<fault_rule> fire(const std::string& target,
                                 const std::vector<size_t>& candidates);

  mutable std::mutex mtx_;
  uint64_t seed_;
  std::mt19937_64 rng_;
  std::vector<entry> rules_;
  std::vector<fired_fault> fired_;
};

} // namespace hlc::sim
