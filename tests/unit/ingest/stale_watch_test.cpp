#include "ingest/stale_watch.hpp"

#include <catch2/catch.hpp>

using namespace hlc::ingest;

TEST_CASE("silence beyond ws_stale_ms switches to polling, a frame back",
          "[ingest][stale]") {
  stale_watch w{30'000};
  w.start(0);
  CHECK_FALSE(w.check(29'999));
  CHECK(w.mode() == feed_mode::stream);
  CHECK(w.check(30'000));
  CHECK(w.mode() == feed_mode::polling);
  CHECK_FALSE(w.check(40'000)); // already polling
  CHECK(w.on_frame(41'000));    // hands back
  CHECK(w.mode() == feed_mode::stream);
  CHECK_FALSE(w.on_frame(42'000));
  CHECK(w.fallbacks() == 1);
  CHECK(w.next_check_ms() == 72'000);
}

TEST_CASE("nothing is stale before the watch starts", "[ingest][stale]") {
  stale_watch w{30'000};
  CHECK_FALSE(w.check(100'000));
  w.start(100'000);
  CHECK_FALSE(w.check(129'999));
  CHECK(w.check(130'000)); // down or silent: either way, poll
}

TEST_CASE("pings go out well inside 60 s", "[ingest][stale]") {
  ping_schedule p{15'000};
  p.on_sent(1'000);
  CHECK_FALSE(p.due(15'999));
  CHECK(p.due(16'000));
  CHECK(p.next_ping_ms() == 16'000);
}
