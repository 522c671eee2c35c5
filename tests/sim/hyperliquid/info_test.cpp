// POST /info behaviour: caps, inclusive pagination, horizon, weights, errors,
// and the fields the simulator computes for scripted trades.

#include "hl_test_util.hpp"

#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_venue.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace hlc::sim;
using namespace hlc::sim::hl;
using namespace hl_test;

namespace {

const std::string leader_addr = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

trade_spec spec(char side, const std::string& px, const std::string& sz,
                const std::string& coin = "BTC") {
  trade_spec t;
  t.leader = leader_addr;
  t.coin = coin;
  t.side = side;
  t.px = px;
  t.sz = sz;
  return t;
}

/// `n` fills, `per_ms` of them in each millisecond starting at t0.
void fill_history(hl_venue& v, int n, int per_ms, int64_t t0) {
  for (int i = 0; i < n; ++i) {
    auto t = spec(i % 2 ? 'A' : 'B', "100.0", "1.0", "SOL");
    t.oid = 1000 + static_cast<uint64_t>(i / per_ms);
    v.add_history(t, t0 + i / per_ms);
  }
}

rapidjson::Document by_time(hl_venue& v, int64_t start,
                            std::optional<int64_t> end = {},
                            bool reversed = false) {
  std::string body = R"({"type":"userFillsByTime","user":")" + leader_addr
                     + "\",\"startTime\":" + std::to_string(start);
  if (end) body += ",\"endTime\":" + std::to_string(*end);
  if (reversed) body += ",\"reversed\":true";
  body += "}";
  auto [status, text] = v.info(body);
  REQUIRE(status == 200);
  return parse(text);
}

http_request info_req(const std::string& body) {
  http_request r;
  r.method = "POST";
  r.path = "/info";
  r.body = body;
  return r;
}

} // namespace

TEST_CASE("userFills returns at most 2000 fills, newest first",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  fill_history(v, 2500, 1, 1'000'000);
  auto [status, body]
      = v.info(R"({"type":"userFills","user":")" + leader_addr + "\"}");
  REQUIRE(status == 200);
  auto fills = parse(body);
  REQUIRE(fills.Size() == 2000);
  CHECK(fills[0]["time"].GetInt64() == 1'000'000 + 2499);
  CHECK(fills[1999]["time"].GetInt64() == 1'000'000 + 500);
  for (rapidjson::SizeType i = 1; i < fills.Size(); ++i)
    REQUIRE(fills[i - 1]["time"].GetInt64() >= fills[i]["time"].GetInt64());
}

TEST_CASE("userFillsByTime: inclusive bounds, ascending, page cap",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  fill_history(v, 10, 1, 5000); // times 5000..5009
  auto page = by_time(v, 5003, 5006);
  REQUIRE(page.Size() == 4);
  CHECK(page[0]["time"].GetInt64() == 5003); // start inclusive
  CHECK(page[3]["time"].GetInt64() == 5006); // end inclusive
  auto rev = by_time(v, 5003, 5006, true);
  REQUIRE(rev.Size() == 4);
  CHECK(rev[0]["time"].GetInt64() == 5006);
  CHECK(by_time(v, 6000).Size() == 0);
}

TEST_CASE("paging with last time as next startTime returns boundary "
          "duplicates and loses nothing",
          "[sim][hl][info]") {
  manual_clock clock;
  venue_settings s;
  s.page_size = 500;
  hl_venue v{clock, s};
  // 7 fills per millisecond, so pages cut inside a millisecond.
  fill_history(v, 1400, 7, 10'000);
  std::set<std::pair<int64_t, uint64_t>> seen; // (time, tid)
  size_t received = 0;
  int64_t start = 0;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = by_time(v, start);
    if (page.Size() == 0) break;
    REQUIRE(page.Size() <= 500);
    received += page.Size();
    for (const auto& f : page.GetArray())
      seen.emplace(f["time"].GetInt64(), f["tid"].GetUint64());
    auto last = page[page.Size() - 1]["time"].GetInt64();
    if (page.Size() < 500) break;
    start = last;
  }
  CHECK(seen.size() == 1400);
  CHECK(received > 1400); // boundary fills came back twice
}

TEST_CASE("page cap is 2000 by default and 500 when configured",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  fill_history(v, 2600, 1, 1000);
  CHECK(by_time(v, 0).Size() == 2000);
  auto s = v.settings();
  s.page_size = 500;
  v.settings(s);
  auto page = by_time(v, 0);
  CHECK(page.Size() == 500);
  CHECK(page[0]["time"].GetInt64() == 1000); // oldest first
}

TEST_CASE("only the latest 10000 fills of a user exist", "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  fill_history(v, 10'050, 1, 1000);
  REQUIRE(v.leader(leader_addr)->fills.size() == 10'000);
  auto first = by_time(v, 0);
  REQUIRE(first.Size() > 0);
  CHECK(first[0]["time"].GetInt64() == 1000 + 50); // the oldest 50 are gone
  CHECK(by_time(v, 1000, 1049).Size() == 0);
}

TEST_CASE("aggregateByTime merges the partial fills of one crossing order",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  for (const char* px : {"100.0", "101.0"}) {
    auto t = spec('B', px, "1.0", "SOL");
    t.oid = 77;
    v.add_history(t, 5000);
  }
  auto [s1, plain]
      = v.info(R"({"type":"userFills","user":")" + leader_addr + "\"}");
  CHECK(parse(plain).Size() == 2);
  auto [s2, merged] = v.info(R"({"type":"userFills","user":")" + leader_addr
                             + R"(","aggregateByTime":true})");
  auto m = parse(merged);
  REQUIRE(m.Size() == 1);
  CHECK(std::string(m[0]["sz"].GetString()) == "2.0");
  CHECK(std::string(m[0]["px"].GetString()) == "100.5");
}

TEST_CASE("computed fields: startPosition, dir, closedPnl, fee, hash",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  auto a = v.push_trade(spec('B', "100.0", "2.0", "SOL"));
  CHECK(a.start_position == "0.0");
  CHECK(a.dir == "Open Long");
  CHECK(a.closed_pnl == "0.0");
  CHECK(a.fee == "0.09"); // 200 * 0.045 %
  auto b = v.push_trade(spec('A', "110.0", "3.0", "SOL"));
  CHECK(b.start_position == "2.0");
  CHECK(b.dir == "Long > Short");
  CHECK(b.closed_pnl == "20.0"); // 2 * (110 - 100)
  auto c = v.push_trade(spec('B', "105.0", "1.0", "SOL"));
  CHECK(c.start_position == "-1.0");
  CHECK(c.dir == "Close Short");
  CHECK(c.closed_pnl == "5.0");
  CHECK(v.snapshot().positions.count(leader_addr) == 0); // flat again
  auto maker = spec('A', "100.0", "1.0", "SOL");
  maker.crossed = false;
  auto d = v.push_trade(maker);
  CHECK(d.dir == "Open Short");
  CHECK(d.fee == "0.015");
  CHECK(d.hash.size() == 66);
  CHECK(d.hash.rfind("0x", 0) == 0);
  CHECK(*d.tid < (uint64_t{1} << 50));
  CHECK(v.snapshot().positions[leader_addr]["SOL"] == "-1.0");
}

TEST_CASE("info errors: bad JSON 400, unknown type and missing fields 422",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  auto [s1, b1] = v.info("{nope");
  CHECK(s1 == 400);
  CHECK_THAT(b1, Catch::StartsWith("Failed to parse the request body as JSON"));
  auto [s2, b2] = v.info(R"({"type":"frobnicate"})");
  CHECK(s2 == 422);
  CHECK(b2
        == "Failed to deserialize the JSON body into the target type: "
           "unknown variant `frobnicate`");
  auto [s3, b3] = v.info(R"({"type":"userFills"})");
  CHECK(s3 == 422);
  CHECK_THAT(b3, Catch::Contains("missing field `user`"));
  auto [s4, b4]
      = v.info(R"({"type":"userFillsByTime","user":")" + leader_addr + "\"}");
  CHECK(s4 == 422);
  CHECK_THAT(b4, Catch::Contains("startTime"));
  auto [s5, b5] = v.info(R"({"type":"userFills","user":"0x12"})");
  CHECK(s5 == 422);
  auto r = v.handle_http(info_req(R"({"type":"frobnicate"})"));
  CHECK(r.status == 422);
  CHECK(r.content_type == "text/plain");
}

TEST_CASE("weights: 1200 per minute per IP, then HTTP 429 until refilled",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  // meta weighs 20: 60 fit in a minute.
  for (int i = 0; i < 60; ++i)
    REQUIRE(v.handle_http(info_req(R"({"type":"meta"})")).status == 200);
  auto limited = v.handle_http(info_req(R"({"type":"meta"})"));
  CHECK(limited.status == 429);
  // allMids weighs 2, still too much with an empty bucket.
  CHECK(v.handle_http(info_req(R"({"type":"allMids"})")).status == 429);
  clock.advance_ms(1000); // refills 20 weight
  CHECK(v.handle_http(info_req(R"({"type":"meta"})")).status == 200);
  CHECK(v.handle_http(info_req(R"({"type":"allMids"})")).status == 429);
  v.reset_limits();
  CHECK(v.handle_http(info_req(R"({"type":"allMids"})")).status == 200);
}

TEST_CASE("each client IP has its own weight budget", "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  auto from = [](const std::string& ip) {
    auto r = info_req(R"({"type":"meta"})");
    r.remote_ip = ip;
    return r;
  };
  for (int i = 0; i < 60; ++i)
    REQUIRE(v.handle_http(from("127.0.0.2")).status == 200);
  CHECK(v.handle_http(from("127.0.0.2")).status == 429);
  CHECK(v.handle_http(from("127.0.0.3")).status == 200);
}

TEST_CASE("userFills pay one extra weight per 20 fills returned",
          "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  fill_history(v, 2000, 1, 1000);
  auto req = info_req(R"({"type":"userFills","user":")" + leader_addr + "\"}");
  // 20 + 100 = 120 per full page: 10 pages fit in 1200, the 11th does not.
  for (int i = 0; i < 10; ++i)
    REQUIRE(v.handle_http(req).status == 200);
  CHECK(v.handle_http(req).status == 429);
}

TEST_CASE("POST to other paths answers 404", "[sim][hl][info]") {
  manual_clock clock;
  hl_venue v{clock};
  http_request r = info_req("{}");
  r.path = "/exchange";
  CHECK(v.handle_http(r).status == 404);
}
