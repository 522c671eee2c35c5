#include "support/circuit_breaker.hpp"

#include <catch2/catch.hpp>

using hlc::circuit_breaker;
using state = circuit_breaker::state;

TEST_CASE("the breaker opens after N consecutive failures",
          "[circuit_breaker]") {
  circuit_breaker b{3, 1'000};
  b.on_failure(0);
  b.on_failure(1);
  b.on_success(); // not consecutive
  b.on_failure(2);
  b.on_failure(3);
  CHECK(b.current(3) == state::closed);
  CHECK(b.allow(3));
  b.on_failure(4);
  CHECK(b.current(4) == state::open);
  CHECK_FALSE(b.allow(5));
  CHECK(b.retry_at_ms() == 1'004);
}

TEST_CASE("half-open lets exactly one probe through", "[circuit_breaker]") {
  circuit_breaker b{1, 1'000};
  b.on_failure(0);
  CHECK_FALSE(b.allow(999));
  CHECK(b.current(1'000) == state::half_open);
  CHECK(b.allow(1'000));       // the probe
  CHECK_FALSE(b.allow(1'001)); // nobody else while it is out
  SECTION("a failed probe opens it again for the whole period") {
    b.on_failure(1'500);
    CHECK(b.current(2'499) == state::open);
    CHECK(b.allow(2'500));
  }
  SECTION("a successful probe closes it") {
    b.on_success();
    CHECK(b.current(1'002) == state::closed);
    CHECK(b.allow(1'002));
    CHECK(b.allow(1'002));
  }
}
