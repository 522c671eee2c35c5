// The schema, the reader, the effective-config writer, the C++ defaults and
// docs/configuration.md describe the same options; these tests keep them in
// step so an option added in one place cannot be forgotten in another.
#include "config/effective_config.hpp"
#include "config/loader.hpp"
#include "config/schema.hpp"

#include "config_test_util.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

using namespace hlc;
using rapidjson::Value;

namespace {

const rapidjson::Document& schema() {
  static rapidjson::Document doc = [] {
    rapidjson::Document d;
    auto text = config_schema_text();
    d.Parse(text.data(), text.size());
    return d;
  }();
  return doc;
}

std::string to_json(const Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

bool forbidden(const Value& prop) {
  return prop.HasMember("not"); // secret keys that must never be used
}

const Value* map_values(const Value& node) {
  auto i = node.FindMember("additionalProperties");
  return i != node.MemberEnd() && i->value.IsObject() ? &i->value : nullptr;
}

/// Dotted paths of every leaf option, e.g. "leaders[].sizing.ratio",
/// "symbols.overrides.<COIN>.symbol".
void leaf_paths(const Value& node, const std::string& path,
                std::vector<std::string>& out) {
  if (node.HasMember("properties")) {
    for (auto& p : node["properties"].GetObject()) {
      std::string name = p.name.GetString();
      if (forbidden(p.value) || name == "$schema") continue;
      leaf_paths(p.value, path.empty() ? name : path + "." + name, out);
    }
  } else if (node.HasMember("items") && node["items"].HasMember("properties")) {
    leaf_paths(node["items"], path + "[]", out);
  } else if (auto m = map_values(node); m && m->HasMember("properties")) {
    leaf_paths(*m, path + "." + node["x-hlc-key"].GetString(), out);
  } else {
    out.push_back(path);
  }
}

bool type_matches(const Value& node, const Value& v) {
  auto& t = node["type"];
  if (t.IsArray()) // decimals: printed as exact strings
    return v.IsString();
  std::string type = t.GetString();
  if (type == "integer") return v.IsInt64();
  if (type == "boolean") return v.IsBool();
  if (type == "string") return v.IsString();
  if (type == "array") return v.IsArray();
  return v.IsObject();
}

/// Walks the printed config against the schema: every schema option printed,
/// nothing printed that the schema lacks, types as declared.
void compare(const Value& node, const Value& printed, const std::string& path,
             std::vector<std::string>& problems) {
  if (node.HasMember("properties")) {
    auto& props = node["properties"];
    for (auto& p : props.GetObject()) {
      std::string name = p.name.GetString();
      if (forbidden(p.value) || name == "$schema") continue;
      if (!printed.HasMember(p.name))
        problems.push_back("not printed: " + path + "/" + name);
      else
        compare(p.value, printed[p.name], path + "/" + name, problems);
    }
    for (auto& m : printed.GetObject()) {
      std::string name = m.name.GetString();
      if (!(path.empty() && name == "secrets") && !props.HasMember(m.name))
        problems.push_back("printed but not in schema: " + path + "/" + name);
    }
    return;
  }
  if (!type_matches(node, printed)) {
    problems.push_back("type differs from schema: " + path);
    return;
  }
  if (printed.IsArray() && node.HasMember("items"))
    for (rapidjson::SizeType i = 0; i < printed.Size(); ++i)
      compare(node["items"], printed[i], path + "/" + std::to_string(i),
              problems);
  if (auto m = map_values(node); m && printed.IsObject())
    for (auto& e : printed.GetObject())
      compare(*m, e.value, path + "/" + e.name.GetString(), problems);
}

/// Every `default` in the schema equals the printed value of a config that
/// leaves the option out.
void compare_defaults(const Value& node, const Value& printed,
                      const std::string& path,
                      std::vector<std::string>& problems) {
  // A map given entries in the input no longer shows its empty default.
  bool filled_map = map_values(node) != nullptr && printed.IsObject()
                    && printed.MemberCount() > 0;
  if (node.HasMember("default") && !filled_map && node["default"] != printed)
    problems.push_back(path + ": schema default " + to_json(node["default"])
                       + " but the loader gives " + to_json(printed));
  if (node.HasMember("properties")) {
    for (auto& p : node["properties"].GetObject())
      if (printed.IsObject() && printed.HasMember(p.name))
        compare_defaults(p.value, printed[p.name],
                         path + "/" + p.name.GetString(), problems);
  } else if (node.HasMember("items") && printed.IsArray()) {
    for (rapidjson::SizeType i = 0; i < printed.Size(); ++i)
      compare_defaults(node["items"], printed[i],
                       path + "/" + std::to_string(i), problems);
  } else if (auto m = map_values(node); m && printed.IsObject()) {
    for (auto& e : printed.GetObject())
      compare_defaults(*m, e.value, path + "/" + e.name.GetString(), problems);
  }
}

/// Every object schema either closes its keys or is a map of schemas.
void check_closed(const Value& node, const std::string& path,
                  std::vector<std::string>& problems) {
  if (!node.IsObject()) return;
  if (node.HasMember("type") && node["type"] == "object") {
    auto i = node.FindMember("additionalProperties");
    bool closed = i != node.MemberEnd()
                  && ((i->value.IsBool() && !i->value.GetBool())
                      || i->value.IsObject());
    if (!closed)
      problems.push_back("object without additionalProperties: " + path);
  }
  for (auto& m : node.GetObject())
    if (m.value.IsObject())
      check_closed(m.value, path + "/" + m.name.GetString(), problems);
}

} // namespace

TEST_CASE("the embedded schema is config/schema.json", "[config][schema]") {
  auto file
      = test::read_text(std::string{HLC_SOURCE_DIR} + "/config/schema.json");
  CHECK(config_schema_text() == file);
  REQUIRE_FALSE(schema().HasParseError());
  CHECK(schema()["$schema"] == "http://json-schema.org/draft-04/schema#");
}

TEST_CASE("every object in the schema refuses unknown keys",
          "[config][schema]") {
  std::vector<std::string> problems;
  check_closed(schema(), "", problems);
  CHECK(problems == std::vector<std::string>{});
}

TEST_CASE("every schema option is printed and nothing else",
          "[config][schema]") {
  auto text = test::read_text(std::string{HLC_FIXTURES_DIR}
                              + "/config/all_options.json");
  auto r = load_settings_text(text, test::map_env({{"ALT_TG", "t"}}));
  REQUIRE(r.ok());
  rapidjson::Document printed;
  printed.Parse(effective_config_json(r.value(), false).c_str());
  std::vector<std::string> problems;
  compare(schema(), printed, "", problems);
  CHECK(problems == std::vector<std::string>{});
  // The walk itself must reach the nested options.
  std::vector<std::string> leaves;
  leaf_paths(schema(), "", leaves);
  CHECK(leaves.size() > 90);
}

TEST_CASE("schema defaults equal the loader's defaults", "[config][schema]") {
  auto r = load_settings_text(
      R"({"leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}],
        "symbols": {"overrides": {"kPEPE": {"symbol": "1000PEPEUSDT"}}}})",
      test::empty_env());
  REQUIRE(r.ok());
  rapidjson::Document printed;
  printed.Parse(effective_config_json(r.value(), false).c_str());
  std::vector<std::string> problems;
  compare_defaults(schema(), printed, "", problems);
  CHECK(problems == std::vector<std::string>{});
}

TEST_CASE("docs/configuration.md documents every option", "[config][docs]") {
  auto doc
      = test::read_text(std::string{HLC_SOURCE_DIR} + "/docs/configuration.md");
  std::vector<std::string> leaves;
  leaf_paths(schema(), "", leaves);
  std::vector<std::string> missing;
  for (auto& p : leaves)
    if (doc.find("`" + p + "`") == std::string::npos) missing.push_back(p);
  CHECK(missing == std::vector<std::string>{});
}
