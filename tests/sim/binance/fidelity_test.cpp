// SIM-5 fidelity: shapes checked against the REAL recordings copied into
// tests/fixtures/sim_binance/.

#include "tests/sim/binance/venue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace {

std::vector<std::string> keys(const rapidjson::Value& v) {
  std::vector<std::string> out;
  for (auto& m : v.GetObject())
    out.emplace_back(m.name.GetString());
  return out;
}

const char* kind(const rapidjson::Value& v) {
  if (v.IsString()) return "string";
  if (v.IsBool()) return "bool";
  if (v.IsNumber()) return "number";
  if (v.IsArray()) return "array";
  if (v.IsObject()) return "object";
  return "null";
}

// ccxt's static recordings stringify some integers; the live API (and the
// docs) send them as numbers.
bool ccxt_stringified(const std::string& key) {
  return key == "orderId" || key == "time" || key == "updateTime"
         || key == "goodTillDate" || key == "adl" || key == "lastUpdateId"
         || key == "E" || key == "T";
}

void same_shape(const rapidjson::Value& ours, const rapidjson::Value& real) {
  REQUIRE(keys(ours) == keys(real));
  for (auto& m : real.GetObject()) {
    std::string k = m.name.GetString();
    INFO("field " << k);
    if (ccxt_stringified(k) && m.value.IsString())
      CHECK(ours[k.c_str()].IsNumber());
    else
      CHECK(std::string{kind(ours[k.c_str()])} == kind(m.value));
  }
}

} // namespace

TEST_CASE("exchangeInfo BTCUSDT equals the REAL capture field by field",
          "[sim][binance][fidelity]") {
  venue_fixture f;
  auto real = parse(read_fixture("binance_fapi_exchangeInfo_symbol_entries."
                                 "json"));
  auto& btc_real = real["public_code_comment_BTCUSDT"];
  auto info = parse(f.raw("GET", "/fapi/v1/exchangeInfo", "").body);
  REQUIRE(info["symbols"].IsArray());
  const rapidjson::Value* btc = nullptr;
  const rapidjson::Value* eth = nullptr;
  for (auto& s : info["symbols"].GetArray()) {
    if (std::string{s["symbol"].GetString()} == "BTCUSDT") btc = &s;
    if (std::string{s["symbol"].GetString()} == "ETHUSDT") eth = &s;
  }
  REQUIRE(btc != nullptr);
  CHECK(keys(*btc) == keys(btc_real)); // same (alphabetical) key order
  for (auto& m : btc_real.GetObject()) {
    INFO("field " << m.name.GetString());
    CHECK((*btc)[m.name] == m.value);
  }
  CHECK(*btc == btc_real);
  // ETHUSDT: ccxt's copy has stringified ints and an old notional of 5;
  // mainnet is 20 (protocol_facts §B.4).
  REQUIRE(eth != nullptr);
  auto& eth_real = real["ccxt_markets_ETHUSDT_info"];
  for (rapidjson::SizeType i = 0; i < eth_real["filters"].Size(); ++i) {
    auto& rf = eth_real["filters"][i];
    auto& of = (*eth)["filters"][i];
    CHECK(std::string{of["filterType"].GetString()}
          == rf["filterType"].GetString());
    for (auto& m : rf.GetObject()) {
      std::string k = m.name.GetString();
      if (k == "limit" || k == "notional") continue;
      INFO("ETH filter field " << k);
      CHECK(std::string{of[k.c_str()].GetString()} == m.value.GetString());
    }
  }
  CHECK(std::string{(*eth)["filters"][5]["notional"].GetString()} == "20");
  for (auto& r : info["rateLimits"].GetArray())
    if (std::string{r["rateLimitType"].GetString()} == "REQUEST_WEIGHT")
      CHECK(r["limit"].GetInt() == 2400);
}

TEST_CASE("order responses have the REAL field sets",
          "[sim][binance][fidelity]") {
  venue_fixture f;
  auto real = parse(read_fixture("binance.fapi.httpResponse.excerpt.json"));
  auto& post_real
      = real["POST /fapi/v1/batchOrders (createOrders) LIMIT SELL NEW 2025-02"]
            [0];
  auto r = f.order("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC"
                   "&quantity=0.200&price=99000.00&newOrderRespType=RESULT"
                   "&newClientOrderId=x-xcKtGhcu04075babaeb34c55af79ba");
  REQUIRE(r.status == 200);
  auto ours = parse(r.body);
  same_shape(ours, post_real);
  // Formats as recorded for a fresh BTCUSDT LIMIT order.
  for (auto* k :
       {"status", "avgPrice", "origQty", "executedQty", "cumQty", "cumQuote",
        "timeInForce", "type", "side", "positionSide", "stopPrice",
        "workingType", "origType", "priceMatch", "selfTradePreventionMode"}) {
    INFO("field " << k);
    CHECK(std::string{ours[k].GetString()} == post_real[k].GetString());
  }
  auto& get_real
      = real["GET /fapi/v1/openOrder (fetchOpenOrder) GTX post-only NEW "
             "2024-02"];
  auto q = parse(f.signed_req("GET", "/fapi/v1/order",
                              "symbol=BTCUSDT&origClientOrderId="
                              "x-xcKtGhcu04075babaeb34c55af79ba")
                     .body);
  same_shape(q, get_real);
}

TEST_CASE("positionRisk v3, account and depth have the REAL shapes",
          "[sim][binance][fidelity]") {
  venue_fixture f;
  auto real = parse(read_fixture("binance.fapi.httpResponse.excerpt.json"));
  f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.009");
  auto risk = parse(f.signed_req("GET", "/fapi/v3/positionRisk", "").body);
  REQUIRE(risk.Size() == 1);
  auto& risk_real
      = real["GET /fapi/v3/positionRisk (fetchPositions, one-way, cross) "
             "2024-07"][0];
  same_shape(risk[0], risk_real);
  CHECK(std::string{risk[0]["positionAmt"].GetString()} == "0.009");
  CHECK(std::string{risk[0]["entryPrice"].GetString()} == "95000.1");
  // v3 lists only symbols with a position; v2 lists every symbol.
  auto v2 = parse(f.signed_req("GET", "/fapi/v2/positionRisk", "").body);
  CHECK(v2.Size() == f.venue.config().symbols.size());
  auto acct = parse(f.signed_req("GET", "/fapi/v3/account", "").body);
  auto& acct_real = real["GET /fapi/v3/account (fetchPositions "
                         "method=account) 2024-07"];
  CHECK(keys(acct) == keys(acct_real));
  same_shape(acct["positions"][0], acct_real["positions"][0]);
  auto acct2 = parse(f.signed_req("GET", "/fapi/v2/account", "").body);
  auto& acct2_real = real["GET /fapi/v2/account (fetchBalance swap, older "
                          "ccxt) 2023-11"];
  CHECK(keys(acct2) == keys(acct2_real));
  same_shape(acct2["assets"][0], acct2_real["assets"][0]);
  auto depth
      = parse(f.raw("GET", "/fapi/v1/depth", "symbol=BTCUSDT&limit=5").body);
  auto& depth_real
      = real["GET /fapi/v1/depth?symbol=BTCUSDT&limit=5 (fetchOrderBook swap) "
             "2024-02"];
  CHECK(keys(depth) == keys(depth_real));
  CHECK(depth["bids"].Size() == depth_real["bids"].Size());
}

TEST_CASE("leverageBracket lists notional brackets per symbol",
          "[sim][binance][fidelity]") {
  venue_fixture f;
  auto all = parse(f.signed_req("GET", "/fapi/v1/leverageBracket", "").body);
  REQUIRE(all.IsArray());
  CHECK(all.Size() == f.venue.config().symbols.size());
  auto one = parse(
    f.signed_req("GET", "/fapi/v1/leverageBracket", "symbol=BTCUSDT").body);
  REQUIRE(one.IsObject());
  CHECK(std::string{one["symbol"].GetString()} == "BTCUSDT");
  auto& b = one["brackets"][0];
  // the fields ccxt reads, as JSON numbers (Binance's types)
  CHECK(b["bracket"].IsInt());
  CHECK(b["initialLeverage"].IsInt());
  CHECK(b["notionalCap"].IsNumber());
  CHECK(b["notionalFloor"].IsNumber());
  CHECK(b["maintMarginRatio"].IsNumber());
  CHECK(b["cum"].IsNumber());
  // signed: an unsigned call is refused like every USER_DATA endpoint
  CHECK(venue_fixture::code_of(
          f.raw("GET", "/fapi/v1/leverageBracket", "symbol=BTCUSDT"))
        != 0);
}
