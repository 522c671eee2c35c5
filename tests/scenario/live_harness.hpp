#pragma once

// Live ingest against an in-process hl-sim on loopback: the real hl_stream
// and hl_backfill on the net runtime, and the dedup gate's pure logic
// (dedup_set) standing in for the pipeline, acknowledging every batch at
// once. Waits are on conditions with a deadline, never fixed sleeps.

#include "actors/dedup/dedup_set.hpp"
#include "adapters/hyperliquid/hl_backfill.hpp"
#include "adapters/hyperliquid/hl_stream.hpp"
#include "adapters/net/runtime.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"
#include "support/clock.hpp"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace live_test {

inline const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

struct harness {
  explicit harness(hlc::sim::hl::venue_settings vs = {}, uint64_t seed = 7)
      : sim(sim_clock, seed, vs) {
    port = sim.start(0);
    settings.ws_url = "ws://127.0.0.1:" + std::to_string(port) + "/ws";
    settings.info_url = "http://127.0.0.1:" + std::to_string(port) + "/info";
    settings.leaders = {leader};
    settings.jitter_seed = seed;
    // Compressed time: ping 150 ms, stale after 600 ms, poll every 100 ms.
    settings.ping_interval_ms = 150;
    settings.ws_stale_ms = 600;
    settings.poll_interval_ms = 100;
    settings.reconnect = {50, 400};
    settings.rate_limit_backoff_ms = 100;
    settings.http_timeout_ms = 2'000;
    rt.start();
  }

  ~harness() {
    if (stream) stream->stop();
    if (backfill) backfill->stop();
    rt.stop();
    sim.stop();
  }

  /// Wires stream → backfill as the actors do: backfill after every
  /// subscribe and after a lost frame, poll while stale.
  void start_backfill() {
    hlc::hyperliquid::backfill_events be;
    be.fills = [this](std::vector<hlc::leader_fill> v) { on_fills(v); };
    be.quarantine = [this](hlc::quarantine_record q) { on_quarantine(q); };
    be.gap_too_large = [this](const std::string& l, const std::string& d) {
      std::lock_guard<std::mutex> g{m};
      gaps.push_back(l + ": " + d);
      cv.notify_all();
    };
    be.run_done = [this] {
      std::lock_guard<std::mutex> g{m};
      ++runs_done;
      cv.notify_all();
    };
    be.status = [this](const std::string& e, const std::string&) {
      std::lock_guard<std::mutex> g{m};
      ++statuses[e];
      cv.notify_all();
    };
    backfill = hlc::hyperliquid::hl_backfill::create(
        rt.make_strand(), nullptr, settings, clock, std::move(be));
  }

  void start_stream() {
    if (!backfill) start_backfill();
    hlc::hyperliquid::stream_events se;
    se.fills = [this](std::vector<hlc::leader_fill> v) { on_fills(v); };
    se.quarantine = [this](hlc::quarantine_record q) { on_quarantine(q); };
    se.subscribed = [this] {
      {
        std::lock_guard<std::mutex> g{m};
        ++subscribed;
        cv.notify_all();
      }
      backfill->run();
    };
    se.fills_lost = [this] { backfill->run(); };
    se.stale = [this] { backfill->set_polling(true); };
    se.recovered = [this] { backfill->set_polling(false); };
    se.status = [this](const std::string& e, const std::string&) {
      std::lock_guard<std::mutex> g{m};
      ++statuses[e];
      cv.notify_all();
    };
    stream = hlc::hyperliquid::hl_stream::create(
        rt.make_strand(), nullptr, settings, clock, std::move(se));
    stream->start();
  }

  void on_fills(const std::vector<hlc::leader_fill>& v) {
    int64_t newest = 0;
    {
      std::lock_guard<std::mutex> g{m};
      for (auto& f : v) {
        if (seen.insert(f.key)) {
          ++fresh;
          ++fresh_by_source[f.source];
          oids.insert(f.key.oid);
        } else {
          ++duplicates;
        }
        newest = std::max(newest, f.key.time_ms);
      }
      cv.notify_all();
    }
    // The pipeline's acknowledgement: durably processed up to `newest`.
    backfill->on_processed(leader, newest);
  }

  void on_quarantine(const hlc::quarantine_record& q) {
    std::lock_guard<std::mutex> g{m};
    quarantined.push_back(q);
    cv.notify_all();
  }

  template <class Pred>
  bool wait(Pred p, std::chrono::milliseconds bound
                    = std::chrono::milliseconds{20'000}) {
    std::unique_lock<std::mutex> l{m};
    return cv.wait_for(l, bound, [&] { return p(); });
  }

  uint64_t fresh_count() {
    std::lock_guard<std::mutex> g{m};
    return fresh;
  }

  hlc::sim::hl::trade_spec trade(const std::string& coin = "BTC",
                                 char side = 'B') const {
    hlc::sim::hl::trade_spec t;
    t.leader = leader;
    t.coin = coin;
    t.side = side;
    t.px = coin == "BTC" ? "63000.0" : "1.3";
    t.sz = coin == "BTC" ? "0.001" : "10.0";
    return t;
  }

  /// Userfills-by-time requests the simulator received.
  std::vector<hlc::sim::recorded_request> backfill_requests() {
    std::vector<hlc::sim::recorded_request> out;
    for (auto& r : sim.requests().requests())
      if (r.path == "/info"
          && r.body.find("userFillsByTime") != std::string::npos)
        out.push_back(r);
    return out;
  }

  hlc::sim::real_clock sim_clock;
  hlc::sim::hl::hl_sim sim;
  uint16_t port = 0;
  hlc::system_wall_clock clock;
  hlc::hyperliquid::ingest_settings settings;
  hlc::net::runtime rt;
  std::shared_ptr<hlc::hyperliquid::hl_backfill> backfill;
  std::shared_ptr<hlc::hyperliquid::hl_stream> stream;

  std::mutex m;
  std::condition_variable cv;
  hlc::dedup_set seen;
  uint64_t fresh = 0;
  uint64_t duplicates = 0;
  std::map<hlc::fill_source, uint64_t> fresh_by_source;
  std::set<uint64_t> oids;
  std::vector<hlc::quarantine_record> quarantined;
  std::vector<std::string> gaps;
  std::map<std::string, uint64_t> statuses;
  uint64_t subscribed = 0;
  uint64_t runs_done = 0;
};

} // namespace live_test
