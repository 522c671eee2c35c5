#include "config/effective_config.hpp"
#include "config/loader.hpp"
#include "config/secrets.hpp"

#include "config_test_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using Catch::Contains;

namespace {

// Distinctive values: if any of them shows up in an output, it leaked.
const std::string api_key = "KEYzq8VvS3cretApiK3yValue0001";
const std::string api_secret = "SECzq8VvS3cretApiS3cretValue02";
const std::string tg_token = "123456:TGzq8VvS3cretTokenValue03";

std::string live_config(const std::string& binance_extra = "") {
  return R"({"mode": "live",
    "leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}],
    "binance": {)"
         + binance_extra + "}}";
}

} // namespace

TEST_CASE("secrets come from the injected environment and print as set",
          "[config][secrets]") {
  auto env = test::map_env({{"HLC_BINANCE_API_KEY", api_key},
                            {"HLC_BINANCE_API_SECRET", api_secret},
                            {"HLC_TELEGRAM_TOKEN", tg_token}});
  auto r = load_settings_text(live_config(), env);
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  CHECK(r.value().keys.binance_api_key == api_key);
  CHECK(r.value().keys.binance_api_secret == api_secret);
  CHECK(r.value().keys.telegram_token == tg_token);
  for (bool pretty : {true, false}) {
    auto out = effective_config_json(r.value(), pretty);
    CHECK_THAT(out, Contains(R"("binance_api_key")"));
    CHECK_THAT(out, Contains("\"set\""));
    CHECK_THAT(out, !Contains(api_key));
    CHECK_THAT(out, !Contains(api_secret));
    CHECK_THAT(out, !Contains(tg_token));
    CHECK_THAT(out, !Contains("zq8VvS3cret"));
  }
}

TEST_CASE("the secret values do not enter the config hash",
          "[config][secrets]") {
  auto a = load_settings_text(live_config(),
                              test::map_env({{"HLC_BINANCE_API_KEY", "a"},
                                             {"HLC_BINANCE_API_SECRET", "b"}}));
  auto b = load_settings_text(
      live_config(), test::map_env({{"HLC_BINANCE_API_KEY", "other"},
                                    {"HLC_BINANCE_API_SECRET", "values"}}));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(config_hash(a.value()) == config_hash(b.value()));
}

TEST_CASE("missing secrets print as missing outside live mode",
          "[config][secrets]") {
  auto r = load_settings_text(test::minimal_config, test::empty_env());
  REQUIRE(r.ok());
  auto out = effective_config_json(r.value(), false);
  CHECK_THAT(
      out,
      Contains(
          R"("secrets":{"binance_api_key":"missing","binance_api_secret":"missing","telegram_token":"missing"})"));
}

TEST_CASE("live mode without Binance secrets is an error naming the variable",
          "[config][secrets]") {
  auto r = load_settings_text(live_config(), test::empty_env());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/binance/api_key_env");
  CHECK_THAT(r.error().message, Contains("HLC_BINANCE_API_KEY is not set"));
  r = load_settings_text(live_config(),
                         test::map_env({{"HLC_BINANCE_API_KEY", "k"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/binance/api_secret_env");
  // An empty variable counts as missing.
  r = load_settings_text(live_config(),
                         test::map_env({{"HLC_BINANCE_API_KEY", ""},
                                        {"HLC_BINANCE_API_SECRET", "s"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/binance/api_key_env");
}

TEST_CASE("the variable names come from the config", "[config][secrets]") {
  auto r = load_settings_text(
      live_config(R"("api_key_env": "MY_KEY", "api_secret_env": "MY_SECRET")"),
      test::map_env({{"MY_KEY", api_key}, {"MY_SECRET", api_secret}}));
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  CHECK(r.value().keys.binance_api_key == api_key);
}

TEST_CASE("Telegram enabled needs its token", "[config][secrets]") {
  auto text
      = R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}],
    "notifier": {"telegram_enabled": true, "telegram_chat_id": "42"}})";
  auto r = load_settings_text(text, test::empty_env());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/notifier/telegram_token_env");
  CHECK_THAT(r.error().message, Contains("HLC_TELEGRAM_TOKEN"));
  r = load_settings_text(text,
                         test::map_env({{"HLC_TELEGRAM_TOKEN", tg_token}}));
  REQUIRE(r.ok());
  CHECK(r.value().keys.telegram_token == tg_token);
}

TEST_CASE("a 0600 secrets file is accepted, the environment wins over it",
          "[config][secrets]") {
  test::temp_dir dir;
  auto path = dir.write("secrets.env",
                        "# hlcopy secrets\n"
                        "\n"
                        "HLC_BINANCE_API_KEY="
                            + api_key
                            + "\n"
                              "export HLC_BINANCE_API_SECRET = \""
                            + api_secret
                            + "\"\r\n"
                              "HLC_TELEGRAM_TOKEN='"
                            + tg_token + "'\n",
                        0600);
  auto text = live_config(R"("secrets_file": ")" + path + "\"");
  auto r = load_settings_text(text, test::empty_env());
  INFO((r.ok() ? "" : to_string(r.error())));
  REQUIRE(r.ok());
  CHECK(r.value().keys.binance_api_key == api_key);
  CHECK(r.value().keys.binance_api_secret == api_secret);
  CHECK(r.value().keys.telegram_token == tg_token);
  auto out = effective_config_json(r.value(), true);
  CHECK_THAT(out, !Contains(api_key));
  CHECK_THAT(out, !Contains(api_secret));
  r = load_settings_text(text,
                         test::map_env({{"HLC_BINANCE_API_KEY", "from-env"}}));
  REQUIRE(r.ok());
  CHECK(r.value().keys.binance_api_key == "from-env");
  CHECK(r.value().keys.binance_api_secret == api_secret);
}

TEST_CASE("a 0400 secrets file is accepted", "[config][secrets]") {
  test::temp_dir dir;
  auto path = dir.write("s", "HLC_BINANCE_API_KEY=x\n", 0400);
  auto r = read_secrets_file(path);
  REQUIRE(r.ok());
  CHECK(r.value().at("HLC_BINANCE_API_KEY") == "x");
}

TEST_CASE("a secrets file readable by others is refused", "[config][secrets]") {
  test::temp_dir dir;
  for (mode_t mode : {0644, 0640, 0604, 0660}) {
    INFO(mode);
    auto path = dir.write("secrets.env",
                          "HLC_BINANCE_API_KEY=" + api_key + "\n", mode);
    auto r = load_settings_text(
        live_config(R"("secrets_file": ")" + path + "\""), test::empty_env());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().pointer == "/binance/secrets_file");
    CHECK_THAT(r.error().message, Contains("chmod 600"));
    CHECK_THAT(r.error().message, !Contains(api_key));
  }
  auto path = dir.write("secrets.env", "X=1\n", 0644);
  auto r = read_secrets_file(path);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Contains("has mode 0644"));
}

TEST_CASE("a secrets file problem is reported without its content",
          "[config][secrets]") {
  test::temp_dir dir;
  auto path
      = dir.write("bad.env", "HLC_BINANCE_API_KEY=ok\n" + api_key + "\n", 0600);
  auto r = read_secrets_file(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/binance/secrets_file");
  CHECK_THAT(r.error().message, Contains("line 2: expected NAME=VALUE"));
  CHECK_THAT(r.error().message, !Contains(api_key));
  r = read_secrets_file(dir.write("d", "", 0600) + ".missing");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Contains("cannot read secrets file"));
}

TEST_CASE("a secrets file is checked in every mode", "[config][secrets]") {
  test::temp_dir dir;
  auto path = dir.write("s.env", "HLC_BINANCE_API_KEY=x\n", 0644);
  auto r = load_settings_text(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}],
        "binance": {"secrets_file": ")"
          + path + "\"}}",
      test::empty_env());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/binance/secrets_file");
}
