#include "adapters/binance/server_clock.hpp"

#include <catch2/catch.hpp>

using hlc::binance::server_clock;

TEST_CASE("the offset is the median of round-trip midpoints",
          "[bn][server_clock]") {
  server_clock clock{5, 600'000};
  CHECK_FALSE(clock.synced());
  CHECK(clock.needs_resync(0));
  // Server 1 000 ms ahead; one sample's answer was delayed on the way back.
  clock.add_sample(100, 1'110, 120);   // midpoint 110 → +1000
  clock.add_sample(200, 1'212, 224);   // +1000
  clock.add_sample(300, 1'900, 1'300); // midpoint 800 → +1100 (outlier)
  clock.add_sample(400, 1'405, 410);   // +1000
  clock.add_sample(500, 1'499, 498);   // negative round trip: ignored
  CHECK(clock.sample_count() == 4);
  CHECK(clock.offset_ms() == 1000);
  CHECK(clock.to_server(5'000) == 6'000);
  CHECK(clock.needs_resync(500)); // fewer than 5 samples
  clock.add_sample(600, 1'601, 602);
  CHECK(clock.synced());
  CHECK_FALSE(clock.needs_resync(602));
  CHECK(clock.needs_resync(602 + 600'000)); // the period
}

TEST_CASE("a -1021 drops the offset and forces a resync",
          "[bn][server_clock]") {
  server_clock clock{3, 600'000};
  for (int64_t t : {0, 10, 20})
    clock.add_sample(t, t + 5'000, t);
  REQUIRE(clock.offset_ms() == 5'000);
  clock.invalidate();
  CHECK_FALSE(clock.synced());
  CHECK(clock.needs_resync(30));
  // The server clock drifted: new samples replace, never mix with, the old.
  clock.add_sample(40, 40 - 2'000, 40);
  CHECK(clock.sample_count() == 1);
  CHECK(clock.offset_ms() == -2'000);
}
