#include "sim/common/control_api.hpp"

#include "sim/common/fault_plan.hpp"
#include "sim/common/json_util.hpp"
#include "sim/common/recorder.hpp"

namespace hlc::sim {

http_response json_response(int status, std::string body) {
  http_response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

http_response json_error(int status, const std::string& message) {
  return json_response(status, "{\"error\":" + json_quote(message) + "}");
}

control_api::control_api(recorder& rec, fault_plan& faults)
    : rec_(rec), faults_(faults) {
  add_route("GET", "/_sim/health", [](const http_request& r) {
    return json_response(200, "{\"status\":\"ok\",\"time_us\":"
                                  + std::to_string(r.received_us) + "}");
  });
  add_route("GET", "/_sim/requests", [this](const http_request& r) {
    return json_response(200,
                         rec_.requests_json(record_filter::parse(r.query)));
  });
  add_route("GET", "/_sim/frames", [this](const http_request& r) {
    return json_response(200, rec_.frames_json(record_filter::parse(r.query)));
  });
  add_route("GET", "/_sim/faults", [this](const http_request&) {
    return json_response(200, faults_.to_json());
  });
  add_route("POST", "/_sim/fault", [this](const http_request& r) {
    auto doc = parse_json(r.body, "body", json_input::limits::sim_request);
    size_t added = 0;
    if (doc.IsObject() && doc.HasMember("faults")) {
      if (auto seed = opt_uint(doc, "seed", "body")) faults_.reseed(*seed);
      added = faults_.add_json(doc["faults"], "faults");
    } else {
      added = faults_.add_json(doc, "fault");
    }
    return json_response(200, "{\"added\":" + std::to_string(added) + "}");
  });
  add_route("POST", "/_sim/reset", [this](const http_request&) {
    rec_.clear();
    faults_.clear();
    if (on_reset_) on_reset_();
    return json_response(200, "{\"reset\":true}");
  });
}

void control_api::add_route(const std::string& method, const std::string& path,
                            route r) {
  routes_[{method, path}] = std::move(r);
}

void control_api::on_reset(std::function<void()> f) {
  on_reset_ = std::move(f);
}

std::optional<http_response> control_api::handle(const http_request& r) {
  if (r.path.rfind("/_sim/", 0) != 0) return std::nullopt;
  auto i = routes_.find({r.method, r.path});
  if (i == routes_.end())
    return json_error(404, "unknown control route " + r.method + " " + r.path);
  try {
    return i->second(r);
  } catch (const input_error& e) {
    return json_error(400, e.what());
  } catch (const std::exception& e) {
    return json_error(400, e.what());
  }
}

http_response control_api::dispatch(const http_request& r, const route& venue) {
  if (auto resp = handle(r)) return *resp;
  rec_.record(r);
  if (auto rule = faults_.match_http(r, fault_phase::before)) {
    if (rule->action != fault_action::delay)
      return fault_plan::response_for(*rule);
    auto resp = venue(r);
    resp.delay_us += rule->delay_us;
    return resp;
  }
  auto resp = venue(r);
  if (auto rule = faults_.match_http(r, fault_phase::after)) {
    if (rule->action == fault_action::delay) {
      resp.delay_us += rule->delay_us;
      return resp;
    }
    return fault_plan::response_for(*rule);
  }
  return resp;
}

} // namespace hlc::sim
