#include "tests/sim/binance/venue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace {

decimal d(const char* s) {
  return decimal::parse_or_throw(s);
}

int code(const http_response& r) {
  return venue_fixture::code_of(r);
}

std::string str_field(const http_response& r, const char* k) {
  auto doc = parse(r.body);
  return doc[k].GetString();
}

venue_config with_btc_position(const char* amount, const char* entry) {
  venue_config cfg;
  cfg.positions.push_back({"BTCUSDT", "BOTH", d(amount), d(entry)});
  return cfg;
}

// A symbol whose step is not a power of ten, so -4023 is reachable, and
// whose min qty exceeds the step, so -4004 is reachable.
venue_config with_odd_symbol() {
  venue_config cfg;
  auto s = cfg.symbols[0];
  s.symbol = "ODDUSDT";
  s.step_size = s.market_step_size = d("0.005");
  s.min_qty = s.market_min_qty = d("0.010");
  s.min_notional = d("5");
  cfg.symbols.push_back(s);
  return cfg;
}

} // namespace

TEST_CASE("symbol and mandatory parameters", "[sim][binance]") {
  venue_fixture f;
  CHECK(code(f.order("symbol=NOPEUSDT&side=BUY&type=MARKET&quantity=1"))
        == -1121);
  CHECK(code(f.order("side=BUY&type=MARKET&quantity=1")) == -1102);
  auto r = f.order("symbol=BTCUSDT&side=BUY&type=MARKET");
  CHECK(code(r) == -1102);
  CHECK(str_field(r, "msg").find("'quantity'") != std::string::npos);
  CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.002"
                     "&timeInForce=GTC"))
        == -1102);
  CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.002"
                     "&price=90000"))
        == -1102);
  CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=abc"))
        == -1102);
  CHECK(code(f.signed_req("GET", "/fapi/v1/order", "symbol=BTCUSDT")) == -1102);
}

TEST_CASE("client order id rules: -4015 and -4116 among OPEN orders only",
          "[sim][binance]") {
  venue_fixture f;
  auto base = std::string{"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.002"
                          "&price=90000&timeInForce=GTC"};
  CHECK(code(f.order(base + "&newClientOrderId=" + std::string(37, 'a')))
        == -4015);
  CHECK(code(f.order(base + "&newClientOrderId=bad%21id")) == -4015);
  // 36 chars from the whole charset are fine.
  CHECK(f.order(base
                + "&newClientOrderId=AZaz09._-%3A%2Fxxxxxxxxxxxxxxxxxxxxxxxxx")
            .status
        == 200);
  CHECK(f.order(base + "&newClientOrderId=open-1").status == 200);
  CHECK(code(f.order(base + "&newClientOrderId=open-1")) == -4116);
  // A filled id may be reused (the reason a copier must query first).
  auto m = std::string{"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                       "&newClientOrderId=mkt-1"};
  CHECK(f.order(m).status == 200);
  CHECK(f.order(m).status == 200);
  // ... and so may a canceled one.
  CHECK(f.signed_req("DELETE", "/fapi/v1/order",
                     "symbol=BTCUSDT&origClientOrderId=open-1")
            .status
        == 200);
  CHECK(f.order(base + "&newClientOrderId=open-1").status == 200);
}

TEST_CASE("quantity and price filters", "[sim][binance]") {
  venue_fixture f{with_odd_symbol()};
  auto limit = [&](const std::string& qty, const std::string& px,
                   const std::string& side = "BUY") {
    return f.order("symbol=BTCUSDT&side=" + side
                   + "&type=LIMIT&timeInForce=GTC&quantity=" + qty
                   + "&price=" + px);
  };
  CHECK(code(limit("0", "90000")) == -4003);
  CHECK(code(limit("-1", "90000")) == -4003);
  CHECK(code(limit("0.0015", "90000")) == -1111);
  CHECK(code(limit("1001", "90000")) == -4005);
  CHECK(code(limit("0.002", "90000.05")) == -4014);
  CHECK(code(limit("0.002", "90000.123")) == -1111);
  // PERCENT_PRICE around mark 95000: cap 99750, floor 90250.
  CHECK(code(limit("0.002", "99750.10")) == -4016);
  CHECK(limit("0.002", "99750.00").status == 200);
  CHECK(code(limit("0.002", "90249.90", "SELL")) == -4024);
  CHECK(limit("0.002", "90250.00", "SELL").status == 200);
  // MARKET is capped by MARKET_LOT_SIZE (120), LIMIT by LOT_SIZE (1000).
  CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=121"))
        == -4005);
  // Step and min on a symbol where they differ from the precision.
  auto odd = [&](const std::string& qty) {
    return f.order("symbol=ODDUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                   "&price=90000&quantity="
                   + qty);
  };
  CHECK(code(odd("0.007")) == -4023);
  CHECK(code(odd("0.005")) == -4004);
  CHECK(odd("0.015").status == 200);
}

TEST_CASE("MIN_NOTIONAL -4164 and the reduce-only exemption",
          "[sim][binance]") {
  venue_fixture f{with_btc_position("0.002", "94000")};
  auto r = f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001");
  CHECK(code(r) == -4164);
  CHECK(str_field(r, "msg")
        == "Order's notional must be no smaller than 100 (unless you choose "
           "reduce only).");
  CHECK(code(f.order("symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.005"))
        == -4164); // 17.5 < 20
  r = f.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.001"
              "&reduceOnly=true&newOrderRespType=RESULT");
  CHECK(r.status == 200);
  CHECK(str_field(r, "status") == "FILLED");
  CHECK(f.venue.positions()[0].amount == d("0.001"));
}

TEST_CASE("reduce-only -2022 and margin -2019", "[sim][binance]") {
  SECTION("no position") {
    venue_fixture f;
    CHECK(code(f.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.002"
                       "&reduceOnly=true"))
          == -2022);
  }
  SECTION("would increase the position") {
    venue_fixture f{with_btc_position("0.002", "94000")};
    CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                       "&reduceOnly=true"))
          == -2022);
  }
  SECTION("reduce-only larger than the position fills only the position") {
    venue_fixture f{with_btc_position("0.002", "94000")};
    auto r = f.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010"
                     "&reduceOnly=true&newOrderRespType=RESULT");
    CHECK(str_field(r, "executedQty") == "0.002");
    CHECK(str_field(r, "status") == "EXPIRED");
    CHECK(f.venue.positions()[0].amount.is_zero());
  }
  SECTION("initial margin beyond the balance") {
    venue_fixture f; // 10 000 USDT at 20x: 200 000 notional
    CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=2.200"))
          == -2019);
    CHECK(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=2.000").status
          == 200);
  }
}

TEST_CASE("hedge mode: -1106 for reduceOnly, -4061 for position side",
          "[sim][binance]") {
  venue_config cfg;
  cfg.dual_side = true;
  venue_fixture f{cfg};
  CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                     "&positionSide=LONG&reduceOnly=false"))
        == -1106);
  CHECK(code(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"))
        == -4061);
  CHECK(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                "&positionSide=LONG")
            .status
        == 200);
  venue_fixture one_way;
  CHECK(code(one_way.order("symbol=BTCUSDT&side=BUY&type=MARKET"
                           "&quantity=0.002&positionSide=LONG"))
        == -4061);
  auto dual
      = parse(one_way.signed_req("GET", "/fapi/v1/positionSide/dual", "").body);
  CHECK_FALSE(dual["dualSidePosition"].GetBool());
  CHECK(one_way
            .signed_req("POST", "/fapi/v1/positionSide/dual",
                        "dualSidePosition=true")
            .status
        == 200);
  CHECK(code(one_way.signed_req("POST", "/fapi/v1/positionSide/dual",
                                "dualSidePosition=true"))
        == -4059);
}

TEST_CASE("query and cancel of unknown orders: -2013 / -2011",
          "[sim][binance]") {
  venue_fixture f;
  CHECK(code(f.signed_req("GET", "/fapi/v1/order",
                          "symbol=BTCUSDT&orderId=12345"))
        == -2013);
  CHECK(code(f.signed_req("GET", "/fapi/v1/order",
                          "symbol=BTCUSDT&origClientOrderId=nope"))
        == -2013);
  CHECK(code(f.signed_req("DELETE", "/fapi/v1/order",
                          "symbol=BTCUSDT&orderId=12345"))
        == -2011);
  f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
          "&newClientOrderId=done");
  // A filled order can be queried but not canceled.
  auto q = f.signed_req("GET", "/fapi/v1/order",
                        "symbol=BTCUSDT&origClientOrderId=done");
  CHECK(q.status == 200);
  CHECK(str_field(q, "status") == "FILLED");
  CHECK(code(f.signed_req("DELETE", "/fapi/v1/order",
                          "symbol=BTCUSDT&origClientOrderId=done"))
        == -2011);
}

TEST_CASE("ACK vs RESULT and orderId above 2^53", "[sim][binance]") {
  venue_fixture f;
  auto ack = f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
  auto doc = parse(ack.body);
  CHECK(std::string{doc["status"].GetString()} == "NEW");
  CHECK(std::string{doc["executedQty"].GetString()} == "0.000");
  REQUIRE(doc["orderId"].IsUint64());
  CHECK(doc["orderId"].GetUint64() == 8389765739703625592ULL);
  CHECK(ack.body.find("\"orderId\":8389765739703625592,") != std::string::npos);
  // The order itself filled although the ACK says NEW.
  auto q = f.signed_req("GET", "/fapi/v1/order",
                        "symbol=BTCUSDT&orderId=8389765739703625592");
  CHECK(str_field(q, "status") == "FILLED");
  auto res = f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                     "&newOrderRespType=RESULT");
  doc = parse(res.body);
  CHECK(doc["orderId"].GetUint64() == 8389765739703625593ULL);
  CHECK(std::string{doc["status"].GetString()} == "FILLED");
  CHECK(std::string{doc["executedQty"].GetString()} == "0.002");
  CHECK(std::string{doc["cumQty"].GetString()} == "0.002");
  CHECK(std::string{doc["avgPrice"].GetString()} == "95000.10000");
  CHECK(std::string{doc["cumQuote"].GetString()} == "190.00020");
  // Ids count per symbol.
  auto eth = parse(
      f.order("symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.01").body);
  CHECK(eth["orderId"].GetUint64() == 8389765739703625592ULL);
}

TEST_CASE("MARKET walks the book; thin liquidity expires the rest",
          "[sim][binance]") {
  venue_fixture f;
  f.venue.set_book("BTCUSDT", {{d("94999.9"), d("1")}},
                   {{d("95000.1"), d("0.5")},
                    {d("95000.2"), d("0.5")},
                    {d("95000.3"), d("1")}},
                   std::nullopt);
  auto r = parse(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1.2"
                         "&newOrderRespType=RESULT")
                     .body);
  CHECK(std::string{r["status"].GetString()} == "FILLED");
  // 0.5 @ 95000.1 + 0.5 @ 95000.2 + 0.2 @ 95000.3
  CHECK(std::string{r["avgPrice"].GetString()} == "95000.17500");
  auto orders = f.venue.orders();
  REQUIRE(orders.back().fills.size() == 3);
  CHECK(orders.back().fills[2].price == d("95000.3"));
  CHECK(orders.back().fills[2].qty == d("0.2"));

  f.venue.set_book("BTCUSDT", {{d("94999.9"), d("1")}},
                   {{d("95000.1"), d("0.05")}, {d("95001.0"), d("0.05")}},
                   std::nullopt);
  r = parse(f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.2"
                    "&newOrderRespType=RESULT")
                .body);
  CHECK(std::string{r["status"].GetString()} == "EXPIRED");
  CHECK(std::string{r["executedQty"].GetString()} == "0.100");
}

TEST_CASE("LIMIT: crossing partial fill rests, book moves fill the rest",
          "[sim][binance]") {
  venue_fixture f;
  f.venue.set_book("BTCUSDT", {{d("94999.9"), d("1")}},
                   {{d("95000.1"), d("0.5")}, {d("95002.0"), d("5")}},
                   std::nullopt);
  auto r = parse(f.order("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                         "&quantity=1.000&price=95000.5&newClientOrderId=L1"
                         "&newOrderRespType=RESULT")
                     .body);
  CHECK(std::string{r["status"].GetString()} == "PARTIALLY_FILLED");
  CHECK(std::string{r["executedQty"].GetString()} == "0.500");
  auto open = parse(
      f.signed_req("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT").body);
  REQUIRE(open.Size() == 1);
  // The book moves down through the order; half of the rest fills.
  f.venue.set_mark("BTCUSDT", d("94990.0"), std::nullopt, d("0.5"));
  auto o = f.venue.find_order("BTCUSDT", "L1");
  REQUIRE(o);
  CHECK(o->executed_qty == d("0.75"));
  CHECK(o->status == "PARTIALLY_FILLED");
  CHECK(o->fills.back().maker);
  CHECK(o->fills.back().price == d("95000.5"));
  f.venue.set_mark("BTCUSDT", d("94980.0"));
  o = f.venue.find_order("BTCUSDT", "L1");
  CHECK(o->status == "FILLED");
  SECTION("IOC expires the rest, GTX that crosses is rejected") {
    auto ioc = parse(f.order("symbol=BTCUSDT&side=SELL&type=LIMIT"
                             "&timeInForce=IOC&quantity=2.5&price=94979.9"
                             "&newOrderRespType=RESULT")
                         .body);
    CHECK(std::string{ioc["status"].GetString()} == "EXPIRED");
    CHECK(std::string{ioc["executedQty"].GetString()} == "2.000");
    CHECK(code(f.order("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTX"
                       "&quantity=0.01&price=94979.0"))
          == -5022);
    CHECK(code(f.order("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=FOK"
                       "&quantity=0.5&price=95100.0"))
          == -5021);
  }
}

TEST_CASE("positions: entry averaging, realized PnL, fees", "[sim][binance]") {
  venue_fixture f;
  f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
  f.venue.set_mark("BTCUSDT", d("96000.00"));
  f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
  auto p = f.venue.positions().at(0);
  CHECK(p.amount == d("0.004"));
  CHECK(p.entry_price == d("95500.1"));
  f.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.006");
  p = f.venue.positions().at(0);
  CHECK(p.amount == d("-0.002"));
  CHECK(p.entry_price == d("95999.9"));
  // 0.004 * (95999.9 - 95500.1) = 1.9992
  CHECK(p.realized == d("1.9992"));
  // Taker fees 0.05 %: 0.0950001 + 0.0960001 + 0.2879997
  CHECK(f.venue.wallet_balance()
        == d("10000") + d("1.9992") - d("0.0950001") - d("0.0960001")
               - d("0.2879997"));
  auto risk = parse(f.signed_req("GET", "/fapi/v3/positionRisk", "").body);
  REQUIRE(risk.Size() == 1);
  CHECK(std::string{risk[0]["positionAmt"].GetString()} == "-0.002");
}

TEST_CASE("leverage, marginType and public endpoints", "[sim][binance]") {
  venue_fixture f;
  auto lev = parse(
      f.signed_req("POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=5")
          .body);
  CHECK(lev["leverage"].GetInt() == 5);
  CHECK(code(f.signed_req("POST", "/fapi/v1/leverage",
                          "symbol=BTCUSDT&leverage=500"))
        == -4028);
  CHECK(f.signed_req("POST", "/fapi/v1/marginType",
                     "symbol=BTCUSDT&marginType=ISOLATED")
            .status
        == 200);
  CHECK(code(f.signed_req("POST", "/fapi/v1/marginType",
                          "symbol=BTCUSDT&marginType=ISOLATED"))
        == -4046);
  auto t = parse(f.raw("GET", "/fapi/v1/time", "").body);
  CHECK(t["serverTime"].GetInt64() == f.now_ms());
  auto pi = parse(f.raw("GET", "/fapi/v1/premiumIndex", "symbol=BTCUSDT").body);
  CHECK(std::string{pi["markPrice"].GetString()} == "95000.00000000");
  auto all = parse(f.raw("GET", "/fapi/v1/premiumIndex", "").body);
  CHECK(all.IsArray());
  CHECK(code(f.raw("GET", "/fapi/v1/premiumIndex", "symbol=XUSDT")) == -1121);
  auto bt = parse(
      f.raw("GET", "/fapi/v1/ticker/bookTicker", "symbol=BTCUSDT").body);
  CHECK(std::string{bt["bidPrice"].GetString()} == "94999.90");
  CHECK(std::string{bt["askPrice"].GetString()} == "95000.10");
  auto depth
      = parse(f.raw("GET", "/fapi/v1/depth", "symbol=BTCUSDT&limit=5").body);
  CHECK(depth["bids"].Size() == 5);
  CHECK(std::string{depth["asks"][0][1].GetString()} == "2.000");
  auto bal = parse(f.signed_req("GET", "/fapi/v3/balance", "").body);
  CHECK(std::string{bal[0]["balance"].GetString()} == "10000.00000000");
  auto acct = parse(f.signed_req("GET", "/fapi/v2/account", "").body);
  CHECK(std::string{acct["totalWalletBalance"].GetString()}
        == "10000.00000000");
}
