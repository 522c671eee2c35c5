#include "sim/common/fault_plan.hpp"

#include "sim/common/json_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc::sim;

namespace {

http_request req(const std::string& path, const std::string& body = {}) {
  http_request r;
  r.method = "POST";
  r.path = path;
  r.body = body;
  return r;
}

fault_rule rule_from(const std::string& json) {
  auto doc = parse_json(json, "rule");
  return parse_fault(doc, "rule");
}

/// Which of `n` requests to /info fire a fault.
std::vector<int> firing(fault_plan& plan, int n) {
  std::vector<int> out;
  for (int i = 1; i <= n; ++i)
    if (plan.match_http(req("/info"), fault_phase::before)) out.push_back(i);
  return out;
}

} // namespace

TEST_CASE("fault rule count conditions: nth, every, after_n, times",
          "[sim][faults]") {
  SECTION("nth") {
    fault_plan p;
    p.add(rule_from(R"({"path":"/info","nth":3,"action":"reset"})"));
    CHECK(firing(p, 6) == std::vector<int>{3});
  }
  SECTION("every") {
    fault_plan p;
    p.add(rule_from(R"({"path":"/info","every":2,"action":"reset"})"));
    CHECK(firing(p, 6) == std::vector<int>{2, 4, 6});
  }
  SECTION("after_n with times") {
    fault_plan p;
    p.add(rule_from(
        R"({"path":"/info","after_n":2,"times":2,"action":"reset"})"));
    CHECK(firing(p, 6) == std::vector<int>{3, 4});
  }
  SECTION("no condition fires on every match") {
    fault_plan p;
    p.add(rule_from(R"({"path":"*","action":"stall"})"));
    CHECK(firing(p, 3) == std::vector<int>{1, 2, 3});
  }
}

TEST_CASE("fault targets match path, prefix and body substring",
          "[sim][faults]") {
  fault_plan p;
  p.add(rule_from(
      R"({"path":"/info","body_contains":"userFillsByTime","action":"reset"})"));
  p.add(rule_from(R"({"path":"/fapi/*","action":"stall"})"));
  CHECK_FALSE(p.match_http(req("/info", R"({"type":"userFills"})"),
                           fault_phase::before));
  auto a = p.match_http(req("/info", R"({"type":"userFillsByTime"})"),
                        fault_phase::before);
  REQUIRE(a);
  CHECK(a->action == fault_action::reset);
  auto b = p.match_http(req("/fapi/v1/order"), fault_phase::before);
  REQUIRE(b);
  CHECK(b->action == fault_action::stall);
  CHECK_FALSE(p.match_http(req("/fapi/v1/order"), fault_phase::after));
  CHECK_FALSE(p.match_http(req("/api/v3/order"), fault_phase::before));
}

TEST_CASE("probability faults are reproducible for a seed", "[sim][faults]") {
  auto run = [](uint64_t seed) {
    fault_plan p{seed};
    p.add(rule_from(R"({"path":"*","probability":0.3,"action":"reset"})"));
    return firing(p, 200);
  };
  auto a = run(42);
  auto b = run(42);
  auto c = run(43);
  CHECK(a == b);
  CHECK(a != c);
  // Roughly 30 %: the generator is really consulted.
  CHECK(a.size() > 30);
  CHECK(a.size() < 90);
  // reseed restarts the sequence and the counters.
  fault_plan p{42};
  p.add(rule_from(R"({"path":"*","probability":0.3,"action":"reset"})"));
  firing(p, 17);
  p.reseed(42);
  CHECK(firing(p, 200) == a);
}

TEST_CASE("ws faults match by channel and report what fired", "[sim][faults]") {
  fault_plan p;
  p.add(rule_from(
      R"({"name":"drop","on":"ws","channel":"userFills","after_n":2,"action":"disconnect"})"));
  CHECK_FALSE(p.match_ws("userFills"));
  CHECK_FALSE(p.match_ws("pong"));
  CHECK_FALSE(p.match_ws("userFills"));
  auto r = p.match_ws("userFills");
  REQUIRE(r);
  CHECK(r->action == fault_action::disconnect);
  auto fired = p.fired();
  REQUIRE(fired.size() == 1);
  CHECK(fired[0].name == "drop");
  CHECK(fired[0].target == "userFills");
  CHECK(fired[0].match == 3);
}

TEST_CASE("the first firing rule wins but every matching rule counts",
          "[sim][faults]") {
  fault_plan p;
  p.add(rule_from(R"({"path":"*","nth":1,"action":"reset"})"));
  p.add(rule_from(R"({"path":"*","nth":2,"action":"stall"})"));
  auto a = p.match_http(req("/x"), fault_phase::before);
  auto b = p.match_http(req("/x"), fault_phase::before);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->action == fault_action::reset);
  CHECK(b->action == fault_action::stall);
}

TEST_CASE("status faults become the configured response", "[sim][faults]") {
  auto r = rule_from(
      R"({"path":"*","action":"status","status":503,"body":"Unknown error","content_type":"text/plain","headers":{"Retry-After":"2"}})");
  auto resp = fault_plan::response_for(r);
  CHECK(resp.status == 503);
  CHECK(resp.body == "Unknown error");
  CHECK(resp.content_type == "text/plain");
  REQUIRE(resp.headers.size() == 1);
  CHECK(resp.headers[0].first == "Retry-After");
  CHECK(fault_plan::response_for(rule_from(R"({"action":"reset"})")).reset);
  CHECK(fault_plan::response_for(rule_from(R"({"action":"stall"})")).stall);
}

TEST_CASE("malformed frames are truncated or garbled into invalid JSON",
          "[sim][faults]") {
  std::string frame = R"({"channel":"pong"})";
  auto t = fault_plan::malform(frame, "truncate");
  CHECK(t == frame.substr(0, frame.size() / 2));
  auto g = fault_plan::malform(frame, "garble");
  CHECK(g.size() == frame.size());
  CHECK(g != frame);
  CHECK_THROWS_AS(parse_json(t, "t"), input_error);
  CHECK_THROWS_AS(parse_json(g, "g"), input_error);
}

TEST_CASE("bad fault rules are rejected naming the field", "[sim][faults]") {
  CHECK_THROWS_WITH(rule_from(R"({"action":"explode"})"),
                    Catch::Contains("rule.action: unknown action"));
  CHECK_THROWS_WITH(rule_from(R"({"on":"ws","action":"status"})"),
                    Catch::Contains("does not apply"));
  CHECK_THROWS_WITH(rule_from(R"({"action":"status","status":99})"),
                    Catch::Contains("rule.status"));
  CHECK_THROWS_WITH(rule_from(R"({"action":"reset","nth":"x"})"),
                    Catch::Contains("rule.nth"));
  CHECK_THROWS_WITH(rule_from(R"({"action":"delay"})"),
                    Catch::Contains("rule.delay_us"));
  CHECK_THROWS_WITH(rule_from(R"({"action":"reset","probability":2})"),
                    Catch::Contains("rule.probability"));
  fault_plan p;
  auto doc = parse_json(R"([{"action":"reset"},{"action":"nope"}])", "x");
  CHECK_THROWS_WITH(p.add_json(doc, "faults"),
                    Catch::Contains("faults[1].action"));
  CHECK(p.size() == 0); // all or nothing
}

TEST_CASE("fault rules round-trip through JSON", "[sim][faults]") {
  auto r = rule_from(
      R"({"name":"n","on":"ws","channel":"user","every":3,"times":2,"action":"malformed","malform":"garble"})");
  auto again = rule_from(to_json(r));
  CHECK(again.name == "n");
  CHECK(again.on == fault_on::ws);
  CHECK(again.channel == "user");
  CHECK(again.every == 3);
  CHECK(again.times == 2);
  CHECK(again.action == fault_action::malformed);
  CHECK(again.malform == "garble");
}
