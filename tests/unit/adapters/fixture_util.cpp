#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>

namespace hlc::test {

std::string fixture_path(const std::string& relative) {
  return std::string{HLC_FIXTURES_DIR} + "/" + relative;
}

std::string read_fixture(const std::string& relative) {
  std::ifstream in{fixture_path(relative), std::ios::binary};
  INFO("fixture " << relative);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string to_json(const rapidjson::Value& x) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buf};
  x.Accept(writer);
  return std::string{buf.GetString(), buf.GetSize()};
}

void parse_into(rapidjson::Document& doc, const std::string& text) {
  doc.Parse(text.data(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
}

const rapidjson::Value& member_starting_with(const rapidjson::Value& obj,
                                             std::string_view prefix) {
  REQUIRE(obj.IsObject());
  for (auto i = obj.MemberBegin(); i != obj.MemberEnd(); ++i) {
    std::string_view name{i->name.GetString(), i->name.GetStringLength()};
    if (name.substr(0, prefix.size()) == prefix) return i->value;
  }
  FAIL("no member starting with " << std::string{prefix});
  throw std::logic_error("unreachable");
}

std::string fixture_member(const std::string& relative,
                           std::initializer_list<std::string_view> keys) {
  rapidjson::Document doc;
  parse_into(doc, read_fixture(relative));
  const rapidjson::Value* x = &doc;
  for (auto key : keys) {
    INFO("key " << std::string{key} << " in " << relative);
    if (x->IsArray()) {
      auto i = static_cast<rapidjson::SizeType>(std::stoul(std::string{key}));
      REQUIRE(i < x->Size());
      x = &(*x)[i];
    } else {
      x = &member_starting_with(*x, key);
    }
  }
  return to_json(*x);
}

} // namespace hlc::test
