// SIM-3: every fault shown, reproducibly for a seed.

#include "sim/binance/scenario.hpp"
#include "tests/sim/binance/venue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace {

const std::string mkt = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                        "&newClientOrderId=";

http_fault order_fault(fault_kind kind, bool executed) {
  http_fault f;
  f.method = "POST";
  f.path = "/fapi/v1/order";
  f.kind = kind;
  f.executed = executed;
  return f;
}

} // namespace

TEST_CASE("503 Unknown error that did and did not execute",
          "[sim][binance][faults]") {
  venue_fixture f;
  f.venue.add_fault(order_fault(fault_kind::unknown_503, true));
  auto r = f.order(mkt + "u1");
  CHECK(r.status == 503);
  CHECK(parse(r.body)["msg"].GetString()
        == std::string{"Unknown error, please check your request or try "
                       "again later."});
  auto placed = f.venue.find_order("BTCUSDT", "u1");
  REQUIRE(placed);
  CHECK(placed->status == "FILLED");
  // The fault fired once; the next order goes through.
  CHECK(f.order(mkt + "u2").status == 200);

  f.venue.add_fault(order_fault(fault_kind::unknown_503, false));
  CHECK(f.order(mkt + "u3").status == 503);
  CHECK_FALSE(f.venue.find_order("BTCUSDT", "u3"));
  CHECK(venue_fixture::code_of(f.signed_req(
            "GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=u3"))
        == -2013);
}

TEST_CASE("timeout -1007 that did and did not execute",
          "[sim][binance][faults]") {
  venue_fixture f;
  f.venue.add_fault(order_fault(fault_kind::timeout_1007, true));
  auto r = f.order(mkt + "t1");
  CHECK(venue_fixture::code_of(r) == -1007);
  CHECK(f.venue.find_order("BTCUSDT", "t1"));
  f.venue.add_fault(order_fault(fault_kind::timeout_1007, false));
  CHECK(venue_fixture::code_of(f.order(mkt + "t2")) == -1007);
  CHECK_FALSE(f.venue.find_order("BTCUSDT", "t2"));
}

TEST_CASE("connection reset after the order was accepted",
          "[sim][binance][faults]") {
  venue_fixture f;
  f.venue.add_fault(order_fault(fault_kind::reset, true));
  auto r = f.order(mkt + "r1");
  CHECK(r.reset);
  CHECK(f.venue.find_order("BTCUSDT", "r1"));
  auto recs = f.venue.requests();
  REQUIRE_FALSE(recs.empty());
  CHECK(recs.back().status == 0);
}

TEST_CASE("status, delay and stall faults; skip and count",
          "[sim][binance][faults]") {
  venue_fixture f;
  http_fault bad;
  bad.path = "/fapi/v1/time";
  bad.kind = fault_kind::status;
  bad.status = 502;
  bad.skip = 1;
  bad.count = 2;
  f.venue.add_fault(bad);
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 200); // skipped
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 502);
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 502);
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 200); // used up
  http_fault slow;
  slow.path = "/fapi/v1/depth";
  slow.kind = fault_kind::delay;
  slow.delay_ms = 250;
  f.venue.add_fault(slow);
  auto r = f.raw("GET", "/fapi/v1/depth", "symbol=BTCUSDT");
  CHECK(r.status == 200);
  CHECK(r.delay_us == 250000);
  http_fault stall;
  stall.kind = fault_kind::stall;
  f.venue.add_fault(stall);
  CHECK(f.raw("GET", "/fapi/v1/time", "").stall);
}

TEST_CASE("request weight: headers, 429 -1003 with Retry-After, then 418",
          "[sim][binance][faults]") {
  venue_config cfg;
  cfg.limits.weight_per_minute = 10;
  cfg.limits.ban_after_violations = 2;
  cfg.limits.ban_seconds = 300;
  venue_fixture f{cfg};
  f.now_us = 1700000020000000; // 20 s before a minute boundary
  for (int i = 1; i <= 5; ++i) {
    auto r = f.raw("GET", "/fapi/v1/depth", "symbol=BTCUSDT&limit=5");
    CHECK(r.status == 200);
    CHECK(venue_fixture::header(r, "X-MBX-USED-WEIGHT-1M")
          == std::to_string(2 * i));
  }
  auto r = f.raw("GET", "/fapi/v1/depth", "symbol=BTCUSDT&limit=5");
  CHECK(r.status == 429);
  CHECK(venue_fixture::code_of(r) == -1003);
  CHECK(venue_fixture::header(r, "Retry-After") == "20");
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 429);
  r = f.raw("GET", "/fapi/v1/time", "");
  CHECK(r.status == 418);
  CHECK(venue_fixture::code_of(r) == -1003);
  CHECK(venue_fixture::header(r, "Retry-After") == "300");
  // The ban outlives the minute window.
  f.now_us += 60LL * 1000 * 1000;
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 418);
  f.now_us += 241LL * 1000 * 1000;
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 200);
}

TEST_CASE("order count limits and order-count headers",
          "[sim][binance][faults]") {
  venue_config cfg;
  cfg.limits.orders_per_10s = 3;
  venue_fixture f{cfg};
  for (int i = 1; i <= 3; ++i) {
    auto r = f.order(mkt + "c" + std::to_string(i));
    CHECK(r.status == 200);
    CHECK(venue_fixture::header(r, "X-MBX-ORDER-COUNT-10S")
          == std::to_string(i));
    CHECK(venue_fixture::header(r, "X-MBX-ORDER-COUNT-1M")
          == std::to_string(i));
    CHECK(venue_fixture::header(r, "X-MBX-USED-WEIGHT-1M") == "0");
  }
  auto r = f.order(mkt + "c4");
  CHECK(r.status == 429);
  CHECK(venue_fixture::code_of(r) == -1015);
  CHECK_FALSE(venue_fixture::header(r, "Retry-After").empty());
  CHECK_FALSE(f.venue.find_order("BTCUSDT", "c4"));
}

TEST_CASE("probabilistic faults are reproducible for a seed",
          "[sim][binance][faults]") {
  auto pattern = [](uint64_t seed) {
    venue_config cfg;
    cfg.seed = seed;
    http_fault f;
    f.path = "/fapi/v1/time";
    f.kind = fault_kind::status;
    f.status = 500;
    f.count = -1;
    f.probability = 0.5;
    cfg.faults.push_back(f);
    venue_fixture v{cfg};
    std::string out;
    for (int i = 0; i < 40; ++i)
      out += v.raw("GET", "/fapi/v1/time", "").status == 500 ? 'x' : '.';
    return out;
  };
  auto a = pattern(7);
  CHECK(a == pattern(7));
  CHECK(a != pattern(8));
  CHECK(a.find('x') != std::string::npos);
  CHECK(a.find('.') != std::string::npos);
}

TEST_CASE("user-stream faults: duplicate, drop, reorder, malformed, "
          "disconnect",
          "[sim][binance][faults]") {
  auto run = [](stream_faults sf, uint64_t seed = 3) {
    venue_config cfg;
    cfg.seed = seed;
    cfg.stream = sf;
    venue_fixture f{cfg};
    auto peer = f.connect_user_stream();
    for (int i = 0; i < 5; ++i)
      f.order(mkt + "s" + std::to_string(i));
    return peer;
  };
  auto clean = run({});
  REQUIRE(clean->frames.size() == 20);
  stream_faults dup;
  dup.duplicate = 1.0;
  auto d = run(dup);
  REQUIRE(d->frames.size() == 40);
  CHECK(d->frames[0] == d->frames[1]);
  stream_faults drop;
  drop.drop = 1.0;
  CHECK(run(drop)->frames.empty());
  stream_faults reorder;
  reorder.reorder = 0.5;
  auto r1 = run(reorder);
  auto r2 = run(reorder);
  CHECK(r1->frames == r2->frames); // same seed, same order
  CHECK(r1->frames != clean->frames);
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  CHECK(sorted(r1->frames) == sorted(clean->frames));
  stream_faults bad;
  bad.malformed = 1.0;
  auto m = run(bad);
  CHECK(event_types(m->frames)[0] == "<malformed>");
  stream_faults cut;
  cut.disconnect_after_frames = 6;
  auto c = run(cut);
  CHECK(c->frames.size() == 6);
  CHECK(c->was_reset);
}

TEST_CASE("requests are recorded with receive time; control routes work",
          "[sim][binance][faults]") {
  venue_fixture f;
  f.raw("GET", "/fapi/v1/time", "");
  f.now_us += 1500;
  f.order(mkt + "rec");
  auto recs = f.venue.requests();
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].received_us - recs[0].received_us == 1500);
  CHECK(recs[1].path == "/fapi/v1/order");
  CHECK(recs[1].api_key_sent);
  auto listed = parse(f.raw("GET", "/_sim/requests", "").body);
  CHECK(listed.Size() == 2);
  auto r = f.raw("POST", "/_sim/mark", "",
                 R"({"symbol":"BTCUSDT","mark":"96000.0"})");
  CHECK(r.status == 200);
  CHECK(f.venue.mark("BTCUSDT") == decimal::from_int(96000));
  CHECK(f.raw("POST", "/_sim/mark", "", R"({"symbol":"X","mark":"1"})").status
        == 400);
  r = f.raw(
      "POST", "/_sim/fault", "",
      R"({"http":{"path":"/fapi/v1/time","kind":"status","status":504}})");
  CHECK(r.status == 200);
  CHECK(f.raw("GET", "/fapi/v1/time", "").status == 504);
  auto bad = f.raw("POST", "/_sim/fault", "", R"({"http":{"kind":"boom"}})");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("http.kind") != std::string::npos);
  auto orders = parse(f.raw("GET", "/_sim/orders", "").body);
  CHECK(orders.Size() == 1);
  auto pos = parse(f.raw("GET", "/_sim/positions", "").body);
  CHECK(std::string{pos[0]["positionAmt"].GetString()} == "0.002");
  auto stats = parse(f.raw("GET", "/_sim/stats", "").body);
  CHECK(stats["signed_writes"].GetUint64() == 1);
  CHECK(f.raw("POST", "/_sim/reset", "").status == 200);
  CHECK(f.venue.orders().empty());
  CHECK(f.venue.positions().empty());
  CHECK(f.venue.signed_write_count() == 0);
}

TEST_CASE("overloaded -1008: refused, not executed, never for reduce-only",
          "[sim][binance][faults]") {
  venue_fixture f;
  f.venue.set_mark("BTCUSDT", decimal::parse_or_throw("95000"));
  REQUIRE(f.order(mkt + "open").status == 200); // a long position to reduce
  auto overload = order_fault(fault_kind::overloaded_1008, false);
  overload.count = 2;
  f.venue.add_fault(overload);
  // A reduce-only close passes untouched and does not use up a firing.
  auto close = f.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.001"
                       "&reduceOnly=true&newClientOrderId=close1");
  CHECK(close.status == 200);
  auto r = f.order(mkt + "o1");
  CHECK(r.status == 503);
  CHECK(venue_fixture::code_of(r) == -1008);
  CHECK(std::string{parse(r.body)["msg"].GetString()}.rfind(
            "Server is currently overloaded", 0)
        == 0);
  CHECK_FALSE(f.venue.find_order("BTCUSDT", "o1"));
  CHECK(venue_fixture::code_of(f.order(mkt + "o2")) == -1008);
  CHECK(f.order(mkt + "o3").status == 200); // both firings used
  SECTION("armed from the control route") {
    auto a = f.raw(
        "POST", "/_sim/fault", "",
        R"({"http":{"kind":"overloaded_1008","path":"/fapi/v1/order"}})");
    CHECK(a.status == 200);
    CHECK(venue_fixture::code_of(f.order(mkt + "o4")) == -1008);
  }
}

TEST_CASE("server-clock drift: -1021 until the client resyncs via /time",
          "[sim][binance][faults]") {
  venue_fixture f;
  auto ok = f.signed_req("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT");
  REQUIRE(ok.status == 200);
  f.venue.set_clock_offset_ms(-8000); // the venue's clock falls behind 8 s
  auto r = f.signed_req("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT");
  CHECK(venue_fixture::code_of(r) == -1021);
  auto t = parse(f.raw("GET", "/fapi/v1/time", "").body);
  auto server_ms = t["serverTime"].GetInt64();
  CHECK(server_ms == f.now_ms() - 8000);
  // A client that applies the measured offset signs with server time.
  auto params = "symbol=BTCUSDT&timestamp=" + std::to_string(server_ms);
  params += "&signature=" + hmac_sha256_hex(test_api_secret, params);
  CHECK(f.raw("GET", "/fapi/v1/openOrders", params).status == 200);
  SECTION("ahead: -1021 'ahead of the server' too") {
    f.venue.set_clock_offset_ms(60'000);
    CHECK(venue_fixture::code_of(
              f.signed_req("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT"))
          == -1021);
  }
  SECTION("from the control route and cleared with the faults") {
    CHECK(
        f.raw("POST", "/_sim/fault", "", R"({"clock_offset_ms":-9000})").status
        == 200);
    CHECK(parse(f.raw("GET", "/fapi/v1/time", "").body)["serverTime"].GetInt64()
          == f.now_ms() - 9000);
    CHECK(f.raw("POST", "/_sim/fault", "", R"({"clear":true})").status == 200);
    CHECK(f.signed_req("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT").status
          == 200);
  }
  SECTION("from a scenario") {
    auto cfg = parse_scenario(R"({"clock_offset_ms": 7000})");
    CHECK(cfg.clock_offset_ms == 7000);
  }
}

TEST_CASE("duplicate TRADE executions: the same trade id pushed twice",
          "[sim][binance][faults]") {
  venue_fixture f;
  f.venue.set_mark("BTCUSDT", decimal::parse_or_throw("95000"));
  auto peer = f.connect_user_stream();
  stream_faults sf;
  sf.duplicate_trade = 1.0;
  f.venue.set_stream_faults(sf);
  REQUIRE(f.order(mkt + "d1").status == 200);
  // seq A plus the TRADE execution again at the end of the batch.
  REQUIRE(peer->frames.size() == 5);
  CHECK(event_types(peer->frames)
        == std::vector<std::string>{"TRADE_LITE", "ORDER_TRADE_UPDATE",
                                    "ACCOUNT_UPDATE", "ORDER_TRADE_UPDATE",
                                    "ORDER_TRADE_UPDATE"});
  CHECK(peer->frames[4] == peer->frames[3]);
  CHECK(std::string{parse(peer->frames[4])["o"]["x"].GetString()} == "TRADE");
  auto cfg = parse_scenario(R"({"user_stream":{"duplicate_trade":0.5}})");
  CHECK(cfg.stream.duplicate_trade == 0.5);
}

TEST_CASE("silent but alive user stream: open, no events",
          "[sim][binance][faults]") {
  venue_fixture f;
  f.venue.set_mark("BTCUSDT", decimal::parse_or_throw("95000"));
  auto peer = f.connect_user_stream();
  CHECK(f.raw("POST", "/_sim/fault", "", R"({"stream":{"silent":true}})").status
        == 200);
  REQUIRE(f.order(mkt + "s1").status == 200);
  CHECK(peer->frames.empty());
  CHECK_FALSE(peer->closed);
  CHECK_FALSE(peer->was_reset);
  CHECK(f.venue.ws_connections() == 1);
  // Back to normal: events flow again (the silent ones stay lost).
  f.venue.set_stream_faults({});
  REQUIRE(f.order(mkt + "s2").status == 200);
  CHECK(peer->frames.size() == 4);
}
