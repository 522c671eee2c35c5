#include "sim/hyperliquid/scenario.hpp"

#include "sim/common/default_prices.hpp"
#include "sim/common/json_util.hpp"

#include <algorithm>
#include <cctype>

namespace hlc::sim::hl {

namespace {

decimal parse_decimal(const rapidjson::Value& obj, const char* key,
                      const std::string& where) {
  auto text = get_string(obj, key, where);
  auto d = decimal::parse(text);
  if (!d)
    throw input_error(where + "." + key + ": not a decimal: \"" + text + "\"");
  return *d;
}

const rapidjson::Value* array_member(const rapidjson::Value& obj,
                                     const char* key,
                                     const std::string& where) {
  auto i = obj.FindMember(key);
  if (i == obj.MemberEnd()) return nullptr;
  if (!i->value.IsArray())
    throw input_error(where + "." + key + ": expected an array");
  return &i->value;
}

} // namespace

std::string normalize_address(const std::string& addr,
                              const std::string& where) {
  bool ok = addr.size() == 42 && addr[0] == '0'
            && (addr[1] == 'x' || addr[1] == 'X');
  for (size_t i = 2; ok && i < addr.size(); ++i)
    ok = std::isxdigit(static_cast<unsigned char>(addr[i])) != 0;
  if (!ok)
    throw input_error(where + ": not a 0x address of 40 hex digits: \"" + addr
                      + "\"");
  std::string out = addr;
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<coin_info> default_coins() {
  // Mids come from the table binance-sim also starts from (SIM-6).
  auto mid = [](const char* coin) { return default_price_of_hl(coin)->hl_mid; };
  return {
      {"BTC", 5, mid("BTC"), 40},     {"ETH", 4, mid("ETH"), 25},
      {"SOL", 2, mid("SOL"), 20},     {"DOGE", 0, mid("DOGE"), 10},
      {"kPEPE", 0, mid("kPEPE"), 10}, {"SUI", 1, mid("SUI"), 10},
  };
}

scheduled_trade parse_trade(const rapidjson::Value& v,
                            const std::string& where) {
  if (!v.IsObject()) throw input_error(where + ": expected an object");
  scheduled_trade t;
  t.at_ms = opt_int(v, "at_ms", where).value_or(0);
  t.spec.leader
      = normalize_address(get_string(v, "leader", where), where + ".leader");
  t.spec.coin = get_string(v, "coin", where);
  auto side = get_string(v, "side", where);
  if (side != "B" && side != "A")
    throw input_error(where + ".side: expected \"B\" or \"A\", got \"" + side
                      + "\"");
  t.spec.side = side[0];
  // Without px the trade happens at the coin's mid when it runs.
  t.spec.px = opt_string(v, "px", where).value_or("");
  t.spec.sz = get_string(v, "sz", where);
  for (const char* k : {"px", "sz"}) {
    if (std::string(k) == "px" && t.spec.px.empty()) continue;
    auto d = parse_decimal(v, k, where);
    if (!d.is_positive())
      throw input_error(where + "." + k + ": must be positive");
  }
  t.spec.oid = opt_uint(v, "oid", where);
  t.spec.tid = opt_uint(v, "tid", where);
  t.spec.crossed = opt_bool(v, "crossed", where).value_or(true);
  t.spec.cloid = opt_string(v, "cloid", where);
  t.spec.builder_fee = opt_string(v, "builderFee", where);
  if (t.spec.builder_fee) parse_decimal(v, "builderFee", where);
  if (auto i = v.FindMember("liquidation"); i != v.MemberEnd()) {
    if (i->value.IsBool()) {
      if (i->value.GetBool()) t.spec.liquidation = hl_liquidation{};
    } else if (i->value.IsObject()) {
      auto lw = where + ".liquidation";
      hl_liquidation l;
      l.liquidated_user = opt_string(i->value, "liquidatedUser", lw);
      l.mark_px = opt_string(i->value, "markPx", lw).value_or("");
      l.method = opt_string(i->value, "method", lw).value_or("market");
      t.spec.liquidation = l;
    } else {
      throw input_error(where + ".liquidation: expected a boolean or object");
    }
  }
  return t;
}

scenario parse_scenario(std::string_view json, const std::string& where) {
  auto doc = parse_json(json, where);
  if (!doc.IsObject()) throw input_error(where + ": expected an object");
  scenario s;
  if (auto i = doc.FindMember("settings"); i != doc.MemberEnd()) {
    const auto& v = i->value;
    auto w = where + ".settings";
    auto& st = s.settings;
    st.page_size = opt_uint(v, "page_size", w).value_or(st.page_size);
    st.user_fills_cap
        = opt_uint(v, "user_fills_cap", w).value_or(st.user_fills_cap);
    st.history_limit
        = opt_uint(v, "history_limit", w).value_or(st.history_limit);
    st.snapshot_cap = opt_uint(v, "snapshot_cap", w).value_or(st.snapshot_cap);
    if (auto ms = opt_int(v, "idle_timeout_ms", w))
      st.idle_timeout_us = *ms * 1000;
    st.max_users = opt_uint(v, "max_users", w).value_or(st.max_users);
    st.max_ws_connections
        = opt_uint(v, "max_ws_connections", w).value_or(st.max_ws_connections);
    st.max_new_ws_per_minute = opt_uint(v, "max_new_ws_per_minute", w)
                                   .value_or(st.max_new_ws_per_minute);
    st.weight_per_minute
        = opt_int(v, "weight_per_minute", w).value_or(st.weight_per_minute);
    st.time_compression
        = opt_number(v, "time_compression", w).value_or(st.time_compression);
    if (st.page_size == 0)
      throw input_error(w + ".page_size: must be positive");
    if (st.time_compression <= 0)
      throw input_error(w + ".time_compression: must be positive");
  }
  if (auto* coins = array_member(doc, "coins", where)) {
    for (rapidjson::SizeType i = 0; i < coins->Size(); ++i) {
      auto w = where + ".coins[" + std::to_string(i) + "]";
      const auto& c = (*coins)[i];
      coin_info ci;
      ci.name = get_string(c, "name", w);
      ci.sz_decimals = static_cast<int>(get_int(c, "szDecimals", w));
      if (ci.sz_decimals < 0 || ci.sz_decimals > 8)
        throw input_error(w + ".szDecimals: expected 0..8");
      ci.mid = parse_decimal(c, "mid", w);
      ci.max_leverage
          = static_cast<int>(opt_int(c, "maxLeverage", w).value_or(50));
      s.coins.push_back(ci);
    }
  } else {
    s.coins = default_coins();
  }
  if (auto* leaders = array_member(doc, "leaders", where)) {
    for (rapidjson::SizeType i = 0; i < leaders->Size(); ++i) {
      auto w = where + ".leaders[" + std::to_string(i) + "]";
      const auto& l = (*leaders)[i];
      auto addr
          = normalize_address(get_string(l, "address", w), w + ".address");
      auto equity = decimal::parse_or_throw("100000.0");
      if (l.HasMember("account_value"))
        equity = parse_decimal(l, "account_value", w);
      s.leaders.emplace_back(addr, equity);
    }
  }
  if (auto* trades = array_member(doc, "trades", where)) {
    for (rapidjson::SizeType i = 0; i < trades->Size(); ++i)
      s.trades.push_back(parse_trade(
          (*trades)[i], where + ".trades[" + std::to_string(i) + "]"));
  }
  std::stable_sort(
      s.trades.begin(), s.trades.end(),
      [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });
  if (auto* faults = array_member(doc, "faults", where))
    s.faults_json = to_json(*faults);
  return s;
}

std::vector<hl_fill> parse_recorded_fills(std::string_view json,
                                          const std::string& where) {
  auto doc = parse_json(json, where);
  const rapidjson::Value* arr = &doc;
  std::string base = where;
  if (doc.IsObject()) {
    auto i = doc.FindMember("response");
    if (i == doc.MemberEnd() || !i->value.IsArray())
      throw input_error(where
                        + ": expected an array of fills or an object "
                          "with a \"response\" array");
    arr = &i->value;
    base += ".response";
  }
  if (!arr->IsArray())
    throw input_error(where + ": expected an array of fills");
  std::vector<hl_fill> fills;
  for (rapidjson::SizeType i = 0; i < arr->Size(); ++i)
    fills.push_back(
        parse_fill((*arr)[i], base + "[" + std::to_string(i) + "]"));
  // Recordings are newest first: reverse, then order by time (stable).
  std::reverse(fills.begin(), fills.end());
  std::stable_sort(
      fills.begin(), fills.end(),
      [](const hl_fill& a, const hl_fill& b) { return a.time < b.time; });
  return fills;
}

} // namespace hlc::sim::hl
