#include "ingest/backoff.hpp"

#include <catch2/catch.hpp>

using namespace hlc::ingest;

TEST_CASE("backoff doubles, is capped, and jitters in the upper half",
          "[ingest][backoff]") {
  reconnect_backoff b{{500, 8'000}};
  CHECK(b.next_delay_ms(0.0) == 250);   // cap 500
  CHECK(b.next_delay_ms(0.999) == 999); // cap 1000
  CHECK(b.next_delay_ms(0.0) == 1'000); // cap 2000
  CHECK(b.next_delay_ms(0.5) == 3'000); // cap 4000
  CHECK(b.next_delay_ms(1.0) == 8'000); // cap 8000
  for (int i = 0; i < 100; ++i) {
    auto d = b.next_delay_ms(0.25);
    CHECK(d == 5'000); // stays capped, never overflows
  }
  b.reset();
  CHECK(b.next_delay_ms(0.0) == 250);
}

TEST_CASE("no more than 30 new connections in any minute",
          "[ingest][backoff]") {
  connection_rate_limit limit{30, 60'000};
  int64_t now = 1'000'000;
  for (int i = 0; i < 30; ++i) {
    CHECK(limit.earliest_connect_ms(now) == now);
    limit.on_connect(now);
    now += 100;
  }
  // 31st: waits until the first connect (at 1 000 000) leaves the window.
  CHECK(limit.earliest_connect_ms(now) == 1'060'000);
  limit.on_connect(1'060'000);
  CHECK(limit.earliest_connect_ms(1'060'000) == 1'060'100);
  CHECK(limit.in_window(1'060'000) == 30);
}

TEST_CASE("a reconnect storm stays inside the limit", "[ingest][backoff]") {
  // Every connection fails at once: the planner must never allow 31 in a
  // minute even with zero backoff.
  reconnect_backoff b{{0, 0}};
  connection_rate_limit limit;
  int64_t now = 0;
  std::vector<int64_t> connects;
  for (int i = 0; i < 200; ++i) {
    now = next_connect_at_ms(now, b, limit, 0.5);
    limit.on_connect(now);
    connects.push_back(now);
  }
  for (size_t i = 30; i < connects.size(); ++i)
    CHECK(connects[i] - connects[i - 30] >= 60'000);
}
