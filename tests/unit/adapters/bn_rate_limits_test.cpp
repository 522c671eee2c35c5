#include "adapters/binance/rate_limits.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc::binance;

namespace {

constexpr int64_t minute = 60'000;
constexpr int64_t t0 = 1'700'000'000'000; // 20 s into a UTC minute

std::map<std::string, std::string>
headers(std::initializer_list<std::pair<const std::string, std::string>> h) {
  return h;
}

} // namespace

TEST_CASE("rateLimits are read from exchangeInfo", "[bn][rate_limits]") {
  auto info = parse_exchange_info(
      hlc::test::read_fixture("binance/http_futures_market_exchange_info.json"));
  REQUIRE(info.rate_limits.size() == 3);
  CHECK(info.rate_limits[0].type == "REQUEST_WEIGHT");
  CHECK(info.rate_limits[0].interval_ms == minute);
  CHECK(info.rate_limits[0].limit == 6000); // this 2022 recording's value
  CHECK(info.rate_limits[1].type == "ORDERS");
  CHECK(info.rate_limits[1].interval_ms == minute);
  CHECK(info.rate_limits[2].interval_ms == 10'000);
  CHECK(info.rate_limits[2].limit == 300);
}

TEST_CASE("a bad rateLimits entry is reported by path and left out",
          "[bn][rate_limits]") {
  auto info = parse_exchange_info(
      R"({"rateLimits":[{"rateLimitType":"ORDERS","interval":"FORTNIGHT",)"
      R"("intervalNum":1,"limit":5},{"rateLimitType":"ORDERS",)"
      R"("interval":"SECOND","intervalNum":10,"limit":300}],"symbols":[]})");
  REQUIRE(info.errors.size() == 1);
  CHECK(info.errors[0].field == "rateLimits[0].interval");
  REQUIRE(info.rate_limits.size() == 1);
  CHECK(info.rate_limits[0].interval_ms == 10'000);
}

TEST_CASE("usage headers are named from the interval", "[bn][rate_limits]") {
  CHECK(usage_header({"REQUEST_WEIGHT", minute, 2400})
        == "x-mbx-used-weight-1m");
  CHECK(usage_header({"ORDERS", 10'000, 300}) == "x-mbx-order-count-10s");
  CHECK(usage_header({"ORDERS", 86'400'000, 1}) == "x-mbx-order-count-1d");
}

TEST_CASE("orders stop short of the limit, closes may use the reserve",
          "[bn][rate_limits]") {
  request_budget budget{{{"ORDERS", 10'000, 100}}, 10};
  for (int i = 0; i < 90; ++i) {
    REQUIRE(budget.admit({0, 1}, t0).allowed);
    budget.spend({0, 1}, t0);
  }
  auto refused = budget.admit({0, 1}, t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.wait_ms == 10'000); // t0 starts a 10 s window
  CHECK(refused.reason == "ORDERS 90/100 per 10000 ms");
  CHECK(budget.admit({0, 1}, t0, true).allowed); // reduce-only
  for (int i = 0; i < 10; ++i)
    budget.spend({0, 1}, t0);
  CHECK_FALSE(budget.admit({0, 1}, t0, true).allowed);
  // The next window starts empty.
  CHECK(budget.admit({0, 1}, t0 + 10'000).allowed);
}

TEST_CASE("weight is counted per UTC minute and corrected by the header",
          "[bn][rate_limits]") {
  request_budget budget; // documented: 2400 per minute, 10 % reserve
  budget.spend({5, 0}, t0);
  CHECK(budget.used("REQUEST_WEIGHT", minute, t0) == 5);
  // Another client of the same IP used most of the minute.
  budget.observe(200, headers({{"X-MBX-USED-WEIGHT-1M", "2150"}}), "", t0);
  CHECK(budget.used("REQUEST_WEIGHT", minute, t0) == 2150);
  auto a = budget.admit({20, 0}, t0);
  CHECK_FALSE(a.allowed);
  CHECK(a.wait_ms == 40'000); // the rest of the UTC minute
  // A lower header value (a request of ours still in flight) never lowers
  // our count.
  budget.observe(200, headers({{"x-mbx-used-weight-1m", "10"}}), "", t0);
  CHECK(budget.used("REQUEST_WEIGHT", minute, t0) == 2150);
  CHECK(budget.admit({20, 0}, t0 + 40'000).allowed);
}

TEST_CASE("429 honours Retry-After, else waits for the next minute",
          "[bn][rate_limits]") {
  request_budget a;
  a.observe(429, headers({{"Retry-After", "7"}}), "", t0);
  CHECK(a.admit({1, 0}, t0 + 6'999).reason == "rate limited (429)");
  CHECK(a.admit({1, 0}, t0 + 7'000).allowed);

  request_budget b;
  b.observe(429, {}, "Too many requests", t0);
  auto refused = b.admit({1, 0}, t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.wait_ms == 40'000);
  CHECK_FALSE(b.banned(t0));
}

TEST_CASE("418 bans until the time in the message, Retry-After, or 2 min",
          "[bn][rate_limits]") {
  request_budget a;
  a.observe(418, {},
            "Way too many requests; IP banned until 1700000100000. Please "
            "use the websocket for live updates to avoid bans.",
            t0);
  CHECK(a.banned(t0));
  CHECK(a.banned_until_ms() == 1'700'000'100'000);
  CHECK(a.admit({0, 1}, t0, true).reason == "IP banned (418)");
  CHECK_FALSE(a.banned(1'700'000'100'000));

  request_budget b;
  b.observe(418, headers({{"retry-after", "300"}}), "", t0);
  CHECK(b.banned_until_ms() == t0 + 300'000);

  request_budget c;
  c.observe(418, {}, "", t0);
  CHECK(c.banned_until_ms() == t0 + 2 * minute);
}

TEST_CASE("a venue that sends no ORDERS limit keeps the documented ones",
          "[bn][rate_limits]") {
  request_budget budget{{{"REQUEST_WEIGHT", minute, 1200}}, 0};
  CHECK(budget.used("ORDERS", 10'000, t0) == 0);
  for (int i = 0; i < 300; ++i)
    budget.spend({0, 1}, t0);
  CHECK_FALSE(budget.admit({0, 1}, t0).allowed);
}
