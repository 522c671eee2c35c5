#include "adapters/binance/exchange_info.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::binance;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

const std::string entries
    = "binance/binance_fapi_exchangeInfo_symbol_entries.json";

const symbol_filters& find(const exchange_info& info, const std::string& sym) {
  for (auto& s : info.symbols)
    if (s.symbol == sym) return s;
  FAIL("no symbol " << sym);
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("BTCUSDT from the public C++ capture (single entry)", "[bn][info]") {
  auto info = parse_exchange_info(
      hlc::test::fixture_member(entries, {"public_code_comment_BTCUSDT"}));
  CHECK(info.errors.empty());
  REQUIRE(info.symbols.size() == 1);
  auto& s = info.symbols[0];
  CHECK(s.symbol == "BTCUSDT");
  CHECK(s.trading);
  CHECK(s.tick_size == dec("0.10"));
  CHECK(s.min_price == dec("556.80"));
  CHECK(s.max_price == dec("4529764"));
  CHECK(s.step_size == dec("0.001"));
  CHECK(s.min_qty == dec("0.001"));
  CHECK(s.max_qty == dec("1000"));
  CHECK(s.market_step_size == dec("0.001"));
  CHECK(s.market_max_qty == dec("120"));
  CHECK(s.min_notional == dec("100"));
  CHECK(s.percent_up == dec("1.05"));
  CHECK(s.percent_down == dec("0.95"));
}

TEST_CASE("ETHUSDT from ccxt's markets (stringified integers)", "[bn][info]") {
  auto info = parse_exchange_info(
      hlc::test::fixture_member(entries, {"ccxt_markets_ETHUSDT_info"}));
  CHECK(info.errors.empty());
  REQUIRE(info.symbols.size() == 1);
  auto& s = info.symbols[0];
  CHECK(s.symbol == "ETHUSDT");
  CHECK(s.trading);
  CHECK(s.tick_size == dec("0.01"));
  CHECK(s.step_size == dec("0.001"));
  CHECK(s.market_max_qty == dec("2000"));
  CHECK(s.max_qty == dec("10000"));
}

TEST_CASE("a full 2022 exchangeInfo response", "[bn][info]") {
  auto info = parse_exchange_info(hlc::test::read_fixture(
      "binance/http_futures_market_exchange_info.json"));
  CHECK(info.errors.empty());
  REQUIRE(info.symbols.size() == 3);
  auto& btc = find(info, "BTCUSDT");
  CHECK(btc.trading);
  CHECK(btc.min_notional == dec("10")); // 2022: read per symbol, never assumed
  CHECK(btc.market_max_qty == dec("1000"));
  CHECK(find(info, "ETHUSDT").trading);
  CHECK_FALSE(find(info, "BTCUSDT_220325").trading); // CURRENT_QUARTER
}

TEST_CASE("a bad filter drops only its symbol, naming the field",
          "[bn][info]") {
  rapidjson::Document doc;
  hlc::test::parse_into(doc,
                        hlc::test::read_fixture(
                            "binance/http_futures_market_exchange_info.json"));
  auto& filters = doc["symbols"][1]["filters"];
  rapidjson::SizeType j = 0;
  while (std::string{filters[j]["filterType"].GetString()} != "PRICE_FILTER")
    ++j;
  filters[j]["tickSize"].SetString("abc");
  auto info = parse_exchange_info(hlc::test::to_json(doc));
  REQUIRE(info.errors.size() == 1);
  CHECK(info.errors[0].to_string()
        == "symbols[1].filters[" + std::to_string(j)
               + "].tickSize: not a decimal: \"abc\"");
  CHECK(info.symbols.size() == 2);
  CHECK_FALSE(info.errors[0].raw.empty());
}

TEST_CASE("missing filters and zero steps are errors", "[bn][info]") {
  auto no_notional = parse_exchange_info(
      R"({"symbol":"XUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[)"
      R"({"filterType":"PRICE_FILTER","minPrice":"1","maxPrice":"9","tickSize":"0.1"},)"
      R"({"filterType":"LOT_SIZE","minQty":"1","maxQty":"9","stepSize":"1"},)"
      R"({"filterType":"MARKET_LOT_SIZE","minQty":"1","maxQty":"9","stepSize":"1"},)"
      R"({"filterType":"PERCENT_PRICE","multiplierUp":"1.05","multiplierDown":"0.95"}]})");
  REQUIRE(no_notional.errors.size() == 1);
  CHECK(no_notional.errors[0].to_string() == "filters: missing MIN_NOTIONAL");

  auto zero_step = parse_exchange_info(
      R"({"symbol":"XUSDT","status":"TRADING","filters":[)"
      R"({"filterType":"LOT_SIZE","minQty":"1","maxQty":"9","stepSize":"0"}]})");
  REQUIRE(zero_step.errors.size() == 1);
  CHECK(zero_step.errors[0].field == "filters[0].stepSize");

  auto junk = parse_exchange_info("[]");
  REQUIRE(junk.errors.size() == 1);
  CHECK(junk.errors[0].field == "body");
}
