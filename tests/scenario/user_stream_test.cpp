// The Binance user-data stream client against an in-process binance-sim on
// loopback, time compressed (issue 8 item 4; SPEC EXE-9; ADR 0036).

#include "adapters/binance/stream_overlap.hpp"
#include "adapters/binance/user_stream_client.hpp"
#include "adapters/net/ws_client.hpp"
#include "sim/binance/binance_sim.hpp"
#include "sim/binance/signature.hpp"

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

/// What the client reported, in order, as overlap keys ("O|..."/"A|...")
/// plus alerts, resyncs, quarantines and statuses.
struct recorder {
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> delivered; ///< order and account events, in order
  std::vector<binance::order_event> orders;
  std::vector<binance::venue_order_alert> alerts;
  std::vector<binance::resync_reason> resyncs;
  std::vector<quarantine_record> quarantined;
  std::vector<std::string> statuses;

  binance::user_stream_events events() {
    binance::user_stream_events e;
    e.order = [this](binance::order_event o) {
      std::lock_guard<std::mutex> g{m};
      delivered.push_back(*binance::overlap_key(o));
      orders.push_back(std::move(o));
      cv.notify_all();
    };
    e.account = [this](binance::account_update a) {
      std::lock_guard<std::mutex> g{m};
      delivered.push_back(*binance::overlap_key(a));
      cv.notify_all();
    };
    e.alert = [this](binance::venue_order_alert a) {
      std::lock_guard<std::mutex> g{m};
      alerts.push_back(std::move(a));
      cv.notify_all();
    };
    e.resync = [this](binance::resync_reason r, const std::string&) {
      std::lock_guard<std::mutex> g{m};
      resyncs.push_back(r);
      cv.notify_all();
    };
    e.quarantine = [this](quarantine_record q) {
      std::lock_guard<std::mutex> g{m};
      quarantined.push_back(std::move(q));
      cv.notify_all();
    };
    e.status = [this](const std::string& event, const std::string&) {
      std::lock_guard<std::mutex> g{m};
      statuses.push_back(event);
      cv.notify_all();
    };
    return e;
  }

  /// Waits (on the condition variable, never a sleep) until `pred` holds.
  /// Some conditions (sim state, counters) notify nobody: they are
  /// re-checked every 20 ms too.
  template <class Pred>
  bool wait(Pred pred, std::chrono::milliseconds limit = 10s) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    std::unique_lock<std::mutex> l{m};
    while (!pred()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      cv.wait_for(l, 20ms);
    }
    return true;
  }

  size_t count_status(const std::string& s) {
    return static_cast<size_t>(std::count(statuses.begin(), statuses.end(), s));
  }
  size_t count_resync(binance::resync_reason r) {
    return static_cast<size_t>(std::count(resyncs.begin(), resyncs.end(), r));
  }
};

/// binance-sim on loopback, a net runtime and a user-stream client.
struct stream_fixture {
  explicit stream_fixture(bsim::venue_config cfg = {}) : sim(std::move(cfg)) {
    port = sim.start(0);
    sim.venue().set_mark("BTCUSDT", dec("95000"));
    rt.start();
    settings.rest_url = "http://127.0.0.1:" + std::to_string(port);
    settings.ws_url = "ws://127.0.0.1:" + std::to_string(port);
    settings.api_key = bsim::test_api_key;
    settings.keepalive_ms = 60'000;
    settings.watchdog_ms = 60'000;
    settings.request_timeout_ms = 2'000;
    settings.connect_timeout_ms = 2'000;
    settings.reconnect = {20, 200};
    settings.jitter_seed = 7;
  }
  ~stream_fixture() {
    if (client) client->stop();
    rt.stop();
    sim.stop();
  }

  void start() {
    client = binance::user_stream_client::create(rt, nullptr, settings, clock,
                                                 rec.events());
    client->start();
    REQUIRE(rec.wait([&] { return rec.count_status("connected") >= 1; }));
  }

  /// A signed request straight into the venue (the events it causes go
  /// out on the client's sockets).
  sim::http_response signed_req(const std::string& method,
                                const std::string& path, std::string params) {
    params += "&timestamp=" + std::to_string(clock.now_ms());
    params
        += "&signature=" + bsim::hmac_sha256_hex(bsim::test_api_secret, params);
    sim::http_request req;
    req.method = method;
    req.path = path;
    req.query = params;
    req.target = path + "?" + params;
    req.headers["x-mbx-apikey"] = bsim::test_api_key;
    return sim.venue().handle(req);
  }

  void market_buy(const std::string& cid, const char* qty = "0.002") {
    auto r = signed_req("POST", "/fapi/v1/order",
                        std::string{"symbol=BTCUSDT&side=BUY&type=MARKET"
                                    "&quantity="}
                            + qty + "&newClientOrderId=" + cid);
    REQUIRE(r.status == 200);
  }

  /// The overlap keys of the order and account events the venue pushed to
  /// user-stream connections, in push order (one connection's copy when
  /// `peer` is set).
  std::vector<std::string> pushed(uint64_t peer = 0) {
    std::vector<std::string> out;
    for (auto& f : sim.venue().frames()) {
      if (f.path.rfind("/private/ws", 0) != 0) continue;
      if (peer != 0 && f.peer != peer) continue;
      if (auto k
          = binance::overlap_key(binance::parse_user_stream_frame(f.text)))
        out.push_back(*k);
    }
    return out;
  }

  size_t requests(const std::string& method, const std::string& path) {
    size_t n = 0;
    for (auto& r : sim.venue().requests())
      if (r.method == method && r.path == path) ++n;
    return n;
  }

  size_t delivered_count() {
    std::lock_guard<std::mutex> g{rec.m};
    return rec.delivered.size();
  }

  bsim::binance_sim sim;
  uint16_t port = 0;
  net::runtime rt;
  system_wall_clock clock;
  binance::user_stream_settings settings;
  recorder rec;
  std::shared_ptr<binance::user_stream_client> client;
};

} // namespace

TEST_CASE("user stream: connects on /private/ws?listenKey=, events in order",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.start();
  REQUIRE(f.sim.venue().ws_connections() == 1);
  CHECK(f.requests("POST", "/fapi/v1/listenKey") == 1);
  f.market_buy("happy1");
  // seq A: TRADE_LITE, OTU NEW, ACCOUNT_UPDATE (before the fill's OTU), OTU
  // TRADE: all delivered, in the order sent.
  REQUIRE(f.rec.wait([&] { return f.rec.delivered.size() >= 4; }));
  CHECK(f.rec.delivered == f.pushed());
  CHECK(f.rec.delivered[2].rfind("A|", 0) == 0);
  REQUIRE(f.rec.orders.size() == 3);
  CHECK(f.rec.orders[0].lite);
  CHECK(f.rec.orders[1].execution_type == "NEW");
  CHECK(f.rec.orders[2].execution_type == "TRADE");
  CHECK(f.rec.orders[2].update.client_id == "happy1");
  CHECK(f.rec.resyncs.empty());
  auto frames = f.sim.venue().frames();
  REQUIRE_FALSE(frames.empty());
  CHECK(frames[0].path.rfind("/private/ws?listenKey=", 0) == 0);
}

TEST_CASE("user stream: duplicated and reordered events are all delivered",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.start();
  bsim::stream_faults sf;
  sf.duplicate = 0.5;
  sf.reorder = 0.5;
  sf.duplicate_trade = 1.0;
  f.sim.venue().set_stream_faults(sf);
  for (int i = 0; i < 5; ++i)
    f.market_buy("dup" + std::to_string(i));
  auto expected = f.pushed();
  REQUIRE(expected.size() > 20); // 5 x 4 events plus copies
  REQUIRE(
      f.rec.wait([&] { return f.rec.delivered.size() >= expected.size(); }));
  // Nothing lost, nothing absorbed: the executor absorbs by trade id.
  CHECK(f.rec.delivered == expected);
  CHECK(f.client->stats().absorbed == 0);
}

TEST_CASE("user stream: keepalive PUTs, never a DELETE on stop",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.settings.keepalive_ms = 100;
  f.start();
  REQUIRE(f.rec.wait([&] { return f.client->stats().keepalives >= 3; }));
  CHECK(f.requests("PUT", "/fapi/v1/listenKey") >= 3);
  f.client->stop();
  REQUIRE(f.rec.wait([&] { return f.rec.count_status("stopped") == 1; }));
  REQUIRE(f.rec.wait([&] { return f.sim.venue().ws_connections() == 0; }));
  CHECK(f.requests("DELETE", "/fapi/v1/listenKey") == 0);
  CHECK_FALSE(f.sim.venue().listen_key().empty()); // left to expire
}

TEST_CASE("user stream: listenKeyExpired → new key, reconnect, resync",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.start();
  auto old_key = f.sim.venue().listen_key();
  f.sim.venue().expire_listen_key();
  REQUIRE(f.rec.wait([&] {
    return f.rec.count_resync(binance::resync_reason::key_expired) == 1;
  }));
  auto new_key = f.sim.venue().listen_key();
  CHECK_FALSE(new_key.empty());
  CHECK(new_key != old_key);
  CHECK(f.requests("POST", "/fapi/v1/listenKey") == 2);
  CHECK(f.sim.venue().ws_connections() == 1);
  // Nothing missed after the reconnect.
  f.market_buy("after_expiry");
  REQUIRE(f.rec.wait([&] { return f.rec.delivered.size() >= 4; }));
  CHECK(f.rec.delivered == f.pushed());
}

TEST_CASE("user stream: keepalive answered -1125 → new key, resync",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.settings.keepalive_ms = 100;
  f.start();
  bsim::http_fault gone;
  gone.method = "PUT";
  gone.path = "/fapi/v1/listenKey";
  gone.kind = bsim::fault_kind::status;
  gone.status = 400;
  gone.body = R"({"code":-1125,"msg":"This listenKey does not exist."})";
  f.sim.venue().add_fault(gone);
  REQUIRE(f.rec.wait([&] {
    return f.rec.count_resync(binance::resync_reason::key_missing) == 1;
  }));
  CHECK(f.rec.count_status("key_missing") == 1);
  CHECK(f.requests("POST", "/fapi/v1/listenKey") == 2);
  REQUIRE(f.rec.wait([&] { return f.sim.venue().ws_connections() == 1; }));
  f.market_buy("after_1125");
  REQUIRE(f.rec.wait([&] { return f.rec.delivered.size() >= 4; }));
  CHECK(f.rec.delivered == f.pushed());
}

TEST_CASE("user stream: a disconnect → backoff, reconnect, then resync",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.start();
  bsim::stream_faults sf;
  sf.disconnect_after_frames = 2;
  f.sim.venue().set_stream_faults(sf);
  f.market_buy("cut1"); // the connection drops after 2 of its 4 frames
  REQUIRE(f.rec.wait([&] {
    return f.rec.count_resync(binance::resync_reason::reconnected) >= 1;
  }));
  CHECK(f.client->stats().disconnects >= 1);
  CHECK(f.rec.count_status("reconnect_scheduled") >= 1);
  f.sim.venue().set_stream_faults({});
  auto before = f.delivered_count();
  f.market_buy("cut2");
  REQUIRE(f.rec.wait([&] { return f.rec.delivered.size() >= before + 4; }));
  std::lock_guard<std::mutex> g{f.rec.m};
  CHECK(f.rec.delivered.size() == before + 4);
  CHECK(f.rec.orders.back().update.client_id == "cut2");
}

TEST_CASE("user stream: silent but alive socket → watchdog resync",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.settings.watchdog_ms = 200;
  f.start();
  bsim::stream_faults sf;
  sf.silent = true;
  f.sim.venue().set_stream_faults(sf);
  f.market_buy("unheard"); // its events never arrive
  REQUIRE(f.rec.wait([&] {
    return f.rec.count_resync(binance::resync_reason::watchdog) >= 2;
  }));
  // The socket stayed up: no reconnect, just REST reconciliation.
  CHECK(f.client->stats().connects == 1);
  CHECK(f.sim.venue().ws_connections() == 1);
  CHECK(f.delivered_count() == 0);
}

TEST_CASE("user stream: proactive rotation with overlap loses and doubles "
          "nothing",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.settings.rotate_after_ms = 300;
  f.settings.overlap_ms = 400;
  f.start();
  // An order while both connections are open: pushed to both.
  REQUIRE(f.rec.wait([&] { return f.client->stats().rotations >= 1; }));
  f.market_buy("during_overlap");
  REQUIRE(f.rec.wait([&] { return f.rec.delivered.size() >= 4; }));
  // After the old connection closed, and across the next rotations.
  REQUIRE(f.rec.wait([&] { return f.client->stats().rotations >= 3; }));
  f.market_buy("after_rotation");
  REQUIRE(f.rec.wait([&] { return f.rec.delivered.size() >= 8; }));
  auto all = f.pushed();
  std::set<std::string> unique(all.begin(), all.end());
  CHECK(all.size() > unique.size()); // the overlap really saw copies
  CHECK(f.client->stats().absorbed >= 1);
  std::lock_guard<std::mutex> g{f.rec.m};
  CHECK(f.rec.delivered.size() == unique.size());
  CHECK(std::set<std::string>(f.rec.delivered.begin(), f.rec.delivered.end())
        == unique);
  CHECK(f.rec.resyncs.empty()); // nothing could be missed
  CHECK(f.requests("DELETE", "/fapi/v1/listenKey") == 0);
}

TEST_CASE("user stream: a liquidation order raises an alert, not an order "
          "event",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.start();
  f.market_buy("autoclose-1700000000000");
  // TRADE_LITE, NEW and TRADE of the venue's order.
  REQUIRE(f.rec.wait([&] { return f.rec.alerts.size() >= 3; }));
  std::lock_guard<std::mutex> g{f.rec.m};
  CHECK(f.rec.orders.empty());
  auto& a = f.rec.alerts.back();
  CHECK(a.origin == binance::order_origin::liquidation);
  CHECK(a.symbol == "BTCUSDT");
  CHECK(a.side == side::buy);
  CHECK(a.resync_position);
  bool traded = false;
  for (auto& x : f.rec.alerts)
    traded = traded || (x.execution_type == "TRADE" && x.qty == dec("0.002"));
  CHECK(traded);
}

TEST_CASE("user stream: a malformed frame is quarantined, the stream goes on",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.start();
  bsim::stream_faults sf;
  sf.malformed = 1.0;
  f.sim.venue().set_stream_faults(sf);
  f.market_buy("broken");
  REQUIRE(f.rec.wait([&] { return f.rec.quarantined.size() >= 4; }));
  f.sim.venue().set_stream_faults({});
  f.market_buy("fine");
  REQUIRE(f.rec.wait([&] { return f.rec.delivered.size() >= 4; }));
  std::lock_guard<std::mutex> g{f.rec.m};
  CHECK(f.rec.quarantined[0].reason.find("frame") != std::string::npos);
  CHECK(f.rec.quarantined[0].source == "binance_user_stream");
  CHECK(f.rec.orders.back().update.client_id == "fine");
  CHECK(f.client->stats().connects == 1);
}

TEST_CASE("user stream: the sim refuses the legacy /ws/<listenKey> path",
          "[scenario][user_stream]") {
  stream_fixture f;
  f.start();
  auto key = f.sim.venue().listen_key();
  std::mutex m;
  std::condition_variable cv;
  bool opened = false;
  std::optional<std::string> closed;
  net::ws_events ev;
  ev.on_open = [&] {
    std::lock_guard<std::mutex> g{m};
    opened = true;
  };
  ev.on_closed = [&](const std::string& why) {
    std::lock_guard<std::mutex> g{m};
    closed = why;
    cv.notify_all();
  };
  auto legacy = net::ws_client::create(
      f.rt.make_strand(), nullptr,
      net::parse_url_or_throw("ws://127.0.0.1:" + std::to_string(f.port)
                              + "/ws/" + key),
      ev);
  legacy->connect();
  std::unique_lock<std::mutex> l{m};
  REQUIRE(cv.wait_for(l, 10s, [&] { return closed.has_value(); }));
  CHECK_FALSE(opened);
  CHECK(f.sim.venue().ws_connections() == 1); // only the client's own
}
