#include "ingest/weight_budget.hpp"

#include <catch2/catch.hpp>

using namespace hlc::ingest;

TEST_CASE("userFills weight is 20 plus 1 per 20 fills", "[ingest][weight]") {
  CHECK(weight_budget::fills_result_weight(0) == 0);
  CHECK(weight_budget::fills_result_weight(19) == 0);
  CHECK(weight_budget::fills_result_weight(20) == 1);
  CHECK(weight_budget::fills_result_weight(2000) == 100);
  CHECK(weight_budget::fills_result_weight(500) == 25);
}

TEST_CASE("the bucket allows 1200 per minute and refills exactly",
          "[ingest][weight]") {
  weight_budget b{1200, 0};
  // Ten full 2000-fill pages (120 each) fit in one minute, an eleventh waits.
  int64_t now = 0;
  for (int i = 0; i < 10; ++i) {
    REQUIRE(b.wait_ms(20, now) == 0);
    b.spend(20, now);
    b.charge_result(100, now);
  }
  CHECK(b.level(now) == 0);
  // 20 tokens come back after 1 s (20 per second).
  CHECK(b.wait_ms(20, now) == 1'000);
  CHECK(b.wait_ms(20, now + 999) == 1);
  CHECK(b.wait_ms(20, now + 1'000) == 0);
  CHECK(b.level(60'000) == 1200); // full again, never above capacity
  CHECK(b.level(600'000) == 1200);
}

TEST_CASE("a result charged after the fact puts the bucket in debt",
          "[ingest][weight]") {
  weight_budget b{1200, 0};
  b.spend(1190, 0);
  b.charge_result(100, 0);
  CHECK(b.level(0) == -90);
  CHECK(b.wait_ms(20, 0) == 5'500); // 110 tokens at 20/s
}

TEST_CASE("429 blocks with a doubling back-off and honours Retry-After",
          "[ingest][weight]") {
  weight_budget b{1200, 0};
  b.on_rate_limited(0, 0);
  CHECK(b.blocked_until_ms() == 1'000);
  CHECK(b.wait_ms(20, 500) >= 500);
  b.on_rate_limited(1'000, 0);
  CHECK(b.blocked_until_ms() == 3'000);
  b.on_rate_limited(3'000, 10'000); // Retry-After longer than the back-off
  CHECK(b.blocked_until_ms() == 13'000);
  CHECK(b.rate_limited_count() == 3);
  b.on_success();
  b.on_rate_limited(20'000, 0);
  CHECK(b.blocked_until_ms() == 21'000);
  CHECK(b.wait_ms(20, 21'000) == 0); // refilled meanwhile
}
