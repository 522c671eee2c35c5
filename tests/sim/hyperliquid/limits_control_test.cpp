// Per-IP WebSocket limits (§A.3: 10 connections, 30 new per minute, 10
// users), and the control API's SIM-6 additions: reset flattens leaders,
// records filter by since_seq and path, trades without px run at the mid.

#include "hl_test_util.hpp"
#include "sim_client.hpp"

#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace hlc::sim;
using namespace hlc::sim::hl;
using namespace hl_test;
using namespace std::chrono_literals;
using hlc::sim::test::http_client;
using hlc::sim::test::raw_exchange;
using hlc::sim::test::ws_client;

namespace {

const std::string leader_addr = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

std::string user(int i) {
  auto s = std::to_string(i);
  return "0x" + std::string(40 - s.size(), '0') + s;
}

std::string sub_fills(const std::string& who) {
  return R"({"method":"subscribe","subscription":{"type":"userFills","user":")"
         + who + "\"}}";
}

/// The raw answer to a WebSocket upgrade of /ws sent from `ip`.
std::string upgrade_answer(uint16_t port, const std::string& ip) {
  auto r = raw_exchange(port,
                        "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n",
                        2000ms, ip);
  return r.data;
}

std::unique_ptr<ws_client> connect_from(uint16_t port, const std::string& ip) {
  auto ws = std::make_unique<ws_client>(port, "/ws", ip);
  auto g = ws->read();
  REQUIRE(g == std::optional<std::string>{"Websocket connection established."});
  return ws;
}

/// Reads frames until one on `channel` arrives.
rapidjson::Document next_on(ws_client& ws, const std::string& channel) {
  for (int i = 0; i < 20; ++i) {
    auto f = ws.read();
    REQUIRE(f);
    auto d = parse(*f);
    if (std::string(d["channel"].GetString()) == channel) return d;
  }
  FAIL("no frame on " << channel);
  return {};
}

} // namespace

TEST_CASE("at most 10 WS connections per IP; the 11th gets a 429",
          "[sim][hl][ws][limits]") {
  manual_clock clock{1'700'000'000'000'000};
  hl_sim sim{clock};
  auto port = sim.start(0);
  std::vector<std::unique_ptr<ws_client>> a;
  for (int i = 0; i < 10; ++i)
    a.push_back(connect_from(port, "127.0.0.2"));
  auto refused = upgrade_answer(port, "127.0.0.2");
  CHECK(refused.rfind("HTTP/1.1 429", 0) == 0);
  CHECK_THAT(refused, Catch::Contains("Too many websocket connections"));
  CHECK_THROWS(ws_client(port, "/ws", "127.0.0.2"));
  // Another client IP is not affected.
  auto other = connect_from(port, "127.0.0.3");
  CHECK(sim.snapshot().connections == 11);
  // A closed connection frees its slot.
  a.back()->close();
  REQUIRE(a.back()->wait_closed());
  for (int i = 0; i < 400 && sim.snapshot().connections != 10; ++i)
    std::this_thread::sleep_for(5ms);
  REQUIRE(sim.snapshot().connections == 10);
  CHECK_NOTHROW(connect_from(port, "127.0.0.2"));
}

TEST_CASE("at most 30 new WS connections per IP per minute of the clock",
          "[sim][hl][ws][limits]") {
  manual_clock clock{1'700'000'000'000'000};
  venue_settings s;
  s.max_ws_connections = 100; // isolate the rate limit
  hl_sim sim{clock, 0, s};
  auto port = sim.start(0);
  std::vector<std::unique_ptr<ws_client>> conns;
  for (int i = 0; i < 30; ++i) {
    conns.push_back(connect_from(port, "127.0.0.4"));
    if (i == 14) sim.advance_ms(30'000);
  }
  auto refused = upgrade_answer(port, "127.0.0.4");
  CHECK(refused.rfind("HTTP/1.1 429", 0) == 0);
  CHECK_THAT(refused, Catch::Contains("Too many new websocket connections"));
  CHECK_NOTHROW(connect_from(port, "127.0.0.5"));
  // 30 s later the first 15 are older than a minute: 15 slots again.
  sim.advance_ms(30'000);
  for (int i = 0; i < 15; ++i)
    CHECK_NOTHROW(connect_from(port, "127.0.0.4"));
  CHECK(upgrade_answer(port, "127.0.0.4").rfind("HTTP/1.1 429", 0) == 0);
  // /_sim/reset restores the window.
  http_client c{port};
  REQUIRE(c.post("/_sim/reset", "").status == 200);
  CHECK_NOTHROW(connect_from(port, "127.0.0.4"));
  // The refused upgrades are recorded like any request.
  size_t upgrades = 0;
  for (const auto& r : sim.requests().requests())
    if (r.method == "GET" && r.path == "/ws") ++upgrades;
  CHECK(upgrades == 1); // reset cleared the earlier ones
}

TEST_CASE("the 10-user cap counts per IP", "[sim][hl][ws][limits]") {
  manual_clock clock{1'700'000'000'000'000};
  hl_sim sim{clock};
  auto port = sim.start(0);
  auto a = connect_from(port, "127.0.0.6");
  auto b = connect_from(port, "127.0.0.7");
  for (int i = 1; i <= 10; ++i) {
    a->send(sub_fills(user(i)));
    b->send(sub_fills(user(100 + i)));
  }
  for (int i = 1; i <= 10; ++i) {
    next_on(*a, "subscriptionResponse");
    next_on(*b, "subscriptionResponse");
  }
  CHECK(sim.snapshot().tracked_users == 20);
  a->send(sub_fills(user(11)));
  auto err = next_on(*a, "error");
  CHECK(std::string(err["data"].GetString())
        == "Cannot track more than 10 total users.");
  // A second connection from the same IP shares the cap.
  auto a2 = connect_from(port, "127.0.0.6");
  a2->send(sub_fills(user(12)));
  next_on(*a2, "error");
  // One of a's users again is fine.
  a2->send(sub_fills(user(3)));
  next_on(*a2, "subscriptionResponse");
}

TEST_CASE("/_sim/reset also flattens leader positions, keeping fills",
          "[sim][hl][control]") {
  manual_clock clock{1'700'000'000'000'000};
  hl_sim sim{clock};
  auto port = sim.start(0);
  http_client c{port};
  auto t
      = c.post("/_sim/trade", R"({"leader":")" + leader_addr
                                  + R"(","coin":"ETH","side":"A","sz":"2"})");
  REQUIRE(t.status == 200);
  auto state = parse(c.get("/_sim/state").body);
  CHECK(std::string(state["positions"][leader_addr.c_str()]["ETH"].GetString())
        == "-2.0");
  REQUIRE(c.post("/_sim/reset", "").status == 200);
  state = parse(c.get("/_sim/state").body);
  CHECK(state["positions"].ObjectEmpty());
  CHECK(state["fills"][leader_addr.c_str()].GetUint64() == 1);
  auto ch = parse(c.post("/info", R"({"type":"clearinghouseState","user":")"
                                      + leader_addr + "\"}")
                      .body);
  CHECK(ch["assetPositions"].Empty());
  // The next fill starts from flat.
  auto f = parse(
      c.post("/_sim/trade", R"({"leader":")" + leader_addr
                                + R"(","coin":"ETH","side":"B","sz":"1"})")
          .body);
  CHECK(std::string(f["startPosition"].GetString()) == "0.0");
}

TEST_CASE("a trade without px runs at the coin's current mid",
          "[sim][hl][control]") {
  manual_clock clock{1'700'000'000'000'000};
  hl_sim sim{clock};
  auto s = parse_scenario(R"({"trades":[{"at_ms":1000,"leader":")" + leader_addr
                              + R"(","coin":"SOL","side":"B","sz":"3"}]})",
                          "s");
  sim.load_scenario(s);
  auto port = sim.start(0);
  http_client c{port};
  auto now = parse(
      c.post("/_sim/trade", R"({"leader":")" + leader_addr
                                + R"(","coin":"BTC","side":"B","sz":"0.01"})")
          .body);
  CHECK(std::string(now["px"].GetString()) == "95000.0"); // the default mid
  // A scripted trade takes the mid of the moment it runs.
  sim.set_mid("SOL", hlc::decimal::parse_or_throw("151.25"));
  sim.advance_ms(1000);
  auto fills = parse(
      c.post("/info", R"({"type":"userFills","user":")" + leader_addr + "\"}")
          .body);
  REQUIRE(fills.Size() == 2);
  CHECK(std::string(fills[0]["coin"].GetString()) == "SOL");
  CHECK(std::string(fills[0]["px"].GetString()) == "151.25");
  auto bad = c.post("/_sim/trade",
                    R"({"leader":")" + leader_addr
                        + R"(","coin":"BTC","side":"B","px":"0","sz":"1"})");
  CHECK(bad.status == 400);
  CHECK_THAT(bad.body, Catch::Contains("trade.px: must be positive"));
}

TEST_CASE("records filter by since_seq and path", "[sim][hl][control]") {
  manual_clock clock{1'700'000'000'000'000};
  hl_sim sim{clock};
  auto port = sim.start(0);
  http_client c{port};
  c.post("/info", R"({"type":"allMids"})");
  c.post("/info", R"({"type":"meta"})");
  auto ws = connect_from(port, "127.0.0.1");
  ws->send(R"({"method":"ping"})");
  next_on(*ws, "pong");
  c.post("/nope", "{}");

  auto all_doc = parse(c.get("/_sim/requests").body);
  const auto& all = all_doc["requests"];
  REQUIRE(all.Size() == 5); // 2 × /info, the upgrade, the ping, /nope
  auto second = all[1]["seq"].GetUint64();
  auto after
      = parse(c.get("/_sim/requests?since_seq=" + std::to_string(second)).body);
  REQUIRE(after["requests"].Size() == 3);
  CHECK(after["requests"][0]["seq"].GetUint64() == second + 1);
  auto info = parse(c.get("/_sim/requests?path=/info").body);
  CHECK(info["requests"].Size() == 2);
  auto encoded = parse(c.get("/_sim/requests?path=%2Fws&since_seq=0").body);
  CHECK(encoded["requests"].Size() == 2); // the upgrade and the ping
  auto prefix = parse(c.get("/_sim/requests?path=/n*").body);
  CHECK(prefix["requests"].Size() == 1);

  auto frames_doc = parse(c.get("/_sim/frames?path=/ws").body);
  const auto& frames = frames_doc["frames"];
  REQUIRE(frames.Size() == 2); // greeting, pong
  CHECK(std::string(frames[0]["path"].GetString()) == "/ws");
  auto last = frames[1]["seq"].GetUint64();
  CHECK(parse(c.get("/_sim/frames?since_seq=" + std::to_string(last))
                  .body)["frames"]
            .Empty());
  CHECK(parse(c.get("/_sim/frames?path=/info").body)["frames"].Empty());
  auto bad = c.get("/_sim/requests?since_seq=abc");
  CHECK(bad.status == 400);
  CHECK_THAT(bad.body, Catch::Contains("since_seq"));
}
