// GET /fapi/v1/userTrades and DELETE /fapi/v1/allOpenOrders (issue 8 item
// 8; BN-docs Account-Trade-List, Cancel-All-Open-Orders).

#include "tests/sim/binance/venue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace {

decimal dec(const char* x) {
  return decimal::parse_or_throw(x);
}

std::string market_buy(const std::string& cid) {
  return "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
         "&newClientOrderId="
         + cid;
}

std::string resting_buy(const std::string& cid) {
  return "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=90000"
         "&quantity=0.002&newClientOrderId="
         + cid;
}

} // namespace

TEST_CASE("userTrades: the real field set, oldest first, weight 5",
          "[sim][binance][user_trades]") {
  venue_fixture f;
  f.venue.set_mark("BTCUSDT", dec("95000"));
  REQUIRE(f.order(market_buy("a1")).status == 200);
  f.now_us += 1000;
  REQUIRE(f.order(market_buy("a2")).status == 200);
  auto r = f.signed_req("GET", "/fapi/v1/userTrades", "symbol=BTCUSDT");
  REQUIRE(r.status == 200);
  CHECK(venue_fixture::header(r, "X-MBX-USED-WEIGHT-1M") == "5");
  auto d = parse(r.body);
  REQUIRE(d.IsArray());
  REQUIRE(d.Size() >= 2);
  const auto& t = d[0];
  for (const char* k : {"buyer", "commission", "commissionAsset", "id", "maker",
                        "orderId", "price", "qty", "quoteQty", "realizedPnl",
                        "side", "positionSide", "symbol", "time"})
    CHECK(t.HasMember(k));
  CHECK(t["buyer"].GetBool());
  CHECK(t["orderId"].IsUint64());
  CHECK(t["price"].IsString());
  CHECK(std::string{t["side"].GetString()} == "BUY");
  CHECK(std::string{t["commissionAsset"].GetString()} == "USDT");
  for (rapidjson::SizeType i = 1; i < d.Size(); ++i)
    CHECK(d[i - 1]["id"].GetUint64() < d[i]["id"].GetUint64());
  auto placed = f.venue.find_order("BTCUSDT", "a1");
  REQUIRE(placed);
  CHECK(t["orderId"].GetUint64() == placed->order_id);
  CHECK(t["id"].GetUint64() == placed->fills.at(0).trade_id);
}

TEST_CASE("userTrades: fromId, orderId, time window and limit",
          "[sim][binance][user_trades]") {
  venue_fixture f;
  f.venue.set_mark("BTCUSDT", dec("95000"));
  for (int i = 0; i < 3; ++i) {
    REQUIRE(f.order(market_buy("b" + std::to_string(i))).status == 200);
    f.now_us += 10'000; // 10 ms apart
  }
  auto all = parse(
      f.signed_req("GET", "/fapi/v1/userTrades", "symbol=BTCUSDT").body);
  REQUIRE(all.Size() == 3);
  auto second = all[1]["id"].GetUint64();
  auto from
      = parse(f.signed_req("GET", "/fapi/v1/userTrades",
                           "symbol=BTCUSDT&fromId=" + std::to_string(second))
                  .body);
  REQUIRE(from.Size() == 2);
  CHECK(from[0]["id"].GetUint64() == second);
  auto one = parse(
      f.signed_req("GET", "/fapi/v1/userTrades", "symbol=BTCUSDT&limit=1")
          .body);
  REQUIRE(one.Size() == 1);
  CHECK(one[0]["id"].GetUint64() == all[2]["id"].GetUint64()); // most recent
  auto t0 = all[0]["time"].GetInt64();
  auto window
      = parse(f.signed_req("GET", "/fapi/v1/userTrades",
                           "symbol=BTCUSDT&startTime=" + std::to_string(t0 + 1)
                               + "&endTime=" + std::to_string(t0 + 15))
                  .body);
  REQUIRE(window.Size() == 1);
  CHECK(window[0]["id"].GetUint64() == second);
  auto by_order
      = parse(f.signed_req("GET", "/fapi/v1/userTrades",
                           "symbol=BTCUSDT&orderId="
                               + std::to_string(all[2]["orderId"].GetUint64()))
                  .body);
  REQUIRE(by_order.IsArray());
  REQUIRE(by_order.Size() == 1);
  CHECK(by_order[0]["id"].GetUint64() == all[2]["id"].GetUint64());

  CHECK(venue_fixture::code_of(f.signed_req("GET", "/fapi/v1/userTrades",
                                            "symbol=BTCUSDT&limit=1001"))
        == -1130);
  CHECK(venue_fixture::code_of(f.signed_req("GET", "/fapi/v1/userTrades",
                                            "symbol=BTCUSDT&fromId=1&startTime="
                                                + std::to_string(t0)))
        == -1128);
  CHECK(venue_fixture::code_of(f.signed_req(
            "GET", "/fapi/v1/userTrades",
            "symbol=BTCUSDT&startTime=0&endTime=" + std::to_string(t0)))
        == -1127);
  CHECK(venue_fixture::code_of(
            f.signed_req("GET", "/fapi/v1/userTrades", "symbol=NOPEUSDT"))
        == -1121);
  // Unsigned: refused like every USER_DATA endpoint.
  CHECK(f.raw("GET", "/fapi/v1/userTrades", "symbol=BTCUSDT").status == 400);
}

TEST_CASE("allOpenOrders: cancels the symbol's open orders, pushes CANCELED",
          "[sim][binance][cancel_all]") {
  venue_fixture f;
  f.venue.set_mark("BTCUSDT", dec("95000"));
  f.venue.set_mark("ETHUSDT", dec("3500"));
  REQUIRE(f.order(resting_buy("r1")).status == 200);
  REQUIRE(f.order(resting_buy("r2")).status == 200);
  REQUIRE(f.order("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                  "&price=3000&quantity=0.050&newClientOrderId=e1")
              .status
          == 200);
  auto peer = f.connect_user_stream();
  auto r = f.signed_req("DELETE", "/fapi/v1/allOpenOrders", "symbol=BTCUSDT");
  REQUIRE(r.status == 200);
  CHECK(
      r.body
      == R"({"code":200,"msg":"The operation of cancel all open order is done."})");
  CHECK(f.venue.find_order("BTCUSDT", "r1")->status == "CANCELED");
  CHECK(f.venue.find_order("BTCUSDT", "r2")->status == "CANCELED");
  CHECK(f.venue.find_order("ETHUSDT", "e1")->status == "NEW");
  REQUIRE(peer->frames.size() == 2);
  for (auto& frame : peer->frames) {
    auto ev = parse(frame);
    CHECK(std::string{ev["o"]["x"].GetString()} == "CANCELED");
    CHECK(std::string{ev["o"]["X"].GetString()} == "CANCELED");
  }
  // Nothing open: still the same answer, no event.
  CHECK(
      f.signed_req("DELETE", "/fapi/v1/allOpenOrders", "symbol=BTCUSDT").status
      == 200);
  CHECK(peer->frames.size() == 2);
  CHECK(venue_fixture::code_of(
            f.signed_req("DELETE", "/fapi/v1/allOpenOrders", ""))
        == -1102);
}
