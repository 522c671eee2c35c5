// Issue 6: a config nested 110 000 deep overflowed the stack (parser,
// duplicate-key walk, schema validator). The loader now refuses deep and
// oversize configs with an error naming the limit (ADR 0016).

#include "config/loader.hpp"
#include "json_input/limits.hpp"

#include "config_test_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using Catch::Contains;

namespace {

config_error error_of(const std::string& text) {
  auto r = load_settings_text(text, test::empty_env());
  REQUIRE_FALSE(r);
  return r.error();
}

std::string nested_in_leaders(const std::string& open, const std::string& close,
                              size_t depth) {
  std::string text = R"({"leaders": )";
  for (size_t i = 0; i < depth; ++i)
    text += open;
  text += "1";
  for (size_t i = 0; i < depth; ++i)
    text += close;
  return text + "}";
}

} // namespace

TEST_CASE("a config of 110 000 nested [ is refused at the depth limit",
          "[config][limits]") {
  auto e = error_of(std::string(110'000, '['));
  CHECK(e.pointer.empty());
  CHECK(e.message
        == "nesting deeper than 64 levels (the limit for config) at offset "
           "64");
}

TEST_CASE("a config of 110 000 nested objects is refused at the depth limit",
          "[config][limits]") {
  std::string text;
  for (int i = 0; i < 110'000; ++i)
    text += R"({"a":)";
  CHECK_THAT(error_of(text).message,
             Contains("nesting deeper than 64 levels (the limit for config)"));
}

TEST_CASE("deep but closed nesting stops at the depth limit, not later",
          "[config][limits]") {
  // 63 arrays inside the root object: 64 levels, reaches the schema check.
  auto ok_depth = error_of(nested_in_leaders("[", "]", 63));
  CHECK(ok_depth.pointer == "/leaders/0");
  CHECK_THAT(ok_depth.message, !Contains("nesting"));
  CHECK_THAT(error_of(nested_in_leaders("[", "]", 64)).message,
             Contains("nesting deeper than 64"));
  CHECK_THAT(error_of(nested_in_leaders(R"({"a":)", "}", 64)).message,
             Contains("nesting deeper than 64"));
}

TEST_CASE("a config over 1 MiB is refused, naming the limit",
          "[config][limits]") {
  std::string big = R"({"leaders": [], "pad": ")"
                    + std::string(json_input::limits::config.max_bytes, ' ')
                    + "\"}";
  CHECK(error_of(big).message
        == std::to_string(big.size())
               + " bytes, more than the 1048576-byte limit for config");

  test::temp_dir dir;
  auto path = dir.write("big.json", big);
  auto r = load_settings_file(path, test::empty_env());
  REQUIRE_FALSE(r);
  CHECK(r.error().message
        == "cannot read config file " + path
               + ": more than the 1048576-byte limit for config");
}
