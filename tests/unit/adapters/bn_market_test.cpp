#include "adapters/binance/market.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::binance;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

template <class T>
T ok(const result<T>& x) {
  if (auto err = std::get_if<parse_error>(&x))
    FAIL("parse error: " << err->to_string());
  return std::get<T>(x);
}

// Shapes from the Binance docs examples (no real recording exists).
constexpr const char* premium_one
    = R"({"symbol":"BTCUSDT","markPrice":"11793.63104562",)"
      R"("indexPrice":"11781.80495970","estimatedSettlePrice":"11781.16138815",)"
      R"("lastFundingRate":"0.00038246","nextFundingTime":1597392000000,)"
      R"("interestRate":"0.00010000","time":1597370495002})";

} // namespace

TEST_CASE("premiumIndex: object or array", "[bn][market]") {
  auto one = ok(parse_premium_index(premium_one));
  REQUIRE(one.size() == 1);
  CHECK(one[0].symbol == "BTCUSDT");
  CHECK(one[0].mark == dec("11793.63104562"));
  CHECK(one[0].time_ms == 1597370495002);
  auto many = ok(parse_premium_index(std::string{"["} + premium_one + ","
                                     + premium_one + "]"));
  CHECK(many.size() == 2);
  auto bad
      = parse_premium_index(R"([{"symbol":"X","markPrice":1.5,"time":1}])");
  REQUIRE(std::holds_alternative<parse_error>(bad));
  CHECK(std::get<parse_error>(bad).field == "[0].markPrice");
}

TEST_CASE("bookTicker", "[bn][market]") {
  auto t = ok(parse_book_ticker(
      R"({"symbol":"BTCUSDT","bidPrice":"4.00000000","bidQty":"431.00000000",)"
      R"("askPrice":"4.00000200","askQty":"9.00000000","time":1589437530011})"));
  CHECK(t.symbol == "BTCUSDT");
  CHECK(t.bid == dec("4"));
  CHECK(t.bid_qty == dec("431"));
  CHECK(t.ask == dec("4.000002"));
  CHECK(t.ask_qty == dec("9"));
  CHECK(t.time_ms == 1589437530011);
}

TEST_CASE("positionRisk v3 from a real 2024 response", "[bn][market]") {
  auto body = hlc::test::fixture_member(
      "binance/binance.fapi.httpResponse.excerpt.json",
      {"GET /fapi/v3/positionRisk (fetchPositions, one-way"});
  auto list = ok(parse_position_risk(body));
  REQUIRE(list.size() == 1);
  CHECK(list[0].symbol == "BTCUSDT");
  CHECK(list[0].position_side == "BOTH");
  CHECK(list[0].position_amt == dec("0.009"));
  CHECK(list[0].entry_price == dec("67445.9"));
  CHECK(list[0].mark == dec("67502.68519858"));
  auto not_array = parse_position_risk(R"({"symbol":"BTCUSDT"})");
  REQUIRE(std::holds_alternative<parse_error>(not_array));
  CHECK(std::get<parse_error>(not_array).field == "body");
}

TEST_CASE("position mode and server time", "[bn][market]") {
  CHECK(ok(parse_position_side_dual(R"({"dualSidePosition":true})")));
  CHECK_FALSE(ok(parse_position_side_dual(R"({"dualSidePosition":false})")));
  auto bad = parse_position_side_dual(R"({"dualSidePosition":"true"})");
  REQUIRE(std::holds_alternative<parse_error>(bad));
  CHECK(std::get<parse_error>(bad).field == "dualSidePosition");
  CHECK(ok(parse_server_time(R"({"serverTime":1645233611962})"))
        == 1645233611962);
  auto junk = parse_server_time("<html>");
  REQUIRE(std::holds_alternative<parse_error>(junk));
  CHECK(std::get<parse_error>(junk).field == "body");
}
