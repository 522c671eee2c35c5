#pragma once

// Shared helpers for the Hyperliquid simulator tests.

#include "sim/common/json_util.hpp"

#include <rapidjson/document.h>

#include <set>
#include <string>
#include <vector>

namespace hl_test {

inline const std::string fixtures = std::string(HLC_FIXTURES_DIR) + "/sim_hl/";

inline rapidjson::Document load(const std::string& name) {
  return hlc::sim::parse_json(hlc::sim::read_file(fixtures + name), name);
}

inline rapidjson::Document parse(const std::string& text) {
  return hlc::sim::parse_json(text, "answer");
}

inline std::string type_name(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "bool";
  if (v.IsString()) return "string";
  if (v.IsNumber()) return "number";
  if (v.IsArray()) return "array";
  return "object";
}

inline std::set<std::string> keys(const rapidjson::Value& obj) {
  std::set<std::string> out;
  for (const auto& m : obj.GetObject())
    out.insert(m.name.GetString());
  return out;
}

/// Differences in shape between a real recording and the simulator's answer:
/// same keys (recursively, for objects; arrays compare their first
/// elements) and the same JSON types. `stringified` lists keys that the
/// recording's source turned into strings although HL sends numbers (ccxt):
/// for them the simulator must send a number.
inline void shape_diff(const rapidjson::Value& real,
                       const rapidjson::Value& sim, const std::string& path,
                       const std::set<std::string>& stringified,
                       std::vector<std::string>& out,
                       const std::string& key = "") {
  auto rt = type_name(real);
  auto st = type_name(sim);
  if (stringified.count(key) && rt == "string") {
    if (st != "number")
      out.push_back(path + ": expected a number, sim has " + st);
    return;
  }
  if (rt == "null" || st == "null") // nullable fields (liquidationPx, ...)
    return;
  if (rt != st) {
    out.push_back(path + ": real " + rt + ", sim " + st);
    return;
  }
  if (real.IsObject()) {
    auto rk = keys(real);
    auto sk = keys(sim);
    for (const auto& k : rk)
      if (!sk.count(k)) out.push_back(path + "." + k + ": missing in sim");
    for (const auto& k : sk)
      if (!rk.count(k))
        out.push_back(path + "." + k + ": not in the recording");
    for (const auto& k : rk)
      if (sk.count(k))
        shape_diff(real[k.c_str()], sim[k.c_str()], path + "." + k, stringified,
                   out, k);
  } else if (real.IsArray() && !real.Empty() && !sim.Empty()) {
    shape_diff(real[0], sim[0], path + "[0]", stringified, out, key);
  }
}

inline std::vector<std::string>
shape_diff(const rapidjson::Value& real, const rapidjson::Value& sim,
           const std::set<std::string>& stringified = {}) {
  std::vector<std::string> out;
  shape_diff(real, sim, "$", stringified, out);
  return out;
}

} // namespace hl_test
