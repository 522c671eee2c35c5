#include "sim/common/control_api.hpp"

#include "sim/common/fault_plan.hpp"
#include "sim/common/json_util.hpp"
#include "sim/common/recorder.hpp"

#include <catch2/catch.hpp>

using namespace hlc::sim;

namespace {

http_request req(const std::string& method, const std::string& path,
                 const std::string& body = {}) {
  http_request r;
  r.method = method;
  r.path = path;
  r.target = path;
  r.body = body;
  r.received_us = 123;
  return r;
}

struct fixture {
  recorder rec;
  fault_plan faults{7};
  control_api api{rec, faults};
  int venue_calls = 0;
  control_api::route venue = [this](const http_request&) {
    ++venue_calls;
    return json_response(200, "{\"ok\":true}");
  };
};

} // namespace

TEST_CASE("dispatch records venue requests but not control traffic",
          "[sim][control]") {
  fixture f;
  auto r = f.api.dispatch(req("POST", "/info", "{}"), f.venue);
  CHECK(r.status == 200);
  CHECK(f.venue_calls == 1);
  auto health = f.api.dispatch(req("GET", "/_sim/health"), f.venue);
  CHECK(health.status == 200);
  CHECK(health.body == R"({"status":"ok","time_us":123})");
  auto reqs = f.api.dispatch(req("GET", "/_sim/requests"), f.venue);
  auto doc = parse_json(reqs.body, "requests");
  REQUIRE(doc["requests"].Size() == 1);
  CHECK(std::string(doc["requests"][0]["path"].GetString()) == "/info");
  CHECK(f.api.dispatch(req("GET", "/_sim/frames"), f.venue).body
        == R"({"frames":[]})");
}

TEST_CASE("POST /_sim/fault adds rules that shape later answers",
          "[sim][control]") {
  fixture f;
  auto added = f.api.dispatch(
      req("POST", "/_sim/fault",
          R"({"path":"/info","nth":2,"action":"status","status":429,"headers":{"Retry-After":"1"},"body":"rate limited"})"),
      f.venue);
  CHECK(added.body == R"({"added":1})");
  CHECK(f.api.dispatch(req("POST", "/info"), f.venue).status == 200);
  auto limited = f.api.dispatch(req("POST", "/info"), f.venue);
  CHECK(limited.status == 429);
  CHECK(limited.body == "rate limited");
  CHECK(f.venue_calls == 1); // a "before" fault skips the venue
  CHECK(f.api.dispatch(req("POST", "/info"), f.venue).status == 200);
  auto faults = parse_json(
      f.api.dispatch(req("GET", "/_sim/faults"), f.venue).body, "faults");
  CHECK(faults["seed"].GetUint64() == 7);
  CHECK(faults["fired"].Size() == 1);
}

TEST_CASE("an after-phase fault lets the venue act, then replaces the answer",
          "[sim][control]") {
  fixture f;
  f.api.dispatch(
      req("POST", "/_sim/fault",
          R"({"seed":9,"faults":[{"path":"/fapi/v1/order","phase":"after","action":"status","status":503,"body":"Unknown error"},{"path":"/x","phase":"after","action":"reset"}]})"),
      f.venue);
  auto r = f.api.dispatch(req("POST", "/fapi/v1/order"), f.venue);
  CHECK(r.status == 503);
  CHECK(r.body == "Unknown error");
  CHECK(f.venue_calls == 1);
  auto reset = f.api.dispatch(req("POST", "/x"), f.venue);
  CHECK(reset.reset);
  CHECK(f.venue_calls == 2);
}

TEST_CASE("a delay fault answers normally with a delay", "[sim][control]") {
  fixture f;
  f.api.dispatch(req("POST", "/_sim/fault",
                     R"({"path":"*","action":"delay","delay_ms":250})"),
                 f.venue);
  auto r = f.api.dispatch(req("POST", "/info"), f.venue);
  CHECK(r.status == 200);
  CHECK(r.delay_us == 250'000);
}

TEST_CASE("POST /_sim/reset clears recordings, faults and calls the hook",
          "[sim][control]") {
  fixture f;
  bool hooked = false;
  f.api.on_reset([&] { hooked = true; });
  f.api.dispatch(req("POST", "/_sim/fault", R"({"action":"reset"})"), f.venue);
  f.api.dispatch(req("POST", "/info"), f.venue);
  CHECK(f.rec.requests().size() == 1);
  CHECK(f.api.dispatch(req("POST", "/_sim/reset"), f.venue).status == 200);
  CHECK(hooked);
  CHECK(f.rec.requests().empty());
  CHECK(f.faults.size() == 0);
  CHECK_FALSE(f.api.dispatch(req("POST", "/info"), f.venue).reset);
}

TEST_CASE("control errors answer 400 or 404 naming the problem",
          "[sim][control]") {
  fixture f;
  auto bad
      = f.api.dispatch(req("POST", "/_sim/fault", R"({"action":1})"), f.venue);
  CHECK(bad.status == 400);
  CHECK_THAT(bad.body, Catch::Contains("fault.action"));
  auto junk = f.api.dispatch(req("POST", "/_sim/fault", "{"), f.venue);
  CHECK(junk.status == 400);
  auto unknown = f.api.dispatch(req("GET", "/_sim/nothing"), f.venue);
  CHECK(unknown.status == 404);
  CHECK_THAT(unknown.body, Catch::Contains("/_sim/nothing"));
  f.api.add_route("POST", "/_sim/custom", [](const http_request& r) {
    return json_response(201, r.body);
  });
  CHECK(f.api.dispatch(req("POST", "/_sim/custom", "x"), f.venue).status
        == 201);
}
