#include "config/check_config.hpp"
#include "config/effective_config.hpp"
#include "config/loader.hpp"

#include "config_test_util.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace hlc;
using Catch::Contains;
using Catch::StartsWith;

TEST_CASE("check-config prints the effective config and its hash",
          "[config][check]") {
  test::temp_dir dir;
  const std::string secret = "S3cr3tValueNeverPrinted42";
  auto path = dir.write("c.json", test::minimal_config);
  std::ostringstream out, err;
  auto env = test::map_env({{"HLC_BINANCE_API_SECRET", secret}});
  REQUIRE(run_check_config(path, env, out, err) == 0);
  CHECK(err.str().empty());
  auto text = out.str();
  auto loaded = load_settings_text(test::minimal_config, env);
  REQUIRE(loaded.ok());
  CHECK_THAT(text, Contains(effective_config_json(loaded.value(), true)));
  CHECK_THAT(text, Contains("\"binance_api_secret\": \"set\""));
  CHECK_THAT(text, Contains("\"binance_api_key\": \"missing\""));
  CHECK_THAT(text, !Contains(secret));
  auto last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  CHECK(last == "config hash: " + config_hash(loaded.value()) + "\n");
}

TEST_CASE("check-config fails with one line naming the pointer",
          "[config][check]") {
  test::temp_dir dir;
  auto path = dir.write("bad.json", R"({"leaders": [{"address": "0x12"}]})");
  std::ostringstream out, err;
  REQUIRE(run_check_config(path, test::empty_env(), out, err) == 2);
  CHECK(out.str().empty());
  CHECK(err.str()
        == "config error at /leaders/0/address: does not match pattern "
           "^0x[0-9a-fA-F]{40}$\n");
}

TEST_CASE("check-config reports a missing file and a syntax error on one line",
          "[config][check]") {
  test::temp_dir dir;
  std::ostringstream out, err;
  REQUIRE(run_check_config(dir.write("x", "") + ".none", test::empty_env(), out,
                           err)
          == 2);
  CHECK_THAT(err.str(), StartsWith("config error at (root): cannot read"));
  std::ostringstream out2, err2;
  REQUIRE(run_check_config(dir.write("s.json", "{\n\"leaders\": [\n"),
                           test::empty_env(), out2, err2)
          == 2);
  auto line = err2.str();
  CHECK_THAT(line,
             StartsWith("config error at (root): invalid JSON at line 3"));
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
}
