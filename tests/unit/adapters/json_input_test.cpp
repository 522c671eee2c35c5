// The shared bounded parser (json_input/, ADR 0016) on its own.

#include "json_input/bounded_parse.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace hlc::json_input;
using Catch::Contains;

namespace {

constexpr input_limits tiny{"tiny input", 16, 3};

std::string temp_file(const std::string& name, const std::string& text) {
  auto path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream{path, std::ios::binary} << text;
  return path;
}

} // namespace

TEST_CASE("parse keeps documents within the limits", "[json_input]") {
  rapidjson::Document doc;
  REQUIRE_FALSE(parse(doc, R"({"a":[[1]]})", tiny));
  CHECK(doc["a"][0][0].GetInt() == 1);
}

TEST_CASE("parse and check refuse the level past the depth limit",
          "[json_input]") {
  rapidjson::Document doc;
  auto err = parse(doc, R"({"a":[[[1]]]})", tiny);
  REQUIRE(err);
  CHECK(err->what == parse_failure::kind::too_deep);
  CHECK(err->message
        == "nesting deeper than 3 levels (the limit for tiny input) at "
           "offset 7");
  CHECK(doc.IsNull());
  auto scanned = check(R"({"a":[[[1]]]})", tiny);
  REQUIRE(scanned);
  CHECK(scanned->message == err->message);
  CHECK_FALSE(check("[[[]],[[]]]", tiny)); // depth returns after each close
}

TEST_CASE("parse and check refuse input over the size limit", "[json_input]") {
  rapidjson::Document doc;
  std::string text = R"(["0123456789012"])"; // 17 bytes
  auto err = parse(doc, text, tiny);
  REQUIRE(err);
  CHECK(err->what == parse_failure::kind::too_large);
  CHECK(err->message == "17 bytes, more than the 16-byte limit for tiny input");
  CHECK(check(text, tiny)->what == parse_failure::kind::too_large);
}

TEST_CASE("syntax errors name the offset", "[json_input]") {
  rapidjson::Document doc;
  auto err = parse(doc, "[1,]", tiny);
  REQUIRE(err);
  CHECK(err->what == parse_failure::kind::syntax);
  CHECK(err->offset == 3);
  CHECK_THAT(err->message, Catch::StartsWith("invalid JSON at offset 3: "));
}

TEST_CASE("the relaxed dialect takes comments and trailing commas",
          "[json_input]") {
  rapidjson::Document doc;
  REQUIRE_FALSE(parse(doc, "[1, /* c */ 2,]", tiny, dialect::relaxed));
  CHECK(doc.Size() == 2);
  REQUIRE_FALSE(parse(doc, "[1.10]", tiny, dialect::relaxed_numbers_as_text));
  CHECK(std::string{doc[0].GetString()} == "1.10");
}

TEST_CASE("read_file refuses a file over the size limit and a missing one",
          "[json_input]") {
  auto ok = temp_file("hlc_json_input_ok.json", "[1]");
  CHECK(read_file(ok, tiny) == "[1]");
  auto big = temp_file("hlc_json_input_big.json", std::string(17, ' '));
  CHECK_THROWS_WITH(read_file(big, tiny),
                    Contains("more than the 16-byte limit for tiny input"));
  std::remove(ok.c_str());
  std::remove(big.c_str());
  CHECK_THROWS_AS(read_file("/nonexistent/hlc.json", tiny), read_failure);
}
