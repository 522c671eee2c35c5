#include "adapters/hyperliquid/info.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::hyperliquid;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

// The `response` member of a recorded {request, response} file.
std::string recorded_response(const std::string& file) {
  return hlc::test::fixture_member("hyperliquid/" + file, {"response"});
}

template <class T>
T ok(const result<T>& x) {
  if (auto err = std::get_if<parse_error>(&x))
    FAIL("parse error: " << err->to_string());
  return std::get<T>(x);
}

} // namespace

TEST_CASE("info request bodies", "[hl][info]") {
  CHECK(user_fills_request("0xAB") == R"({"type":"userFills","user":"0xab"})");
  CHECK(user_fills_request("0xab", true)
        == R"({"type":"userFills","user":"0xab","aggregateByTime":true})");
  CHECK(
      user_fills_by_time_request("0xab", 1683245555699)
      == R"({"type":"userFillsByTime","user":"0xab","startTime":1683245555699})");
  CHECK(
      user_fills_by_time_request("0xab", 1683245555699, 1683245884863, false)
      == R"({"type":"userFillsByTime","user":"0xab","startTime":1683245555699,)"
         R"("endTime":1683245884863,"aggregateByTime":false})");
  CHECK(clearinghouse_state_request("0xab")
        == R"({"type":"clearinghouseState","user":"0xab"})");
  CHECK(clearinghouse_state_request("0xab", "")
        == R"({"type":"clearinghouseState","user":"0xab","dex":""})");
  CHECK(meta_request() == R"({"type":"meta"})");
  CHECK(meta_request("xyz") == R"({"type":"meta","dex":"xyz"})");
  CHECK(all_mids_request() == R"({"type":"allMids"})");
}

TEST_CASE("clearinghouseState, 2023 schema", "[hl][info]") {
  auto state = ok(
      parse_clearinghouse_state(recorded_response("test_get_user_state.json")));
  CHECK(state.account_value == dec("1182.312496"));
  CHECK(state.time_ms == 0);
  REQUIRE(state.positions.size() == 12);
  CHECK(state.positions[0].coin == "BTC");
  CHECK(state.positions[0].szi == dec("-0.00785"));
  CHECK(state.positions[0].entry_px == dec("26951.0"));
  CHECK(state.positions[1].coin == "ETH");
  CHECK(state.positions[1].szi == dec("0.1334"));
}

TEST_CASE("clearinghouseState, current schema, flat and HIP-3", "[hl][info]") {
  auto flat = hlc::test::fixture_member(
      "hyperliquid/hyperliquid_ws_rest_captures.json",
      {"testnet_", "captured", "REST_clearinghouseState_FLAT"});
  auto empty = ok(parse_clearinghouse_state(flat));
  CHECK(empty.positions.empty());
  CHECK(empty.account_value.is_zero());
  CHECK(empty.time_ms == 1785259956738);

  auto two = hlc::test::fixture_member(
      "hyperliquid/hyperliquid.httpResponse.excerpt.json",
      {"fetchPositions.clearinghouseState.cross_short_and_long"});
  auto state = ok(parse_clearinghouse_state(two));
  REQUIRE(state.positions.size() == 2);
  CHECK(state.time_ms > 0);
  int shorts = 0;
  for (auto& p : state.positions)
    shorts += p.szi.is_negative() ? 1 : 0;
  CHECK(shorts == 1);

  auto hip3 = hlc::test::fixture_member(
      "hyperliquid/hyperliquid.httpResponse.excerpt.json",
      {"fetchPositions.clearinghouseState.hip3_isolated_long"});
  auto iso = ok(parse_clearinghouse_state(hip3));
  REQUIRE(iso.positions.size() == 1);
  CHECK(iso.positions[0].szi.is_positive());
}

TEST_CASE("clearinghouseState errors name the position field", "[hl][info]") {
  auto bad = parse_clearinghouse_state(
      R"({"marginSummary":{"accountValue":"1"},"assetPositions":[)"
      R"({"type":"oneWay","position":{"coin":"BTC","szi":"1","entryPx":"2"}},)"
      R"({"type":"oneWay","position":{"coin":"ETH","szi":"abc","entryPx":"2"}}]})");
  REQUIRE(std::holds_alternative<parse_error>(bad));
  CHECK(std::get<parse_error>(bad).to_string()
        == "assetPositions[1].position.szi: not a decimal: \"abc\"");
  auto no_summary = parse_clearinghouse_state(R"({"assetPositions":[]})");
  REQUIRE(std::holds_alternative<parse_error>(no_summary));
  CHECK(std::get<parse_error>(no_summary).field == "marginSummary");
}

TEST_CASE("meta universe: 2023 and current with delisted", "[hl][info]") {
  auto old = ok(parse_meta(recorded_response("test_get_info.json")));
  REQUIRE(old.size() == 28);
  CHECK(old[0].name == "BTC");
  CHECK(old[0].index == 0u);
  CHECK(old[0].sz_decimals == 5);
  CHECK(old[0].max_leverage == 50);
  CHECK(old[1].name == "ETH");
  CHECK(old[1].sz_decimals == 4);
  for (auto& a : old) {
    if (a.name == "DOGE" || a.name == "kPEPE") CHECK(a.sz_decimals == 0);
    CHECK_FALSE(a.delisted);
  }
  auto unit = hlc::test::fixture_member(
      "hyperliquid/hyperliquid_ws_rest_captures.json",
      {"testnet_", "captured", "REST_meta_dex_unit"});
  auto dex = ok(parse_meta(unit));
  REQUIRE(dex.size() == 2);
  CHECK(dex[1].name == "unit:NQ");
  CHECK(dex[1].index == 1u);
  CHECK(dex[1].delisted);
  CHECK_FALSE(dex[0].delisted);

  auto bad = parse_meta(
      R"({"universe":[{"name":"BTC","szDecimals":"5","maxLeverage":50}]})");
  REQUIRE(std::holds_alternative<parse_error>(bad));
  CHECK(std::get<parse_error>(bad).field == "universe[0].szDecimals");
}

TEST_CASE("allMids map, values stay exact", "[hl][info]") {
  auto mids = ok(parse_all_mids(recorded_response("test_get_all_mids.json")));
  CHECK(mids.size() == 28);
  CHECK(mids.at("BTC") == dec("30135.0"));
  CHECK(mids.at("kPEPE").to_string() == "0.001565");
  auto bad = parse_all_mids(R"({"BTC":30135.0})");
  REQUIRE(std::holds_alternative<parse_error>(bad));
  CHECK(std::get<parse_error>(bad).field == "mids.BTC");
  auto not_json = parse_all_mids("oops");
  REQUIRE(std::holds_alternative<parse_error>(not_json));
  CHECK(std::get<parse_error>(not_json).field == "body");
}
