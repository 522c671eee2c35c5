#include "config/loader.hpp"

#include "config_test_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::empty_env;
using hlc::test::map_env;

namespace {

decimal dec(const char* s) {
  return decimal::parse_or_throw(s);
}

std::string example(const char* name) {
  return std::string{HLC_SOURCE_DIR} + "/config/examples/" + name;
}

} // namespace

TEST_CASE("a minimal config gets every documented default", "[config]") {
  auto r = load_settings_text(test::minimal_config, empty_env());
  REQUIRE(r.ok());
  auto& s = r.value();
  CHECK(s.mode == run_mode::dry_run);
  CHECK(s.instance == "hlc");
  REQUIRE(s.leaders.size() == 1);
  CHECK(s.leaders[0].enabled);
  CHECK(s.leaders[0].name.empty());
  CHECK(s.leaders[0].sizing.mode == sizing_mode::ratio);
  CHECK(s.leaders[0].sizing.ratio == dec("1"));
  CHECK(s.leaders[0].sizing.kelly_fraction == dec("0.25"));
  CHECK(s.hyperliquid.ws_url == "wss://api.hyperliquid.xyz/ws");
  CHECK(s.hyperliquid.ws_stale_ms == 30000);
  CHECK(s.hyperliquid.page_size == 2000);
  CHECK(s.hyperliquid.backfill_window_ms == 900000);
  CHECK(s.binance.recv_window_ms == 5000);
  CHECK(s.binance.api_key_env == "HLC_BINANCE_API_KEY");
  CHECK(s.binance.leverage_mode == "fixed");
  CHECK(s.strategy.max_dev_pct == dec("0.5"));
  CHECK(s.strategy.on_liquidation == liquidation_policy::close_only);
  CHECK_FALSE(s.strategy.trust_local);
  CHECK(s.risk.max_gross_usd == dec("50000"));
  CHECK(s.risk.drawdown_action == trading_state::reducing);
  CHECK(s.execution.order_type == "market");
  CHECK(s.execution.price_offset_pct == dec("0.02"));
  CHECK(s.execution.client_id_prefix == "hlc");
  CHECK(s.execution.paper.starting_balance_usd == dec("100000"));
  CHECK(s.safety.supervision.max_restarts == 5);
  CHECK(s.safety.drift_critical_pct == dec("20"));
  CHECK(s.storage.path == "hlcopy.db");
  CHECK(s.storage.dedup_ttl_days == 7);
  CHECK(s.logging.format == "json");
  CHECK(s.metrics.bind == "127.0.0.1:9464");
  CHECK(s.notifier.min_severity == "info");
  CHECK(s.keys.binance_api_key.empty());
}

TEST_CASE("the live example loads when its secrets are in the environment",
          "[config]") {
  auto env = map_env(
      {{"HLC_BINANCE_API_KEY", "k"}, {"HLC_BINANCE_API_SECRET", "s"}});
  auto r = load_settings_file(example("live.json"), env);
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  CHECK(r.value().mode == run_mode::live);
  CHECK(r.value().leaders.size() == 2);
  CHECK(r.value().execution.order_type == "limit");
  CHECK(r.value().keys.binance_api_key == "k");
}

TEST_CASE("the dry-run example loads without any secret", "[config]") {
  auto r = load_settings_file(example("dry-run.json"), empty_env());
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  CHECK(r.value().mode == run_mode::dry_run);
  CHECK(r.value().leaders[0].sizing.mode == sizing_mode::fixed_usd);
  CHECK(r.value().execution.paper.latency_ms == 50);
}

TEST_CASE("the demo example is a replay of one leader at ratio 0.5",
          "[config]") {
  auto r = load_settings_file(example("demo.json"), empty_env());
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  auto& s = r.value();
  CHECK(s.mode == run_mode::replay);
  REQUIRE(s.leaders.size() == 1);
  CHECK(s.leaders[0].address == "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2");
  CHECK(s.leaders[0].name == "demo-leader");
  CHECK(s.leaders[0].sizing.mode == sizing_mode::ratio);
  CHECK(s.leaders[0].sizing.ratio == dec("0.5"));
  CHECK(s.storage.path == "hlcopy-demo.db");
  CHECK(s.execution.order_type == "market");
  CHECK(s.logging.format == "human");
}

TEST_CASE("comments and trailing commas are accepted", "[config]") {
  auto text = R"(
    // line comment
    {
      /* block
         comment */
      "mode": "backfill-only", // after a value
      "leaders": [
        {"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",},
      ],
    }
  )";
  auto r = load_settings_text(text, empty_env());
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  CHECK(r.value().mode == run_mode::backfill_only);
}

TEST_CASE("leader addresses are stored lower-case", "[config]") {
  auto r = load_settings_text(
      R"({"leaders": [{"address": "0xB7B6F3CEA3F66BF525F5D8F965F6DBF6D9B017B2"}]})",
      empty_env());
  REQUIRE(r.ok());
  CHECK(r.value().leaders[0].address
        == "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2");
}

TEST_CASE("decimals keep the exact written value, as string or number",
          "[config]") {
  // 0.1 and an 18-decimal value are not representable as double; the loader
  // must take the source text, not a rounded binary value.
  auto r = load_settings_text(R"({
    "leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
                 "sizing": {"ratio": 0.1, "weight": "0.123456789012345678",
                            "fixed_usd": 1234567890.000000001}}],
    "execution": {"price_offset_pct": 0.05},
    "risk": {"max_position_qty": {"BTCUSDT": 0.001}}
  })",
                              empty_env());
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  auto& z = r.value().leaders[0].sizing;
  CHECK(z.ratio == decimal::from_units(1, 1));
  CHECK(z.weight.to_string() == "0.123456789012345678");
  CHECK(z.fixed_usd.to_string() == "1234567890.000000001");
  CHECK(r.value().execution.price_offset_pct.to_string() == "0.05");
  CHECK(r.value().risk.max_position_qty.at("BTCUSDT").to_string() == "0.001");
}

TEST_CASE("sections and maps are read into the settings", "[config]") {
  auto r = load_settings_text(R"({
    "leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}],
    "symbols": {"overrides": {"kPEPE": {"symbol": "1000PEPEUSDT",
                                        "multiplier": "1"},
                              "PURR": {"symbol": "PURRUSDT",
                                       "enabled": false}},
                "allow": ["BTC", "ETH"], "deny": ["DOGE"]},
    "strategy": {"on_liquidation": "ignore"},
    "risk": {"drawdown_action": "halted"}
  })",
                              empty_env());
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  auto& sy = r.value().symbols;
  REQUIRE(sy.overrides.size() == 2);
  CHECK(sy.overrides.at("kPEPE").symbol == "1000PEPEUSDT");
  CHECK(sy.overrides.at("PURR").enabled == false);
  CHECK(sy.allow == std::vector<std::string>{"BTC", "ETH"});
  CHECK(sy.deny == std::vector<std::string>{"DOGE"});
  CHECK(r.value().strategy.on_liquidation == liquidation_policy::ignore);
  CHECK(r.value().risk.drawdown_action == trading_state::halted);
}

TEST_CASE("a missing config file is a clear error", "[config]") {
  auto r = load_settings_file("/nonexistent/hlcopy.json", empty_env());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer.empty());
  CHECK_THAT(
      r.error().message,
      Catch::Contains("cannot read config file /nonexistent/hlcopy.json"));
}
