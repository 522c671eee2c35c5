#pragma once

// The simulators' front door for HTTP: `dispatch` records the request
// (SIM-4), serves the shared `/_sim/` control routes and any the venue added,
// applies HTTP fault rules (SIM-3), and otherwise calls the venue.
//
// Shared routes (venues add their own with `add_route`):
//   GET  /_sim/health    {"status":"ok","time_us":N}
//   GET  /_sim/requests  recorded requests (see recorder::requests_json);
//                        ?since_seq=N&path=P filter (record_filter.hpp)
//   GET  /_sim/frames    recorded pushed WS frames (same filters)
//   GET  /_sim/faults    fault rules, seed and fired log
//   POST /_sim/fault     add rule(s): one rule object, an array, or
//                        {"seed":N?,"faults":[...]}; answers {"added":n}
//   POST /_sim/reset     clear recordings and fault rules, then the venue's
//                        reset hook (if any); answers {"reset":true}
// `/_sim/` traffic itself is not recorded and never faulted. Unknown
// `/_sim/` routes answer 404 {"error":"unknown control route ..."}. Bad
// input answers 400 {"error":"<field>: <problem>"}.
// Call `dispatch` on the server's io thread (it is the on_http handler).

#include "sim/common/http_types.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace hlc::sim {

class fault_plan;
class recorder;

/// A JSON answer.
http_response json_response(int status, std::string body);

/// `{"error":"<message>"}` with the given status.
http_response json_error(int status, const std::string& message);

/// Shared `/_sim/` routes plus recording and HTTP faults.
class control_api {
public:
  using route = std::function<http_response(const http_request&)>;

  control_api(recorder& rec, fault_plan& faults);

  /// Adds (or replaces) a route, e.g. ("POST", "/_sim/trade", fn). Handlers
  /// may throw input_error; it becomes a 400 answer.
  void add_route(const std::string& method, const std::string& path, route r);

  /// Called by POST /_sim/reset after the shared state was cleared.
  void on_reset(std::function<void()> f);

  /// Answers a `/_sim/` request; nullopt for any other path.
  std::optional<http_response> handle(const http_request& r);

  /// Records, routes, faults, or calls `venue`.
  http_response dispatch(const http_request& r, const route& venue);

private:
  recorder& rec_;
  fault_plan& faults_;
  std::map<std::pair<std::string, std::string>, route> routes_;
  std::function<void()> on_reset_;
};

} // namespace hlc::sim
