// The /ws protocol over loopback, the control API, scenarios, replay and
// faults through the whole hl_sim.

#include "hl_test_util.hpp"
#include "sim_client.hpp"

#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace hlc::sim;
using namespace hlc::sim::hl;
using namespace hl_test;
using namespace std::chrono_literals;
using hlc::sim::test::http_client;
using hlc::sim::test::ws_client;

namespace {

const std::string leader_addr = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

std::string user(int i) {
  auto s = std::to_string(i);
  return "0x" + std::string(40 - s.size(), '0') + s;
}

std::string sub(const std::string& type, const std::string& who,
                const std::string& method = "subscribe") {
  return R"({"method":")" + method + R"(","subscription":{"type":")" + type
         + R"(","user":")" + who + "\"}}";
}

trade_spec spec(char side, const std::string& px, const std::string& sz) {
  trade_spec t;
  t.leader = leader_addr;
  t.coin = "BTC";
  t.side = side;
  t.px = px;
  t.sz = sz;
  return t;
}

std::string channel_of(const std::string& frame) {
  auto d = parse(frame);
  return d["channel"].GetString();
}

/// Reads frames until one on `channel` arrives.
rapidjson::Document next_on(ws_client& ws, const std::string& channel) {
  for (int i = 0; i < 20; ++i) {
    auto f = ws.read();
    REQUIRE(f);
    if (channel_of(*f) == channel) return parse(*f);
  }
  FAIL("no frame on " << channel);
  return {};
}

/// Connects and consumes the greeting.
std::unique_ptr<ws_client> connect(uint16_t port) {
  auto ws = std::make_unique<ws_client>(port);
  auto g = ws->read();
  REQUIRE(g == std::optional<std::string>{"Websocket connection established."});
  return ws;
}

} // namespace

TEST_CASE("greeting first, then ack, snapshot and live fills",
          "[sim][hl][ws]") {
  real_clock clock;
  hl_sim sim{clock};
  sim.push_trade(spec('B', "63000.0", "0.1")); // history before subscribing
  auto port = sim.start(0);
  auto ws = connect(port);
  ws->send(sub("userFills", leader_addr));
  auto ack = next_on(*ws, "subscriptionResponse");
  CHECK(ack["data"]["subscription"]["aggregateByTime"].IsFalse());
  auto snap = parse(*ws->read());
  CHECK(snap["data"]["isSnapshot"].IsTrue());
  REQUIRE(snap["data"]["fills"].Size() == 1);
  CHECK(std::string(snap["data"]["fills"][0]["px"].GetString()) == "63000.0");
  auto pushed = sim.push_trade(spec('A', "63100.0", "0.05"));
  auto live = parse(*ws->read());
  CHECK(std::string(live["channel"].GetString()) == "userFills");
  CHECK_FALSE(live["data"].HasMember("isSnapshot"));
  CHECK(std::string(live["data"]["user"].GetString()) == leader_addr);
  REQUIRE(live["data"]["fills"].Size() == 1);
  CHECK(live["data"]["fills"][0]["oid"].GetUint64() == pushed.oid);
  CHECK(std::string(live["data"]["fills"][0]["dir"].GetString())
        == "Close Long");
  // Live fills are in the REST history too.
  http_client c{port};
  auto r = c.post("/info",
                  R"({"type":"userFills","user":")" + leader_addr + "\"}");
  REQUIRE(r.status == 200);
  CHECK(parse(r.body).Size() == 2);
}

TEST_CASE("a snapshot comes on every subscribe, including resubscribe",
          "[sim][hl][ws]") {
  real_clock clock;
  hl_sim sim{clock};
  auto port = sim.start(0);
  auto ws = connect(port);
  ws->send(sub("userFills", leader_addr));
  next_on(*ws, "subscriptionResponse");
  CHECK(parse(*ws->read())["data"]["fills"].Size() == 0); // empty snapshot
  ws->send(sub("userFills", leader_addr, "unsubscribe"));
  auto unack = next_on(*ws, "subscriptionResponse");
  CHECK(std::string(unack["data"]["method"].GetString()) == "unsubscribe");
  sim.push_trade(spec('B', "63000.0", "0.1"));
  ws->send(sub("userFills", leader_addr));
  next_on(*ws, "subscriptionResponse");
  auto snap = parse(*ws->read());
  CHECK(snap["data"]["isSnapshot"].IsTrue());
  CHECK(snap["data"]["fills"].Size() == 1);
  // A new connection (reconnect) also gets the snapshot.
  auto ws2 = connect(port);
  ws2->send(sub("userFills", leader_addr));
  next_on(*ws2, "subscriptionResponse");
  CHECK(parse(*ws2->read())["data"]["fills"].Size() == 1);
}

TEST_CASE("userEvents pushes on channel user; orderUpdates; no replay",
          "[sim][hl][ws]") {
  real_clock clock;
  hl_sim sim{clock};
  sim.push_trade(spec('B', "63000.0", "0.1"));
  auto port = sim.start(0);
  auto ws = connect(port);
  ws->send(sub("userEvents", leader_addr));
  auto ack = next_on(*ws, "subscriptionResponse");
  CHECK(std::string(ack["data"]["subscription"]["type"].GetString())
        == "userEvents");
  CHECK_FALSE(ack["data"]["subscription"].HasMember("aggregateByTime"));
  ws->send(sub("orderUpdates", leader_addr));
  next_on(*ws, "subscriptionResponse");
  // Neither replays history: the next frames are the live ones.
  auto t = spec('B', "63000.0", "0.2");
  t.cloid = "0xa1f0cddc17303d07f3fd128d5b35071d";
  sim.push_trade(t);
  auto ev = parse(*ws->read());
  CHECK(std::string(ev["channel"].GetString()) == "user");
  CHECK(ev["data"]["fills"].Size() == 1);
  auto ou = parse(*ws->read());
  CHECK(std::string(ou["channel"].GetString()) == "orderUpdates");
  CHECK(std::string(ou["data"][0]["status"].GetString()) == "filled");
  CHECK(std::string(ou["data"][0]["order"]["cloid"].GetString())
        == "0xa1f0cddc17303d07f3fd128d5b35071d");
}

TEST_CASE("ping gets a pong without data; malformed requests an error",
          "[sim][hl][ws]") {
  real_clock clock;
  hl_sim sim{clock};
  auto port = sim.start(0);
  auto ws = connect(port);
  ws->send(R"({"method":"ping"})");
  auto pong = parse(*ws->read());
  CHECK(std::string(pong["channel"].GetString()) == "pong");
  CHECK_FALSE(pong.HasMember("data"));
  ws->send("not json");
  auto err = parse(*ws->read());
  CHECK(std::string(err["channel"].GetString()) == "error");
  CHECK(std::string(err["data"].GetString())
        == "Error parsing JSON into valid websocket request: not json");
  ws->send(R"({"method":"subscribe","subscription":{"type":"userFills"}})");
  CHECK(channel_of(*ws->read()) == "error");
}

TEST_CASE("more than 10 distinct users across subscriptions is refused",
          "[sim][hl][ws]") {
  real_clock clock;
  hl_sim sim{clock};
  auto port = sim.start(0);
  auto a = connect(port);
  auto b = connect(port);
  for (int i = 1; i <= 5; ++i) {
    a->send(sub("userFills", user(i)));
    b->send(sub("userEvents", user(i + 5)));
  }
  for (int i = 0; i < 5; ++i) {
    next_on(*a, "subscriptionResponse");
    next_on(*b, "subscriptionResponse");
  }
  // The same user on another channel does not count twice.
  a->send(sub("orderUpdates", user(7)));
  next_on(*a, "subscriptionResponse");
  a->send(sub("userFills", user(11)));
  auto err = next_on(*a, "error");
  CHECK_THAT(std::string(err["data"].GetString()),
             Catch::Contains("more than 10"));
  CHECK(sim.snapshot().tracked_users == 10);
  // Closing a connection frees its users.
  b.reset();
  for (int i = 0; i < 200 && sim.snapshot().tracked_users != 5; ++i)
    std::this_thread::sleep_for(5ms);
  a->send(sub("userFills", user(11)));
  next_on(*a, "subscriptionResponse");
}

TEST_CASE("idle connections are closed after the idle limit (real clock)",
          "[sim][hl][ws]") {
  real_clock clock;
  venue_settings s;
  s.idle_timeout_us = 300'000;
  hl_sim sim{clock, 0, s};
  auto port = sim.start(0);
  auto quiet = connect(port);
  auto chatty = connect(port);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) {
    chatty->send(R"({"method":"ping"})");
    REQUIRE(chatty->read());
    std::this_thread::sleep_for(100ms);
    // (the pauses are the point of this test: time must pass)
  }
  CHECK(quiet->wait_closed(2s));
  CHECK(std::chrono::steady_clock::now() - t0 >= 300ms);
  CHECK_FALSE(chatty->closed());
}

TEST_CASE("idle close at 60 s on a manual clock", "[sim][hl][ws]") {
  manual_clock clock;
  hl_sim sim{clock};
  auto port = sim.start(0);
  auto ws = connect(port);
  sim.advance_ms(59'000);
  ws->send(R"({"method":"ping"})");
  REQUIRE(ws->read());
  sim.advance_ms(59'000); // 59 s after the ping: still open
  CHECK_FALSE(ws->wait_closed(100ms));
  sim.advance_ms(1'000);
  CHECK(ws->wait_closed(2s));
  CHECK(ws->close_reason() == "close frame");
}

TEST_CASE("scenario: history now, live trades when due, faults loaded",
          "[sim][hl][scenario]") {
  manual_clock clock;
  hl_sim sim{clock};
  sim.load_scenario_file(fixtures + "scenario_basic.json");
  auto port = sim.start(0);
  auto snap = sim.snapshot();
  CHECK(snap.fill_counts[leader_addr] == 2);
  CHECK(snap.positions[leader_addr]["BTC"] == "0.1");
  CHECK(snap.positions[leader_addr]["ETH"] == "-1.5");
  CHECK(snap.pending_events == 2);
  CHECK(sim.faults().size() == 1);
  auto ws = connect(port);
  ws->send(sub("userFills", leader_addr));
  next_on(*ws, "subscriptionResponse");
  CHECK(parse(*ws->read())["data"]["fills"].Size() == 2);
  http_client c{port};
  auto adv = c.post("/_sim/advance", R"({"ms":1000})");
  REQUIRE(adv.status == 200);
  auto live = parse(*ws->read());
  const auto& f = live["data"]["fills"][0];
  CHECK(f["oid"].GetUint64() == 1003);
  CHECK(std::string(f["dir"].GetString()) == "Long > Short");
  CHECK(f["crossed"].IsFalse());
  sim.advance_ms(1000);
  auto live2 = parse(*ws->read());
  CHECK(std::string(live2["data"]["fills"][0]["dir"].GetString())
        == "Close Short");
  auto st = parse(c.get("/_sim/state").body);
  CHECK(std::string(st["positions"][leader_addr.c_str()]["BTC"].GetString())
        == "-0.2");
  CHECK_FALSE(st["positions"][leader_addr.c_str()].HasMember("ETH"));
  CHECK(st["pending_events"].GetInt() == 0);
}

TEST_CASE("recorded fills replay in time order with time compression",
          "[sim][hl][scenario]") {
  real_clock clock;
  hl_sim sim{clock};
  // The cassette spans 329 s; compressed 1000x it takes about 0.33 s.
  sim.load_fills_file(fixtures + "test_get_user_fills.json", leader_addr,
                      1000.0);
  auto port = sim.start(0);
  auto ws = connect(port);
  ws->send(sub("userFills", leader_addr));
  next_on(*ws, "subscriptionResponse");
  size_t got = 0;
  std::vector<uint64_t> oids;
  while (got < 500) {
    auto f = ws->read(5s);
    REQUIRE(f);
    auto d = parse(*f);
    if (std::string(d["channel"].GetString()) != "userFills") continue;
    for (const auto& fill : d["data"]["fills"].GetArray()) {
      ++got;
      oids.push_back(fill["oid"].GetUint64());
    }
  }
  CHECK(got == 500);
  // The last fill replayed is the recording's newest (its first entry).
  auto rec = load("test_get_user_fills.json");
  CHECK(oids.back() == rec["response"][0]["oid"].GetUint64());
  auto snap = sim.snapshot();
  CHECK(snap.fill_counts[leader_addr] == 500);
  CHECK(snap.pending_events == 0);
}

TEST_CASE("control API: trade, mid, requests, frames, 404",
          "[sim][hl][control]") {
  real_clock clock;
  hl_sim sim{clock};
  auto port = sim.start(0);
  auto ws = connect(port);
  ws->send(R"({"method":"subscribe","subscription":{"type":"allMids"}})");
  next_on(*ws, "subscriptionResponse");
  next_on(*ws, "allMids");
  http_client c{port};
  auto mid = c.post("/_sim/mid", R"({"coin":"BTC","mid":"64000.5"})");
  REQUIRE(mid.status == 200);
  auto mids = next_on(*ws, "allMids");
  CHECK(std::string(mids["data"]["mids"]["BTC"].GetString()) == "64000.5");
  auto bad = c.post("/_sim/mid", R"({"coin":"NOPE","mid":"1"})");
  CHECK(bad.status == 400);
  CHECK_THAT(bad.body, Catch::Contains("NOPE"));
  auto trade = c.post(
      "/_sim/trade", R"({"leader":")" + leader_addr
                         + R"(","coin":"BTC","side":"B","px":"abc","sz":"1"})");
  CHECK(trade.status == 400);
  CHECK_THAT(trade.body, Catch::Contains("trade.px: not a decimal"));
  auto ok = c.post(
      "/_sim/trade",
      R"({"leader":")" + leader_addr
          + R"(","coin":"BTC","side":"B","px":"64000.0","sz":"0.01","oid":42})");
  REQUIRE(ok.status == 200);
  CHECK(parse(ok.body)["oid"].GetUint64() == 42);
  c.post("/info", R"({"type":"allMids"})");
  auto reqs_doc = parse(c.get("/_sim/requests").body);
  auto reqs = reqs_doc["requests"].GetArray();
  bool saw_info = false, saw_ws = false;
  for (const auto& r : reqs) {
    saw_info |= std::string(r["path"].GetString()) == "/info";
    saw_ws |= std::string(r["method"].GetString()) == "WS";
  }
  CHECK(saw_info);
  CHECK(saw_ws);
  auto frames_doc = parse(c.get("/_sim/frames").body);
  const auto& frames = frames_doc["frames"];
  CHECK(frames.Size() >= 4);
  CHECK(std::string(frames[0]["text"].GetString())
        == "Websocket connection established.");
  CHECK(c.post("/exchange", "{}").status == 404);
  CHECK(c.post("/_sim/advance", R"({"ms":1})").status == 404); // real clock
}

TEST_CASE("faults through hl_sim: 429 on /info and WS disconnect, same for "
          "a seed",
          "[sim][hl][faults]") {
  auto run = [](uint64_t seed) {
    real_clock clock;
    hl_sim sim{clock, seed};
    auto port = sim.start(0);
    http_client c{port};
    REQUIRE(
        c.post(
             "/_sim/fault",
             R"([{"path":"/info","probability":0.5,"action":"status","status":429,"headers":{"Retry-After":"1"},"body":"rate limited"},
                       {"on":"ws","channel":"userFills","after_n":3,"action":"disconnect"}])")
            .status
        == 200);
    std::string statuses;
    for (int i = 0; i < 30; ++i)
      statuses
          += c.post("/info", R"({"type":"allMids"})").status == 429 ? 'x' : '.';
    auto ws = connect(port);
    ws->send(sub("userFills", leader_addr));
    next_on(*ws, "subscriptionResponse");
    REQUIRE(ws->read()); // snapshot = userFills frame 1
    sim.push_trade(spec('B', "63000.0", "0.1"));
    sim.push_trade(spec('B', "63000.0", "0.1"));
    sim.push_trade(spec('B', "63000.0", "0.1")); // frame 4: dropped
    REQUIRE(ws->read());
    REQUIRE(ws->read());
    CHECK(ws->wait_closed(2s));
    CHECK(ws->close_reason() != "close frame");
    return statuses;
  };
  auto a = run(5);
  CHECK(a == run(5));
  CHECK(a != run(6));
  CHECK(a.find('x') != std::string::npos);
  CHECK(a.find('.') != std::string::npos);
}
