#include "hl_test_util.hpp"

#include "sim/hyperliquid/scenario.hpp"

#include <catch2/catch.hpp>

using namespace hlc::sim;
using namespace hlc::sim::hl;

TEST_CASE("scenario files parse with defaults", "[sim][hl][scenario]") {
  auto s = parse_scenario(read_file(hl_test::fixtures + "scenario_basic.json"),
                          "scenario");
  REQUIRE(s.coins.size() == 2);
  CHECK(s.coins[0].sz_decimals == 5);
  REQUIRE(s.leaders.size() == 1);
  CHECK(s.leaders[0].first == "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  REQUIRE(s.trades.size() == 4);
  CHECK(s.trades[0].at_ms == -2000);
  CHECK(s.trades[3].spec.cloid.has_value());
  auto empty = parse_scenario("{}", "s");
  CHECK(empty.coins.size() == default_coins().size());
  CHECK(empty.settings.page_size == 2000);
  CHECK(empty.settings.history_limit == 10000);
}

TEST_CASE("bad scenarios are rejected naming the field",
          "[sim][hl][scenario]") {
  auto bad = [](const std::string& json) {
    try {
      parse_scenario(json, "s");
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  auto trade = [&](const std::string& fields) {
    return R"({"trades":[{"leader":")" + leader + "\"," + fields + "}]}";
  };
  CHECK_THAT(bad(trade(R"("coin":"BTC","side":"B","px":"abc","sz":"1")")),
             Catch::Contains("s.trades[0].px: not a decimal: \"abc\""));
  CHECK_THAT(bad(trade(R"("coin":"BTC","side":"X","px":"1","sz":"1")")),
             Catch::Contains("s.trades[0].side"));
  CHECK_THAT(bad(trade(R"("coin":"BTC","side":"B","px":"1","sz":"-1")")),
             Catch::Contains("s.trades[0].sz: must be positive"));
  CHECK_THAT(bad(trade(R"("side":"B","px":"1","sz":"1")")),
             Catch::Contains("s.trades[0].coin: missing"));
  CHECK_THAT(bad(R"({"leaders":[{"address":"0x12"}]})"),
             Catch::Contains("s.leaders[0].address"));
  CHECK_THAT(bad(R"({"coins":[{"name":"X","szDecimals":2,"mid":"x"}]})"),
             Catch::Contains("s.coins[0].mid"));
  CHECK_THAT(bad(R"({"settings":{"page_size":0}})"),
             Catch::Contains("s.settings.page_size"));
  CHECK_THAT(bad("[1,2"), Catch::Contains("s: "));
}

TEST_CASE("recorded fills files: cassette object or plain array",
          "[sim][hl][scenario]") {
  auto text = read_file(hl_test::fixtures + "test_get_user_fills.json");
  auto fills = parse_recorded_fills(text, "cassette");
  REQUIRE(fills.size() == 500);
  for (size_t i = 1; i < fills.size(); ++i)
    REQUIRE(fills[i - 1].time <= fills[i].time);
  auto doc = hl_test::load("test_get_user_fills.json");
  auto plain = parse_recorded_fills(to_json(doc["response"]), "plain");
  CHECK(plain.size() == 500);
  CHECK_THROWS_WITH(
      parse_recorded_fills(R"([{"coin":"BTC","px":"1","sz":"1","side":"B",)"
                           R"("time":1,"startPosition":"0","oid":"12"}])",
                           "f"),
      Catch::Contains("f[0].oid"));
}
