// Live ingest scenarios (issue 7): hl_stream + hl_backfill against hl-sim on
// loopback, with compressed time. Each asserts exact counts.

#include "live_harness.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace live_test;
using namespace std::chrono_literals;
using hlc::fill_source;
using hlc::sim::fault_action;
using hlc::sim::fault_on;
using hlc::sim::fault_rule;

namespace {

fault_rule ws_fault(const std::string& channel, fault_action a) {
  fault_rule r;
  r.on = fault_on::ws;
  r.channel = channel;
  r.action = a;
  return r;
}

/// Puts `n` fills into the leader's history, `per_ms` of them per
/// millisecond, the oldest at `from_ms`.
void add_history(harness& h, int n, int64_t from_ms, int per_ms) {
  h.sim.with_venue([&](hlc::sim::hl::hl_venue& v) {
    for (int i = 0; i < n; ++i)
      v.add_history(h.trade(i % 2 ? "SUI" : "BTC", i % 3 ? 'B' : 'A'),
                    from_ms + i / per_ms);
  });
}

} // namespace

TEST_CASE("a disconnect in the middle of a 1000-fill burst loses and "
          "doubles nothing",
          "[scenario][live_ingest]") {
  harness h;
  h.settings.ws_stale_ms = 5'000; // this scenario is about the reconnect
  h.start_stream();
  REQUIRE(h.wait([&] { return h.subscribed == 1; }));
  auto rule = ws_fault("userFills", fault_action::disconnect);
  rule.nth = 400;
  h.sim.faults().add(rule);
  for (int i = 0; i < 1000; ++i)
    h.sim.push_trade(h.trade(i % 2 ? "SUI" : "BTC", i % 3 ? 'B' : 'A'));
  REQUIRE(h.wait([&] { return h.fresh == 1000 && h.subscribed >= 2; }));
  // The backfill after the reconnect must finish too: it may only repeat.
  REQUIRE(h.wait([&] { return h.runs_done >= 2; }));
  std::lock_guard<std::mutex> g{h.m};
  CHECK(h.fresh == 1000);
  CHECK(h.oids.size() == 1000);
  CHECK(h.duplicates > 0); // the snapshot and the backfill repeated fills
  CHECK(h.stream->stats().connects >= 2);
  CHECK(h.quarantined.empty());
  CHECK(h.gaps.empty());
}

TEST_CASE("a silent stall hands over to polling and back, nothing lost or "
          "doubled",
          "[scenario][live_ingest]") {
  harness h;
  // A reconnect slower than the poll interval: polling must carry the gap.
  h.settings.reconnect = {1'500, 1'500};
  h.start_stream();
  REQUIRE(h.wait([&] { return h.subscribed == 1; }));
  auto rule = ws_fault("userFills", fault_action::ws_stall);
  rule.nth = 20;
  rule.times = 1;
  h.sim.faults().add(rule);
  std::thread trader{[&] {
    for (int i = 0; i < 200; ++i) {
      h.sim.push_trade(h.trade("SUI", i % 2 ? 'B' : 'A'));
      // Paced so the burst spans the stall, polling and the recovery.
      std::this_thread::sleep_for(15ms);
    }
  }};
  trader.join();
  REQUIRE(h.wait(
      [&] { return h.fresh == 200 && h.statuses["polling_ended"] >= 1; }));
  std::lock_guard<std::mutex> g{h.m};
  CHECK(h.fresh == 200);
  CHECK(h.oids.size() == 200);
  CHECK(h.statuses["stale"] >= 1);
  CHECK(h.statuses["polling_started"] >= 1);
  CHECK(h.fresh_by_source[fill_source::rest] > 0); // polling delivered
  CHECK(h.fresh_by_source[fill_source::ws] > 0);   // and the stream
  CHECK(h.stream->stats().stale_fallbacks >= 1);
}

TEST_CASE("a restart after 10 minutes down is covered by the backfill",
          "[scenario][live_ingest]") {
  for (size_t cap : {2000u, 500u}) {
    DYNAMIC_SECTION("page cap " << cap) {
      hlc::sim::hl::venue_settings vs;
      vs.page_size = cap;
      harness h{vs};
      auto now = h.clock.now_ms();
      // 3000 fills over the last 10 minutes, three per millisecond, so that
      // page boundaries fall inside a millisecond.
      add_history(h, 3'000, now - 600'000, 3);
      h.start_backfill();
      h.backfill->set_cursor(leader, now - 600'001);
      h.backfill->run();
      REQUIRE(h.wait([&] { return h.runs_done == 1; }));
      std::lock_guard<std::mutex> g{h.m};
      CHECK(h.fresh == 3'000);
      CHECK(h.fresh_by_source[fill_source::rest] == 3'000);
      CHECK(h.duplicates > 0); // boundary fills came back and were absorbed
      CHECK(h.gaps.empty());
      auto pages = h.backfill->stats().pages.load();
      if (cap == 2000)
        CHECK(pages == 2);
      else
        CHECK(pages == 7); // 6 full pages (each repeats its boundary) + 1
      for (auto& r : h.backfill_requests())
        CHECK(r.body.find("\"startTime\"") != std::string::npos);
    }
  }
}

TEST_CASE("a gap beyond backfill_window_ms halts with GAP_TOO_LARGE",
          "[scenario][live_ingest]") {
  harness h;
  auto now = h.clock.now_ms();
  add_history(h, 100, now - 1'200'000, 1);
  h.settings.backfill_window_ms = 900'000;
  h.start_backfill();
  h.backfill->set_cursor(leader, now - 1'200'001); // 20 minutes down
  h.backfill->run();
  REQUIRE(h.wait([&] { return h.runs_done == 1; }));
  std::lock_guard<std::mutex> g{h.m};
  REQUIRE(h.gaps.size() == 1);
  CHECK(h.gaps[0].find("beyond backfill_window_ms") != std::string::npos);
  CHECK(h.fresh == 0);
  CHECK(h.backfill_requests().empty()); // nothing fetched, nothing traded
}

TEST_CASE("a gap past the fill horizon halts with GAP_TOO_LARGE",
          "[scenario][live_ingest]") {
  hlc::sim::hl::venue_settings vs;
  vs.history_limit = 1'000; // the simulator keeps only the newest 1000
  harness h{vs};
  h.settings.fill_horizon = 1'000;
  auto now = h.clock.now_ms();
  add_history(h, 1'500, now - 300'000, 1);
  h.start_backfill();
  h.backfill->set_cursor(leader, now - 300'001);
  h.backfill->run();
  REQUIRE(h.wait([&] { return h.runs_done == 1; }));
  std::lock_guard<std::mutex> g{h.m};
  REQUIRE(h.gaps.size() == 1);
  CHECK(h.gaps[0].find("newest 1000 fills") != std::string::npos);
  CHECK(h.fresh == 1'000); // what exists is still delivered
}

TEST_CASE("malformed frames and a poison fill are quarantined, the stream "
          "continues",
          "[scenario][live_ingest]") {
  harness h;
  h.settings.ws_stale_ms = 5'000;
  h.start_stream();
  REQUIRE(h.wait([&] { return h.subscribed == 1 && h.runs_done == 1; }));
  auto garble = ws_fault("userFills", fault_action::malformed);
  garble.nth = 3;
  garble.malform = "truncate";
  h.sim.faults().add(garble);
  auto garble2 = ws_fault("userFills", fault_action::malformed);
  garble2.nth = 7;
  garble2.malform = "truncate";
  h.sim.faults().add(garble2);
  for (int i = 0; i < 10; ++i)
    h.sim.push_trade(h.trade("BTC", 'B'));
  // The fills of the lost frames come back by the backfill they trigger.
  REQUIRE(h.wait([&] { return h.fresh == 10 && h.runs_done >= 3; }));
  {
    std::lock_guard<std::mutex> g{h.m};
    CHECK(h.quarantined.size() == 2);
    for (auto& q : h.quarantined) {
      CHECK(q.source == "ws");
      CHECK_FALSE(q.raw.empty());
      CHECK_FALSE(q.reason.empty());
    }
  }
  // A poison fill inside a REST page: quarantined, the rest of the page kept.
  auto now = h.clock.now_ms();
  fault_rule poison;
  poison.path = "/info";
  poison.body_contains = "userFillsByTime";
  poison.nth = 1;
  poison.action = fault_action::status;
  poison.status = 200;
  auto t = std::to_string(now);
  poison.body
      = "[{\"coin\":\"BTC\",\"px\":\"abc\",\"sz\":\"0.1\",\"side\":\"B\","
        "\"time\":"
        + t
        + ",\"startPosition\":\"0.0\",\"dir\":\"Open "
          "Long\",\"closedPnl\":\"0.0\",\"hash\":\"0x1\",\"oid\":1,"
          "\"crossed\":true,\"fee\":\"0.0\",\"tid\":1,\"feeToken\":"
          "\"USDC\"},{\"coin\":\"BTC\",\"px\":\"63000.0\",\"sz\":\"0.1\","
          "\"side\":\"B\",\"time\":"
        + t
        + ",\"startPosition\":\"0.0\","
          "\"dir\":\"Open Long\",\"closedPnl\":\"0.0\",\"hash\":\"0x2\","
          "\"oid\":2,\"crossed\":true,\"fee\":\"0.0\",\"tid\":2,"
          "\"feeToken\":\"USDC\"}]";
  h.sim.faults().add(poison);
  h.backfill->run();
  REQUIRE(h.wait([&] { return h.quarantined.size() == 3; }));
  REQUIRE(h.wait([&] { return h.fresh == 11; }));
  std::lock_guard<std::mutex> g{h.m};
  CHECK(h.quarantined[2].source == "rest");
  CHECK(h.quarantined[2].reason.find("px") != std::string::npos);
  CHECK(h.stream->stats().quarantined == 2);
  CHECK(h.backfill->stats().quarantined == 1);
}

TEST_CASE("429s on /info are backed off, no storm", "[scenario][live_ingest]") {
  harness h;
  auto now = h.clock.now_ms();
  add_history(h, 10, now - 1'000, 1);
  fault_rule limited;
  limited.path = "/info";
  limited.body_contains = "userFillsByTime";
  limited.times = 3;
  limited.action = fault_action::status;
  limited.status = 429;
  limited.body = "rate limited";
  limited.content_type = "text/plain";
  h.sim.faults().add(limited);
  h.start_backfill();
  h.backfill->set_cursor(leader, now - 1'001);
  h.backfill->run();
  REQUIRE(h.wait([&] { return h.runs_done == 1; }));
  auto reqs = h.backfill_requests();
  REQUIRE(reqs.size() == 4); // three 429s, then the answer
  // Back-off 100, 200, 400 ms between the attempts.
  CHECK(reqs[1].received_us - reqs[0].received_us >= 100'000);
  CHECK(reqs[2].received_us - reqs[1].received_us >= 200'000);
  CHECK(reqs[3].received_us - reqs[2].received_us >= 400'000);
  std::lock_guard<std::mutex> g{h.m};
  CHECK(h.backfill->stats().rate_limited == 3);
  CHECK(h.fresh == 10);
}

TEST_CASE("a resubscribe snapshot and doubled userFills add no duplicate",
          "[scenario][live_ingest]") {
  harness h;
  h.settings.ws_stale_ms = 5'000;
  h.start_stream();
  REQUIRE(h.wait([&] { return h.subscribed == 1; }));
  auto dup = ws_fault("userFills", fault_action::duplicate);
  dup.times = 5;
  h.sim.faults().add(dup);
  for (int i = 0; i < 20; ++i)
    h.sim.push_trade(h.trade("SUI", 'B'));
  REQUIRE(h.wait([&] { return h.fresh == 20; }));
  h.stream->drop_connection(); // resubscribe: a snapshot of all 20 again
  // The new snapshot repeats all 20 (it follows the ack, so wait for it).
  REQUIRE(h.wait([&] {
    return h.subscribed == 2 && h.runs_done >= 2 && h.duplicates >= 5 + 20;
  }));
  std::lock_guard<std::mutex> g{h.m};
  CHECK(h.fresh == 20);
  CHECK(h.duplicates >= 5 + 20); // doubled frames + the snapshot (+ backfill)
  // First seen on the stream, or by the backfill that follows every
  // subscription when it races the live push: either way once.
  CHECK(h.fresh_by_source[fill_source::ws]
            + h.fresh_by_source[fill_source::rest]
        == 20);
  CHECK(h.fresh_by_source[fill_source::snapshot] == 0);
}
