#include "config/loader.hpp"

#include "config_test_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using Catch::Contains;

namespace {

const char* addr = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";

/// A config with one leader plus `extra` members at the top level.
std::string with(const std::string& extra) {
  return std::string{R"({"leaders": [{"address": ")"} + addr + "\"}]"
         + (extra.empty() ? "" : ", " + extra) + "}";
}

config_error error_of(const std::string& text,
                      const env_lookup& env = test::empty_env()) {
  auto r = load_settings_text(text, env);
  if (r.ok()) FAIL("expected a config error, the config loaded");
  return r.error();
}

std::string leaders(int n) {
  std::string s = R"({"leaders": [)";
  for (int i = 0; i < n; ++i) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), R"(%s{"address": "0x%040x"})",
                  i == 0 ? "" : ",", i + 1);
    s += buf;
  }
  return s + "]}";
}

} // namespace

TEST_CASE("a syntax error gives line and column", "[config]") {
  auto e = error_of("{\n  \"leaders\": [\n    {\"address\" \"0x\"}\n]}");
  CHECK(e.pointer.empty());
  CHECK_THAT(e.message, Contains("invalid JSON at line 3"));
}

TEST_CASE("a wrong type names the field and both types", "[config]") {
  auto e = error_of(with(R"("hyperliquid": {"page_size": "500"})"));
  CHECK(e.pointer == "/hyperliquid/page_size");
  CHECK(e.message == "expected an integer, got a string");
  e = error_of(with(R"("metrics": {"enabled": 1})"));
  CHECK(e.pointer == "/metrics/enabled");
  CHECK(e.message == "expected a boolean, got an integer");
  e = error_of(with(R"("risk": {"max_gross_usd": true})"));
  CHECK(e.pointer == "/risk/max_gross_usd");
  CHECK_THAT(e.message, Contains("expected a decimal"));
}

TEST_CASE("an unknown key (typo) is refused with a suggestion", "[config]") {
  auto e = error_of(with(R"("binance": {"levrage": 3})"));
  CHECK(e.pointer == "/binance/levrage");
  CHECK(e.message == R"(unknown option "levrage"; did you mean "leverage"?)");
  e = error_of(with(R"("strategy": {"max_dev_pct": "1", "trust_locl": true})"));
  CHECK(e.pointer == "/strategy/trust_locl");
  e = error_of(with(R"("storage2": {})"));
  CHECK(e.pointer == "/storage2");
  CHECK_THAT(e.message, Contains("did you mean \"storage\""));
  e = error_of(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2", "nmae": "x"}]})");
  CHECK(e.pointer == "/leaders/0/nmae");
}

TEST_CASE("missing leaders is named", "[config]") {
  auto e = error_of(R"({"mode": "dry-run"})");
  CHECK(e.pointer == "/leaders");
  CHECK(e.message == "required option is missing");
  e = error_of(R"({"leaders": []})");
  CHECK(e.pointer == "/leaders");
  CHECK_THAT(e.message, Contains("at least 1"));
  e = error_of(R"({"leaders": [{"name": "x"}]})");
  CHECK(e.pointer == "/leaders/0/address");
}

TEST_CASE("a bad leader address names the pattern", "[config]") {
  auto e = error_of(R"({"leaders": [{"address": "0x1234"}]})");
  CHECK(e.pointer == "/leaders/0/address");
  CHECK(e.message == "does not match pattern ^0x[0-9a-fA-F]{40}$");
}

TEST_CASE("more than 10 leaders is refused (10 users per IP)", "[config]") {
  REQUIRE(load_settings_text(leaders(10), test::empty_env()).ok());
  auto e = error_of(leaders(11));
  CHECK(e.pointer == "/leaders");
  CHECK_THAT(e.message, Contains("has 11 entries, at most 10 allowed"));
  CHECK_THAT(e.message, Contains("10 distinct users per IP"));
}

TEST_CASE("a duplicate leader is refused, whatever the case", "[config]") {
  auto e = error_of(R"({"leaders": [
    {"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"},
    {"address": "0x0000000000000000000000000000000000000001"},
    {"address": "0xB7B6F3CEA3F66BF525F5D8F965F6DBF6D9B017B2"}]})");
  CHECK(e.pointer == "/leaders/2/address");
  CHECK_THAT(e.message, Contains("duplicate leader"));
  CHECK_THAT(e.message, Contains("/leaders/0"));
}

TEST_CASE("an exponent decimal is refused as string and as number",
          "[config]") {
  auto e = error_of(with(R"("risk": {"max_position_usd": "1e-3"})"));
  CHECK(e.pointer == "/risk/max_position_usd");
  CHECK_THAT(e.message, Contains(R"(not a plain decimal: "1e-3")"));
  e = error_of(with(R"("execution": {"price_offset_pct": 1e-3})"));
  CHECK(e.pointer == "/execution/price_offset_pct");
  CHECK_THAT(e.message, Contains(R"(not a plain decimal: "1e-3")"));
  e = error_of(with(R"("risk": {"max_position_qty": {"BTCUSDT": "abc"}})"));
  CHECK(e.pointer == "/risk/max_position_qty/BTCUSDT");
}

TEST_CASE("an unknown mode is an error at /mode", "[config]") {
  auto e = error_of(with(R"("mode": "paper")"));
  CHECK(e.pointer == "/mode");
  CHECK_THAT(
      e.message,
      Contains(
          R"(must be one of "live", "dry-run", "backfill-only", "replay")"));
  CHECK_THAT(e.message, Contains(R"(got "paper")"));
}

TEST_CASE("price_offset_pct above 0.05 is refused", "[config]") {
  auto e = error_of(with(R"("execution": {"price_offset_pct": "0.1"})"));
  CHECK(e.pointer == "/execution/price_offset_pct");
  CHECK(e.message == "must be in [0, 0.05], got 0.1");
  REQUIRE(
      load_settings_text(with(R"("execution": {"price_offset_pct": "0.05"})"),
                         test::empty_env())
          .ok());
}

TEST_CASE("a secret written in the JSON is refused, pointing at the env",
          "[config]") {
  auto e = error_of(with(R"("binance": {"api_key": "abc"})"));
  CHECK(e.pointer == "/binance/api_key");
  CHECK_THAT(e.message,
             Contains("secrets are not accepted in the config file"));
  CHECK_THAT(e.message, Contains("environment"));
  CHECK_THAT(e.message, !Contains("abc"));
  e = error_of(with(R"("binance": {"api_secret": "abc"})"));
  CHECK(e.pointer == "/binance/api_secret");
  CHECK_THAT(e.message, Contains("api_secret_env"));
  e = error_of(with(R"("notifier": {"telegram_token": "123:abc"})"));
  CHECK(e.pointer == "/notifier/telegram_token");
  CHECK_THAT(e.message, Contains("telegram_token_env"));
  // Any other secret-looking key is refused with the same explanation.
  e = error_of(with(R"("binance_secret": "abc")"));
  CHECK(e.pointer == "/binance_secret");
  CHECK_THAT(e.message, Contains("come from the environment"));
  e = error_of(with(R"("notifier": {"bot_token": "123:abc"})"));
  CHECK(e.pointer == "/notifier/bot_token");
  CHECK_THAT(e.message, Contains("come from the environment"));
  CHECK_THAT(e.message, !Contains("123:abc"));
  // A typo of an *_env option is still a typo, not a secret.
  e = error_of(with(R"("binance": {"api_key_evn": "X"})"));
  CHECK(e.pointer == "/binance/api_key_evn");
  CHECK_THAT(e.message, Contains(R"(did you mean "api_key_env"?)"));
}

TEST_CASE("a key given twice is an error", "[config]") {
  auto e = error_of(with(R"("mode": "live", "mode": "dry-run")"));
  CHECK(e.pointer == "/mode");
  CHECK(e.message == "option given twice");
}

TEST_CASE("semantic checks name the field", "[config]") {
  struct row {
    std::string extra;
    std::string pointer;
    std::string text;
  };
  std::vector<row> rows{
      {R"("execution": {"client_id_prefix": "too-long-prefix"})",
       "/execution/client_id_prefix", "does not match pattern"},
      {R"("binance": {"leverage": 20})", "/binance/leverage",
       "risk.max_leverage = 10"},
      {R"("binance": {"rest_url": "http://fapi.binance.com"})",
       "/binance/rest_url", "only allowed for loopback"},
      {R"("hyperliquid": {"ws_url": "ws://10.0.0.1:8080/ws"})",
       "/hyperliquid/ws_url", "only allowed for loopback"},
      {R"("hyperliquid": {"page_size": 3000})", "/hyperliquid/page_size",
       "must be <= 2000"},
      {R"("hyperliquid": {"reconnect_initial_ms": 5000, "reconnect_max_ms": 100})",
       "/hyperliquid/reconnect_max_ms", ">= reconnect_initial_ms"},
      {R"("symbols": {"allow": ["BTC"], "deny": ["BTC"]})", "/symbols/deny/0",
       "both allowed and denied"},
      {R"("symbols": {"overrides": {"kPEPE": {"symbol": "1000pepe"}}})",
       "/symbols/overrides/kPEPE/symbol", "does not match pattern"},
      {R"("symbols": {"overrides": {"kPEPE": {"symbol": "1000PEPEUSDT", "multiplier": "0"}}})",
       "/symbols/overrides/kPEPE/multiplier", "must be > 0"},
      {R"("safety": {"drift_warn_usd": "100", "drift_critical_usd": "50"})",
       "/safety/drift_critical_usd", ">= drift_warn_usd"},
      {R"("risk": {"max_gross_usd": "-1"})", "/risk/max_gross_usd",
       "must be > 0"},
      {R"("notifier": {"telegram_enabled": true})",
       "/notifier/telegram_chat_id", "required when"},
      {R"("metrics": {"bind": "127.0.0.1:99999"})", "/metrics/bind",
       "port up to 65535"},
      {R"("logging": {"level": "verbose"})", "/logging/level",
       "must be one of"},
      {R"("binance": {"api_key_env": "my key"})", "/binance/api_key_env",
       "does not match pattern"},
  };
  for (auto& r : rows) {
    INFO(r.extra);
    auto e = error_of(with(r.extra));
    CHECK(e.pointer == r.pointer);
    CHECK_THAT(e.message, Contains(r.text));
  }
  auto e = error_of(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
                         "sizing": {"kelly_cap": "1.5"}}]})");
  CHECK(e.pointer == "/leaders/0/sizing/kelly_cap");
  CHECK(e.message == "must be in (0, 1], got 1.5");
}

TEST_CASE("plain ws/http are accepted for loopback simulators", "[config]") {
  auto r = load_settings_text(
      with(R"("hyperliquid": {"ws_url": "ws://127.0.0.1:9001/ws",
                            "info_url": "http://localhost:9001/info"},
            "binance": {"rest_url": "http://[::1]:9002"})"),
      test::empty_env());
  INFO((r.ok() ? "" : to_string(r.error())));
  CHECK(r.ok());
}

TEST_CASE("the top level must be an object", "[config]") {
  auto e = error_of("[1, 2]");
  CHECK(e.pointer.empty());
  CHECK(e.message == "expected an object, got an array");
}

TEST_CASE("an error renders as one line naming the pointer", "[config]") {
  CHECK(to_string(config_error{"/a/b", "bad\nthing"})
        == "config error at /a/b: bad thing");
  CHECK(to_string(config_error{"", "x"}) == "config error at (root): x");
}

#include "config/semantic_check.hpp"

TEST_CASE("check_settings guards settings built in code too", "[config]") {
  settings s;
  s.leaders.push_back(leader_settings{});
  s.leaders[0].address = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";
  CHECK_FALSE(check_settings(s));
  s.execution.client_id_prefix = "bad-prefix";
  auto e = check_settings(s);
  REQUIRE(e);
  CHECK(e->pointer == "/execution/client_id_prefix");
  s.execution.client_id_prefix = "ok";
  s.leaders[0].address = "0xB7B6F3CEA3F66BF525F5D8F965F6DBF6D9B017B2";
  e = check_settings(s);
  REQUIRE(e);
  CHECK(e->pointer == "/leaders/0/address");
  s.leaders.clear();
  for (int i = 0; i < 11; ++i) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "0x%040x", i + 1);
    s.leaders.push_back(leader_settings{});
    s.leaders.back().address = buf;
  }
  e = check_settings(s);
  REQUIRE(e);
  CHECK(e->pointer == "/leaders");
  CHECK_THAT(e->message, Contains("11 distinct leaders"));
}
