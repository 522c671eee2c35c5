// Market-data streams at the 2026-04-23 paths (protocol_facts §B.1):
// markPriceUpdate once per interval of the venue clock, moving with the
// marks; bookTicker on subscribe and on every best-level change; combined
// streams; refusals; and the SIM-6 record filters.

#include "venue_fixture.hpp"

#include "sim/binance/binance_sim.hpp"
#include "sim/binance/scenario.hpp"
#include "sim_client.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <set>

using namespace hlc;
using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace {

std::set<std::string> keys_of(const rapidjson::Value& v) {
  std::set<std::string> out;
  for (const auto& m : v.GetObject())
    out.insert(m.name.GetString());
  return out;
}

/// Moves the clock to the next whole second plus `ms` and polls.
void step_ms(venue_fixture& f, int64_t ms) {
  f.now_us += ms * 1000;
  f.venue.poll();
}

} // namespace

TEST_CASE("market stream paths parse; wrong category, case or symbol refuse",
          "[sim][binance][market]") {
  std::set<std::string> symbols{"BTCUSDT", "ETHUSDT"};
  auto one
      = parse_market_request("/market/ws/btcusdt@markPrice@1s", "", symbols);
  REQUIRE(one);
  CHECK_FALSE(one->combined);
  REQUIRE(one->streams.size() == 1);
  CHECK(one->streams[0].symbol == "BTCUSDT");
  CHECK(one->streams[0].interval_ms == 1000);
  auto slow = parse_market_request("/market/ws/ethusdt@markPrice", "", symbols);
  REQUIRE(slow);
  CHECK(slow->streams[0].interval_ms == 3000);
  auto combined = parse_market_request(
      "/market/stream", "streams=btcusdt@markPrice@1s/ethusdt@markPrice",
      symbols);
  REQUIRE(combined);
  CHECK(combined->combined);
  CHECK(combined->streams.size() == 2);
  CHECK(parse_market_request("/public/ws/btcusdt@bookTicker", "", symbols));
  CHECK(parse_market_request("/public/stream", "streams=btcusdt%40bookTicker",
                             symbols));
  CHECK_FALSE(
      parse_market_request("/market/ws/btcusdt@bookTicker", "", symbols));
  CHECK_FALSE(
      parse_market_request("/public/ws/btcusdt@markPrice", "", symbols));
  CHECK_FALSE(
      parse_market_request("/market/ws/BTCUSDT@markPrice", "", symbols));
  CHECK_FALSE(
      parse_market_request("/market/ws/xrpusdt@markPrice", "", symbols));
  CHECK_FALSE(parse_market_request("/market/stream", "", symbols));
  CHECK_FALSE(parse_market_request("/ws/btcusdt@markPrice", "", symbols));
}

TEST_CASE("markPrice@1s pushes once per second of the clock and follows the "
          "mark",
          "[sim][binance][market]") {
  venue_fixture f;
  auto peer = std::make_shared<fake_peer>(7);
  REQUIRE(f.venue.ws_open("/market/ws/btcusdt@markPrice@1s", peer));
  CHECK(f.venue.market_connections() == 1);
  f.venue.poll();
  CHECK(peer->frames.empty()); // the first push is at the next whole second
  auto to_second = 1000 - f.now_ms() % 1000;
  step_ms(f, to_second - 1);
  CHECK(peer->frames.empty());
  step_ms(f, 1);
  REQUIRE(peer->frames.size() == 1);
  auto e = parse(peer->frames[0]);
  CHECK(keys_of(e)
        == std::set<std::string>{"e", "E", "s", "p", "i", "P", "r", "T"});
  CHECK(std::string(e["e"].GetString()) == "markPriceUpdate");
  CHECK(e["E"].GetInt64() == f.now_ms());
  CHECK(std::string(e["s"].GetString()) == "BTCUSDT");
  CHECK(std::string(e["p"].GetString()) == "95000.00000000");
  CHECK(e["T"].GetInt64() % (8 * 3600 * 1000) == 0);
  CHECK(e["T"].GetInt64() > f.now_ms());
  step_ms(f, 500);
  CHECK(peer->frames.size() == 1);
  f.venue.set_mark("BTCUSDT", decimal::parse_or_throw("96123.4"));
  step_ms(f, 500);
  REQUIRE(peer->frames.size() == 2);
  CHECK(std::string(parse(peer->frames[1])["p"].GetString())
        == "96123.40000000");
  // A late poll sends one event, not the seconds it missed.
  step_ms(f, 5000);
  CHECK(peer->frames.size() == 3);
  f.venue.ws_closed(7);
  step_ms(f, 1000);
  CHECK(peer->frames.size() == 3);
  CHECK(f.venue.market_connections() == 0);
}

TEST_CASE("markPrice follows the scenario's timeline",
          "[sim][binance][market]") {
  auto cfg = parse_scenario(
      R"({"timeline":[{"after_ms":2000,"symbol":"ETHUSDT","mark":"3600.00"}]})");
  venue_fixture f{cfg};
  f.now_us -= (f.now_ms() % 1000) * 1000; // a whole second
  auto peer = std::make_shared<fake_peer>(8);
  REQUIRE(f.venue.ws_open("/market/ws/ethusdt@markPrice@1s", peer));
  std::vector<std::string> marks;
  for (int i = 0; i < 4; ++i) {
    step_ms(f, 1000);
    marks.push_back(parse(peer->frames.back())["p"].GetString());
  }
  CHECK(peer->frames.size() == 4);
  CHECK(marks[0] == "3500.00000000");
  CHECK(marks[2] == "3600.00000000");
  CHECK(marks[3] == "3600.00000000");
}

TEST_CASE("bookTicker: the best levels on subscribe and on every change",
          "[sim][binance][market]") {
  venue_fixture f;
  auto peer = std::make_shared<fake_peer>(9);
  REQUIRE(f.venue.ws_open("/public/ws/solusdt@bookTicker", peer));
  REQUIRE(peer->frames.size() == 1);
  auto first = parse(peer->frames[0]);
  CHECK(keys_of(first)
        == std::set<std::string>{"e", "u", "E", "T", "s", "b", "B", "a", "A"});
  CHECK(std::string(first["e"].GetString()) == "bookTicker");
  CHECK(std::string(first["b"].GetString()) == "149.9900");
  CHECK(std::string(first["a"].GetString()) == "150.0100");
  f.venue.set_mark("SOLUSDT", decimal::parse_or_throw("151"));
  REQUIRE(peer->frames.size() == 2);
  auto second = parse(peer->frames[1]);
  CHECK(second["u"].GetUint64() > first["u"].GetUint64());
  CHECK(std::string(second["b"].GetString()) == "150.9900");
  f.venue.set_mark("ETHUSDT", decimal::parse_or_throw("3600"));
  CHECK(peer->frames.size() == 2); // other symbols do not push
}

TEST_CASE("combined streams wrap each event with its stream name",
          "[sim][binance][market]") {
  venue_fixture f;
  f.now_us -= (f.now_ms() % 3000) * 1000; // a multiple of 3 s
  auto peer = std::make_shared<fake_peer>(10);
  REQUIRE(f.venue.ws_open(
      "/market/stream?streams=btcusdt@markPrice@1s/dogeusdt@markPrice", peer));
  for (int i = 0; i < 3; ++i)
    step_ms(f, 1000);
  int btc = 0, doge = 0;
  for (const auto& frame : peer->frames) {
    auto d = parse(frame);
    std::string stream = d["stream"].GetString();
    if (stream == "btcusdt@markPrice@1s") ++btc;
    if (stream == "dogeusdt@markPrice") ++doge;
    CHECK(std::string(d["data"]["e"].GetString()) == "markPriceUpdate");
  }
  CHECK(btc == 3);
  CHECK(doge == 1);
  CHECK_FALSE(f.venue.ws_open("/market/ws/btcusdt@bookTicker",
                              std::make_shared<fake_peer>(11)));
}

TEST_CASE("binance records filter by since_seq and path",
          "[sim][binance][market][control]") {
  venue_fixture f;
  f.raw("GET", "/fapi/v1/time", "");
  f.raw("GET", "/fapi/v1/premiumIndex", "symbol=BTCUSDT");
  f.raw("GET", "/fapi/v1/time", "");
  auto all = parse(f.raw("GET", "/_sim/requests", "").body);
  REQUIRE(all.Size() == 3);
  CHECK(all[2]["seq"].GetUint64() == 3);
  auto after = parse(f.raw("GET", "/_sim/requests", "since_seq=1").body);
  CHECK(after.Size() == 2);
  auto times = parse(f.raw("GET", "/_sim/requests", "path=/fapi/v1/time").body);
  CHECK(times.Size() == 2);
  auto peer = std::make_shared<fake_peer>(12);
  REQUIRE(f.venue.ws_open("/public/ws/btcusdt@bookTicker", peer));
  auto frames = parse(
      f.raw("GET", "/_sim/frames", "path=/public/ws/btcusdt@bookTicker").body);
  REQUIRE(frames.Size() == 1);
  CHECK(frames[0]["seq"].GetUint64() >= 1);
  CHECK(parse(f.raw("GET", "/_sim/frames", "path=/ws/*").body).Empty());
  CHECK(f.raw("GET", "/_sim/requests", "since_seq=-1").status == 400);
  // Sequence numbers keep counting across a reset.
  f.raw("POST", "/_sim/reset", "");
  f.raw("GET", "/fapi/v1/time", "");
  auto fresh = parse(f.raw("GET", "/_sim/requests", "").body);
  REQUIRE(fresh.Size() == 1);
  CHECK(fresh[0]["seq"].GetUint64() == 4);
}

TEST_CASE("markPrice stream over loopback on the real clock",
          "[sim][binance][market][socket]") {
  binance_sim sim{venue_config{}};
  auto port = sim.start(0);
  hlc::sim::test::ws_client ws{port, "/market/ws/suiusdt@markPrice@1s"};
  auto frame = ws.read(std::chrono::milliseconds{3000});
  REQUIRE(frame);
  auto e = parse(*frame);
  CHECK(std::string(e["s"].GetString()) == "SUIUSDT");
  CHECK(std::string(e["p"].GetString()) == "3.50000000");
  hlc::sim::test::ws_client book{port, "/public/ws/suiusdt@bookTicker"};
  REQUIRE(book.read());
  CHECK_THROWS(hlc::sim::test::ws_client(port, "/market/ws/nope@markPrice"));
}

TEST_CASE("the user-data stream also opens at the /private/ws paths",
          "[sim][binance][user_stream]") {
  venue_fixture f;
  auto d = parse(f.raw("POST", "/fapi/v1/listenKey", "").body);
  std::string key = d["listenKey"].GetString();
  auto a = std::make_shared<fake_peer>(21);
  auto b = std::make_shared<fake_peer>(22);
  CHECK(f.venue.ws_open(
      "/private/ws?listenKey=" + key + "&events=ORDER_TRADE_UPDATE", a));
  CHECK(f.venue.ws_open("/private/ws/" + key, b));
  CHECK(f.venue.ws_connections() == 2);
  CHECK_FALSE(f.venue.ws_open("/private/ws?listenKey=nope",
                              std::make_shared<fake_peer>(23)));
  CHECK_FALSE(f.venue.ws_open("/private/ws", std::make_shared<fake_peer>(24)));
}

namespace {

std::string json_type(const rapidjson::Value& v) {
  if (v.IsString()) return "string";
  if (v.IsNumber()) return "number";
  if (v.IsBool()) return "bool";
  if (v.IsNull()) return "null";
  return v.IsArray() ? "array" : "object";
}

/// Every key the simulator sends exists in the docs example with the same
/// JSON type, and every example key is sent except `undocumented` (keys the
/// fixture has but the current BN-docs page does not show).
void same_shape(const rapidjson::Value& example, const rapidjson::Value& sim,
                const std::set<std::string>& undocumented) {
  for (const auto& m : sim.GetObject()) {
    std::string k = m.name.GetString();
    INFO("key " << k);
    REQUIRE(example.HasMember(k.c_str()));
    CHECK(json_type(example[k.c_str()]) == json_type(m.value));
  }
  for (const auto& m : example.GetObject()) {
    std::string k = m.name.GetString();
    INFO("key " << k);
    if (undocumented.count(k) == 0) CHECK(sim.HasMember(k.c_str()));
  }
}

} // namespace

TEST_CASE("stream events have the fields and types of the docs examples",
          "[sim][binance][market][fidelity]") {
  venue_fixture f;
  auto mark_peer = std::make_shared<fake_peer>(31);
  auto book_peer = std::make_shared<fake_peer>(32);
  REQUIRE(f.venue.ws_open("/market/ws/btcusdt@markPrice@1s", mark_peer));
  REQUIRE(f.venue.ws_open("/public/ws/btcusdt@bookTicker", book_peer));
  step_ms(f, 1000);
  REQUIRE(mark_peer->frames.size() == 1);
  REQUIRE(book_peer->frames.size() == 1);
  same_shape(parse(read_fixture("mark_price_stream.json")),
             parse(mark_peer->frames[0]), {"st"});
  same_shape(parse(read_fixture("book_ticker_stream.json")),
             parse(book_peer->frames[0]), {"st", "ps"});
}

TEST_CASE("bookTicker also pushes when a taker consumes the best level",
          "[sim][binance][market]") {
  auto cfg = parse_scenario(
      R"({"consume_liquidity":true,
          "books":{"BTCUSDT":{"bids":[["94999.9","1.000"]],
                              "asks":[["95000.1","0.010"],["95000.2","1.000"]]}}})");
  venue_fixture f{cfg};
  auto peer = std::make_shared<fake_peer>(41);
  REQUIRE(f.venue.ws_open("/public/ws/btcusdt@bookTicker", peer));
  REQUIRE(peer->frames.size() == 1);
  CHECK(std::string(parse(peer->frames[0])["a"].GetString()) == "95000.10");
  auto r = f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010");
  REQUIRE(r.status == 200);
  REQUIRE(peer->frames.size() == 2);
  CHECK(std::string(parse(peer->frames[1])["a"].GetString()) == "95000.20");
}
