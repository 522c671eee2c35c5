// The Binance market feed against an in-process binance-sim on loopback
// (issue 7 item 5): exchangeInfo, the combined markPrice@1s stream, and the
// premiumIndex fallback while the stream is down.

#include "adapters/binance/market_feed.hpp"
#include "sim/binance/binance_sim.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

using namespace std::chrono_literals;
using namespace hlc;
namespace bsim = hlc::sim::binance;

namespace {

decimal dec(const char* x) {
  return decimal::parse_or_throw(x);
}

int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// What the feed delivered, waited on from the test thread.
struct feed_inbox {
  std::mutex m;
  std::condition_variable cv;
  std::vector<binance::exchange_info> infos;
  std::vector<mark_price> marks;
  std::vector<std::string> status;
  std::vector<std::string> details;

  binance::market_feed_events events() {
    binance::market_feed_events e;
    e.on_exchange_info = [this](binance::exchange_info i) {
      std::lock_guard<std::mutex> g{m};
      infos.push_back(std::move(i));
      cv.notify_all();
    };
    e.on_mark = [this](mark_price p) {
      std::lock_guard<std::mutex> g{m};
      marks.push_back(std::move(p));
      cv.notify_all();
    };
    e.on_status = [this](std::string event, std::string detail) {
      std::lock_guard<std::mutex> g{m};
      status.push_back(std::move(event));
      details.push_back(std::move(detail));
      cv.notify_all();
    };
    return e;
  }

  template <class Pred>
  bool wait(Pred p, std::chrono::milliseconds bound = 15s) {
    std::unique_lock<std::mutex> l{m};
    return cv.wait_for(l, bound, [&] { return p(); });
  }

  bool has_mark(const std::string& symbol, decimal px) {
    for (auto& x : marks)
      if (x.symbol == symbol && x.mark == px) return true;
    return false;
  }

  bool has_status(const std::string& s) {
    return std::find(status.begin(), status.end(), s) != status.end();
  }
};

size_t requests_to(bsim::binance_sim& sim, const std::string& path) {
  size_t n = 0;
  for (auto& r : sim.venue().requests())
    if (r.path == path) ++n;
  return n;
}

} // namespace

TEST_CASE("market feed: exchangeInfo, then marks from the combined stream",
          "[scenario][market_feed]") {
  bsim::binance_sim sim{bsim::venue_config{}};
  auto port = sim.start(0);
  sim.venue().set_mark("BTCUSDT", dec("95123.4"));
  sim.venue().set_mark("ETHUSDT", dec("3456.78"));
  net::runtime rt;
  rt.start();
  binance::market_feed_settings s;
  s.rest_url = "http://127.0.0.1:" + std::to_string(port);
  s.ws_url = "ws://127.0.0.1:" + std::to_string(port);
  s.symbols = {"BTCUSDT", "ETHUSDT"};
  feed_inbox in;
  auto feed
      = binance::market_feed::create(rt, nullptr, s, in.events(), wall_ms);
  feed->start();
  REQUIRE(in.wait([&] { return !in.infos.empty(); }));
  {
    std::lock_guard<std::mutex> g{in.m};
    auto& info = in.infos.front();
    CHECK(info.errors.empty());
    CHECK_FALSE(info.rate_limits.empty());
    CHECK(std::any_of(info.symbols.begin(), info.symbols.end(),
                      [](const symbol_filters& f) {
                        return f.symbol == "BTCUSDT" && f.trading;
                      }));
  }
  REQUIRE(in.wait([&] {
    return in.has_mark("BTCUSDT", dec("95123.4"))
           && in.has_mark("ETHUSDT", dec("3456.78"));
  }));
  // The mark moves on the venue; the stream follows it.
  sim.venue().set_mark("BTCUSDT", dec("95200"));
  REQUIRE(in.wait([&] { return in.has_mark("BTCUSDT", dec("95200")); }));
  {
    std::lock_guard<std::mutex> g{in.m};
    CHECK(in.has_status("mark_stream_open"));
    CHECK_FALSE(in.has_status("mark_stream_stale"));
  }
  // One premiumIndex seeds the marks at start; the stream does the rest.
  CHECK(requests_to(sim, "/fapi/v1/premiumIndex") == 1);
  CHECK(sim.venue().signed_write_count() == 0);
  feed->stop();
  rt.stop();
  sim.stop();
}

TEST_CASE("market feed: no stream → premiumIndex polling keeps marks fresh",
          "[scenario][market_feed]") {
  bsim::binance_sim sim{bsim::venue_config{}};
  auto port = sim.start(0);
  sim.venue().set_mark("BTCUSDT", dec("94000"));
  uint16_t dead_port = 0;
  {
    bsim::binance_sim other{bsim::venue_config{}};
    dead_port = other.start(0);
    other.stop();
  }
  net::runtime rt;
  rt.start();
  binance::market_feed_settings s;
  s.rest_url = "http://127.0.0.1:" + std::to_string(port);
  s.ws_url = "ws://127.0.0.1:" + std::to_string(dead_port); // refused
  s.symbols = {"BTCUSDT"};
  s.stale_ms = 500;
  s.rest_poll_ms = 100;
  s.reconnect = {100, 400};
  feed_inbox in;
  auto feed
      = binance::market_feed::create(rt, nullptr, s, in.events(), wall_ms);
  feed->start();
  REQUIRE(in.wait([&] { return in.has_mark("BTCUSDT", dec("94000")); }));
  sim.venue().set_mark("BTCUSDT", dec("94100"));
  REQUIRE(in.wait([&] { return in.has_mark("BTCUSDT", dec("94100")); }));
  {
    std::lock_guard<std::mutex> g{in.m};
    CHECK(in.has_status("mark_stream_stale"));
    CHECK(in.has_status("mark_stream_closed"));
  }
  // One symbol: the cheap query (weight 1), never the whole list.
  for (auto& r : sim.venue().requests())
    if (r.path == "/fapi/v1/premiumIndex") CHECK(r.query == "symbol=BTCUSDT");
  feed->stop();
  rt.stop();
  sim.stop();
}

TEST_CASE("market feed: without a symbol list, every trading USDT perpetual, "
          "split over connections",
          "[scenario][market_feed]") {
  bsim::binance_sim sim{bsim::venue_config{}};
  auto port = sim.start(0);
  net::runtime rt;
  rt.start();
  binance::market_feed_settings s;
  s.rest_url = "http://127.0.0.1:" + std::to_string(port);
  s.ws_url = "ws://127.0.0.1:" + std::to_string(port);
  s.max_streams_per_connection = 2;
  feed_inbox in;
  auto feed
      = binance::market_feed::create(rt, nullptr, s, in.events(), wall_ms);
  feed->start();
  REQUIRE(in.wait([&] { return !in.infos.empty(); }));
  std::set<std::string> trading;
  {
    std::lock_guard<std::mutex> g{in.m};
    for (auto& f : in.infos.front().symbols)
      if (f.trading) trading.insert(f.symbol);
  }
  REQUIRE(trading.size() >= 3);
  REQUIRE(in.wait([&] {
    std::set<std::string> seen;
    for (auto& m : in.marks)
      seen.insert(m.symbol);
    return seen == trading;
  }));
  {
    std::lock_guard<std::mutex> g{in.m};
    auto expected = std::to_string(trading.size()) + " symbols on "
                    + std::to_string((trading.size() + 1) / 2) + " connections";
    CHECK(std::find(in.details.begin(), in.details.end(), expected)
          != in.details.end());
  }
  feed->stop();
  rt.stop();
  sim.stop();
}
