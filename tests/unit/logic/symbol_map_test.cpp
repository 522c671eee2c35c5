#include "actors/strategy/symbol_map.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::filters;

TEST_CASE("default symbol rule", "[symbol_map]") {
  CHECK(symbol_map::default_symbol("BTC") == "BTCUSDT");
  CHECK(symbol_map::default_symbol("kPEPE") == "1000PEPEUSDT");
  CHECK(symbol_map::default_symbol("kas") == "kasUSDT");
}

TEST_CASE("overrides, lists and verification", "[symbol_map]") {
  symbol_settings cfg;
  cfg.overrides["MATIC"] = symbol_override{"POLUSDT", test::d("1"), true};
  cfg.deny = {"DOGE"};
  symbol_map map{cfg};
  mapping_refusal why;
  REQUIRE(map.resolve("MATIC"));
  CHECK(map.resolve("MATIC")->symbol == "POLUSDT");
  CHECK_FALSE(map.resolve("DOGE", &why));
  CHECK(why.reason == skip_reason::denied);
  std::map<std::string, symbol_filters> known{
      {"BTCUSDT", filters("BTCUSDT", "0.001", "100", "0.1")}};
  auto halted = filters("ETHUSDT", "0.001", "20", "0.01");
  halted.trading = false;
  known.emplace("ETHUSDT", halted);
  map.verify(known);
  CHECK(map.resolve("BTC"));
  CHECK_FALSE(map.resolve("ETH", &why));
  CHECK(why.reason == skip_reason::symbol_disabled);
  CHECK_FALSE(map.resolve("SUI", &why));
  CHECK(why.reason == skip_reason::unmapped);
  CHECK(why.detail.find("SUIUSDT") != std::string::npos);
  CHECK(map.disabled().count("POLUSDT") == 1);
}

TEST_CASE("allow list restricts coins", "[symbol_map]") {
  symbol_settings cfg;
  cfg.allow = {"BTC"};
  symbol_map map{cfg};
  mapping_refusal why;
  CHECK(map.resolve("BTC"));
  CHECK_FALSE(map.resolve("ETH", &why));
  CHECK(why.reason == skip_reason::denied);
}
