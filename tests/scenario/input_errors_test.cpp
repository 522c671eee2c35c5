// Issue 6: config errors exit 2 from every command; deep or unreadable
// data files are refused with a clear error instead of a crash
// (docs/operations.md, exit codes; ADR 0016).

#include "run_hlcopy.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

using namespace hlc::test;
using Catch::Contains;

namespace {

constexpr int usage_or_config_error = 2;

std::string write(const std::string& dir, const std::string& name,
                  const std::string& text) {
  auto path = dir + "/" + name;
  std::ofstream{path, std::ios::binary} << text;
  return path;
}

std::string deep_arrays() {
  return std::string(110'000, '[');
}

std::string deep_objects() {
  std::string text;
  for (int i = 0; i < 110'000; ++i)
    text += R"({"a":)";
  return text;
}

/// Every command that loads a config, with that config.
std::vector<std::string> config_commands(const std::string& config) {
  return {"check-config --config '" + config + "'",
          "replay --config '" + config + "' --fills '" + demo_fills_path()
              + "'",
          "run --config '" + config + "'"};
}

void expect_config_error(const std::string& config,
                         const std::string& message) {
  scratch_dir dir;
  for (auto& command : config_commands(config)) {
    auto r = run_hlcopy(dir.path, command);
    INFO(command << "\n" << r.err);
    CHECK(r.status == usage_or_config_error);
    CHECK_THAT(r.err, Contains("config error at "));
    CHECK_THAT(r.err, Contains(message));
  }
}

} // namespace

TEST_CASE("an unreadable config exits 2 from every command",
          "[scenario][exit-code]") {
  scratch_dir dir;
  expect_config_error(dir.path + "/no-such-config.json",
                      "cannot read config file");
  expect_config_error(dir.path, "is a directory");
}

TEST_CASE("invalid, deep, schema and semantic config errors exit 2 "
          "everywhere",
          "[scenario][exit-code]") {
  scratch_dir dir;
  expect_config_error(write(dir.path, "broken.json", "{\"leaders\": ["),
                      "invalid JSON at line 1");
  expect_config_error(write(dir.path, "deep.json", deep_arrays()),
                      "nesting deeper than 64 levels (the limit for config)");
  expect_config_error(write(dir.path, "deep-objects.json", deep_objects()),
                      "nesting deeper than 64 levels (the limit for config)");
  expect_config_error(write(dir.path, "schema.json", R"({"leaders": []})"),
                      "/leaders");
  expect_config_error(write(dir.path, "semantic.json",
                            R"({"leaders": [{"address":
                "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}],
                "hyperliquid": {"info_url": "http://example.com/info"}})"),
                      "/hyperliquid/info_url");
  expect_config_error(write(dir.path, "secret.json",
                            R"({"mode": "live", "leaders": [{"address":
                "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}],
                "binance": {"api_key_env": "HLC_SCENARIO_UNSET_KEY"}})"),
                      "HLC_SCENARIO_UNSET_KEY is not set");
}

TEST_CASE("deep or unreadable data files exit 2 with a clear error",
          "[scenario][exit-code]") {
  scratch_dir dir;
  auto config = write_demo_config(dir.path);
  auto deep = write(dir.path, "deep.json", deep_arrays());
  auto deep_objs = write(dir.path, "deep-objects.json", deep_objects());
  auto not_json = write(dir.path, "not.json", "fills, but not JSON");
  auto replay = "replay --config '" + config + "' --fills ";
  struct file_case {
    std::string args, message;
  };
  std::vector<file_case> cases{
      {replay + "'" + deep + "'",
       "--fills " + deep
           + ": nesting deeper than 64 levels (the limit for recording) at "
             "offset 64"},
      {replay + "'" + deep_objs + "'",
       "--fills " + deep_objs
           + ": nesting deeper than 64 levels (the limit for recording)"},
      {replay + "'" + not_json + "'",
       "--fills " + not_json + ": invalid JSON at offset 1: Invalid value."},
      {replay + "'" + dir.path + "/missing.json'",
       "--fills " + dir.path + "/missing.json: No such file or directory"},
      {replay + "'" + demo_fills_path() + "' --exchange-info '" + deep + "'",
       "--exchange-info " + deep
           + ": nesting deeper than 64 levels (the limit for exchangeInfo)"},
      {replay + "'" + demo_fills_path() + "' --marks '" + deep_objs + "'",
       "--marks " + deep_objs
           + ": nesting deeper than 64 levels (the limit for marks)"},
  };
  for (auto& c : cases) {
    auto r = run_hlcopy(dir.path, c.args);
    INFO(c.args << "\n" << r.err);
    CHECK(r.status == usage_or_config_error);
    CHECK_THAT(r.err, Contains("hlcopy: " + c.message));
  }
}
