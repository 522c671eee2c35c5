#include "config/effective_config.hpp"
#include "config/loader.hpp"

#include "config_test_util.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

using namespace hlc;

namespace {

const char* base = R"({
  "mode": "dry-run",
  "leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "sizing": {"ratio": "0.5"}}],
  "execution": {"price_offset_pct": "0.02"}
})";

std::string hash_of(const std::string& text) {
  auto r = load_settings_text(text, test::empty_env());
  if (!r.ok()) FAIL(to_string(r.error()));
  return config_hash(r.value());
}

std::string fixture(const char* name) {
  return test::read_text(std::string{HLC_FIXTURES_DIR} + "/config/" + name);
}

} // namespace

TEST_CASE("the config hash is a SHA-256 hex digest", "[config][hash]") {
  auto h = hash_of(base);
  REQUIRE(h.size() == 64);
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("the hash ignores whitespace, comments, key order and spelling",
          "[config][hash]") {
  auto h = hash_of(base);
  // Same values, different text.
  CHECK(hash_of(R"(
    // a comment
    {"execution":{"price_offset_pct":0.020},/* inline */"leaders":[
      {"sizing":{"ratio":0.50,},"address":"0xB7B6F3CEA3F66BF525F5D8F965F6DBF6D9B017B2"}],
     "mode":"dry-run",})")
        == h);
  // Options spelled at their default equal options left out.
  CHECK(
      hash_of(
          R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "enabled": true, "sizing": {"ratio": "0.5", "mode": "ratio"}}],
               "storage": {"path": "hlcopy.db"}})")
      == h);
}

TEST_CASE("the hash changes when any value changes", "[config][hash]") {
  auto h = hash_of(base);
  auto changed = [&](const std::string& text) {
    INFO(text);
    CHECK(hash_of(text) != h);
  };
  changed(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "sizing": {"ratio": "0.51"}}]})");
  changed(
      R"({"mode": "replay", "leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "sizing": {"ratio": "0.5"}}]})");
  changed(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "sizing": {"ratio": "0.5"}}], "execution": {"price_offset_pct": "0.03"}})");
  changed(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "name": "x", "sizing": {"ratio": "0.5"}}]})");
  changed(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "sizing": {"ratio": "0.5"}}], "binance": {"api_key_env": "OTHER"}})");
  changed(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2",
               "sizing": {"ratio": "0.5"}}], "risk": {"max_position_qty": {"BTCUSDT": "1"}}})");
}

TEST_CASE("the effective config prints every option of a full config",
          "[config][effective]") {
  auto text = fixture("all_options.json");
  auto r = load_settings_text(text, test::empty_env());
  // Telegram is enabled in the fixture: its token must come from ALT_TG.
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/notifier/telegram_token_env");
  r = load_settings_text(text, test::map_env({{"ALT_TG", "t"}}));
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  rapidjson::Document printed;
  printed.Parse(effective_config_json(r.value(), true).c_str());
  REQUIRE_FALSE(printed.HasParseError());
  REQUIRE(printed.HasMember("secrets"));
  CHECK(printed["secrets"]["telegram_token"] == "set");
  CHECK(printed["secrets"]["binance_api_key"] == "missing");
  printed.RemoveMember("secrets");
  rapidjson::Document written;
  written.Parse<rapidjson::kParseCommentsFlag>(text.c_str());
  REQUIRE_FALSE(written.HasParseError());
  // Every non-default value written in the fixture comes back unchanged and
  // nothing else is printed: reader and writer cover the same options.
  CHECK(printed == written);
}

TEST_CASE("the effective config loads back to the same hash",
          "[config][effective]") {
  for (auto name : {"live.json", "dry-run.json", "demo.json"}) {
    INFO(name);
    auto env = test::map_env(
        {{"HLC_BINANCE_API_KEY", "k"}, {"HLC_BINANCE_API_SECRET", "s"}});
    auto r = load_settings_file(
        std::string{HLC_SOURCE_DIR} + "/config/examples/" + name, env);
    REQUIRE(r.ok());
    rapidjson::Document printed;
    printed.Parse(effective_config_json(r.value(), false).c_str());
    printed.RemoveMember("secrets");
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    printed.Accept(w);
    auto again = load_settings_text(buf.GetString(), env);
    INFO((again.ok() ? "" : to_string(again.error())));
    REQUIRE(again.ok());
    CHECK(config_hash(again.value()) == config_hash(r.value()));
    CHECK(effective_config_json(again.value(), true)
          == effective_config_json(r.value(), true));
  }
}
