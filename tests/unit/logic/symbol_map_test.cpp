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

TEST_CASE("STR-1: coin to symbol and multiplier, table", "[symbol_map][str1]") {
  symbol_settings cfg;
  cfg.overrides["kNEIRO"] = symbol_override{"NEIROUSDT", test::d("1000"), true};
  cfg.overrides["MATIC"] = symbol_override{"POLUSDT", test::d("1"), true};
  cfg.overrides["OLD"] = symbol_override{"OLDUSDT", test::d("1"), false};
  cfg.deny = {"DOGE"};
  struct row {
    const char* coin;
    const char* symbol; ///< empty: refused
    const char* multiplier;
    skip_reason reason;
  };
  const row rows[] = {
      {"BTC", "BTCUSDT", "1", {}},
      {"kPEPE", "1000PEPEUSDT", "1", {}},     // 1 kPEPE = 1 unit of 1000PEPE
      {"kNEIRO", "NEIROUSDT", "1000", {}},    // override: 1 kNEIRO = 1000 NEIRO
      {"MATIC", "POLUSDT", "1", {}},          // renamed on Binance
      {"OLD", "", "", skip_reason::unmapped}, // override disables
      {"DOGE", "", "", skip_reason::denied},
  };
  symbol_map map{cfg};
  for (auto& x : rows) {
    INFO(x.coin);
    mapping_refusal why;
    auto m = map.resolve(x.coin, &why);
    if (*x.symbol == '\0') {
      CHECK_FALSE(m);
      CHECK(why.reason == x.reason);
      continue;
    }
    REQUIRE(m);
    CHECK(m->symbol == x.symbol);
    CHECK(m->multiplier == test::d(x.multiplier));
  }
}

TEST_CASE("STR-1: verification against exchangeInfo and price sanity",
          "[symbol_map][str1]") {
  symbol_settings cfg;
  cfg.overrides["kNEIRO"] = symbol_override{"NEIROUSDT", test::d("1000"), true};
  cfg.overrides["kBONK"] = symbol_override{"BONKUSDT", test::d("1"), true};
  cfg.max_mid_mark_deviation_pct = test::d("5");
  symbol_map map{cfg};
  std::map<std::string, symbol_filters> known;
  for (auto* s : {"BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "NEIROUSDT", "BONKUSDT",
                  "SOLUSDT"})
    known.emplace(s, filters(s, "1", "5", "0.0000001"));
  known.at("SOLUSDT").trading = false; // not a TRADING perpetual
  map.verify(known);
  // HL mids (per HL unit) and Binance marks (per Binance unit)
  std::map<std::string, decimal> mids{
      {"BTC", test::d("30000")},    {"ETH", test::d("2000")},
      {"kPEPE", test::d("0.0123")}, {"kNEIRO", test::d("0.9")},
      {"kBONK", test::d("0.02")},   {"XRP", test::d("0.5")}};
  std::map<std::string, decimal> marks{
      {"BTCUSDT", test::d("30100")},       // 0.33%: ok
      {"ETHUSDT", test::d("2200")},        // 9.1%: disabled
      {"1000PEPEUSDT", test::d("0.0124")}, // ok
      {"NEIROUSDT", test::d("0.00091")},   // 0.9 / 1000 = 0.0009: 1.1% ok
      {"BONKUSDT", test::d("0.00002")}};   // multiplier 1 is wrong: disabled
  map.check_prices(mids, marks);
  struct row {
    const char* coin;
    bool usable;
    skip_reason reason;
    const char* says; ///< part of the reason text
  };
  const row rows[] = {
      {"BTC", true, {}, ""},
      {"kPEPE", true, {}, ""},
      {"kNEIRO", true, {}, ""},
      {"ETH", false, skip_reason::symbol_disabled, "from the mark"},
      {"kBONK", false, skip_reason::symbol_disabled, "wrong multiplier"},
      {"SOL", false, skip_reason::symbol_disabled, "TRADING"},
      {"XRP", false, skip_reason::unmapped, "no Binance symbol XRPUSDT"},
  };
  for (auto& x : rows) {
    INFO(x.coin);
    mapping_refusal why;
    auto m = map.resolve(x.coin, &why);
    CHECK(bool(m) == x.usable);
    if (x.usable) continue;
    CHECK(why.reason == x.reason);
    CHECK(why.detail.find(x.says) != std::string::npos);
  }
  // status shows every disabled symbol with its reason
  CHECK(map.disabled().count("ETHUSDT") == 1);
  CHECK(map.disabled().count("BONKUSDT") == 1);
  CHECK(map.disabled().count("SOLUSDT") == 1);
  CHECK(map.disabled().count("BTCUSDT") == 0);
}
