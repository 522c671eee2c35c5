// POST /info of the Hyperliquid venue: request parsing, weights, answers.

#include "sim/hyperliquid/hl_venue.hpp"

#include "json_input/bounded_parse.hpp"
#include "sim/common/json_util.hpp"
#include "sim/common/wall_clock.hpp"

#include <algorithm>

namespace hlc::sim::hl {

namespace {

// axum's texts, which HL's /info returns for bodies it cannot use.
const char* const bad_json = "Failed to parse the request body as JSON: ";
const char* const bad_body
    = "Failed to deserialize the JSON body into the target type: ";

std::pair<int, std::string> unprocessable(const std::string& why) {
  return {422, std::string(bad_body) + why};
}

/// Merges the partial fills of one crossing order (same oid, time, taker).
std::deque<hl_fill> aggregate(const std::deque<hl_fill>& in) {
  std::deque<hl_fill> out;
  std::vector<decimal> notional;
  for (const auto& f : in) {
    auto px = decimal::parse_or_throw(f.px);
    auto sz = decimal::parse_or_throw(f.sz);
    if (!out.empty() && out.back().oid == f.oid && out.back().time == f.time
        && f.crossed && out.back().crossed && out.back().coin == f.coin) {
      auto& a = out.back();
      auto total = decimal::parse_or_throw(a.sz) + sz;
      notional.back() += decimal::multiply(px, sz, 8, rounding::half_up);
      a.sz = hl_text(total);
      a.px = hl_text(
          decimal::divide(notional.back(), total, 8, rounding::half_up));
      a.fee = hl_text(decimal::parse_or_throw(a.fee)
                      + decimal::parse_or_throw(f.fee));
      a.closed_pnl = hl_text(decimal::parse_or_throw(a.closed_pnl)
                             + decimal::parse_or_throw(f.closed_pnl));
      continue;
    }
    out.push_back(f);
    notional.push_back(decimal::multiply(px, sz, 8, rounding::half_up));
  }
  return out;
}

std::string fills_array(const std::vector<const hl_fill*>& fills) {
  std::string out = "[";
  for (const auto* f : fills) {
    append_json(out, *f);
    out += ',';
  }
  if (out.size() > 1)
    out.back() = ']';
  else
    out += ']';
  return out;
}

std::string text_of(decimal x, int scale = 6) {
  return hl_text(
      x.round_to_step(decimal::from_units(1, scale), rounding::half_up));
}

} // namespace

int64_t hl_venue::weight_of(const std::string& type) const {
  static const char* const light[] = {"l2Book",
                                      "allMids",
                                      "clearinghouseState",
                                      "orderStatus",
                                      "spotClearinghouseState",
                                      "exchangeStatus"};
  for (const auto* t : light)
    if (type == t) return 2;
  if (type == "userRole") return 60;
  return 20;
}

void hl_venue::reset_limits() {
  buckets_.clear();
  ws_opens_.clear();
}

bool hl_venue::take_weight(const std::string& ip, int64_t w) {
  // Token bucket on the injected clock: refills weight_per_minute per 60 s.
  auto now = clock_.now_us();
  auto cap = settings_.weight_per_minute * 1000;
  auto [it, fresh] = buckets_.try_emplace(ip, weight_bucket{cap, now});
  auto& b = it->second;
  if (!fresh && now > b.at_us) {
    b.milli = std::min(
        cap, b.milli + (now - b.at_us) * settings_.weight_per_minute / 60000);
    b.at_us = now;
  }
  if (b.milli < w * 1000) return false;
  b.milli -= w * 1000;
  return true;
}

http_response hl_venue::handle_http(const http_request& r) {
  http_response resp;
  if (r.path != "/info") {
    resp.status = 404;
    resp.content_type = "text/plain";
    resp.body = "Not Found";
    return resp;
  }
  if (r.method != "POST") {
    resp.status = 405;
    resp.content_type = "text/plain";
    resp.body = "Method Not Allowed";
    return resp;
  }
  // Weight is charged by type before answering; the per-20-items surcharge
  // after (it may drive the budget negative, as a large page does on HL).
  std::string type;
  {
    rapidjson::Document doc;
    if (!json_input::parse(doc, r.body, json_input::limits::sim_request)
        && doc.IsObject() && doc.HasMember("type") && doc["type"].IsString())
      type = doc["type"].GetString();
  }
  if (!type.empty() && !take_weight(r.remote_ip, weight_of(type))) {
    resp.status = 429;
    resp.content_type = "text/plain";
    resp.body = "rate limited";
    return resp;
  }
  last_items_ = 0;
  auto [status, body] = info(r.body);
  if (status == 200 && (type == "userFills" || type == "userFillsByTime"))
    buckets_[r.remote_ip].milli
        -= static_cast<int64_t>(last_items_ / 20) * 1000;
  resp.status = status;
  resp.body = std::move(body);
  if (status != 200) resp.content_type = "text/plain";
  return resp;
}

std::pair<int, std::string> hl_venue::info(std::string_view body) {
  rapidjson::Document doc;
  if (auto err = json_input::parse(doc, body, json_input::limits::sim_request))
    return {400, std::string(bad_json) + "syntax error at offset "
                     + std::to_string(err->offset)};
  if (!doc.IsObject()) return unprocessable("invalid type: expected an object");
  auto ti = doc.FindMember("type");
  if (ti == doc.MemberEnd()) return unprocessable("missing field `type`");
  if (!ti->value.IsString())
    return unprocessable("invalid type for field `type`: expected a string");
  std::string type = ti->value.GetString();
  auto user_of = [&](std::string& out) -> std::optional<std::string> {
    auto u = doc.FindMember("user");
    if (u == doc.MemberEnd()) return std::string("missing field `user`");
    if (!u->value.IsString()) return std::string("user: expected a string");
    try {
      out = normalize_address(u->value.GetString(), "user");
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::nullopt;
  };
  auto flag = [&](const char* k) {
    auto i = doc.FindMember(k);
    return i != doc.MemberEnd() && i->value.IsBool() && i->value.GetBool();
  };
  try {
    if (type == "userFills") {
      std::string user;
      if (auto err = user_of(user)) return unprocessable(*err);
      return info_user_fills(user, flag("aggregateByTime"));
    }
    if (type == "userFillsByTime") {
      std::string user;
      if (auto err = user_of(user)) return unprocessable(*err);
      auto st = doc.FindMember("startTime");
      if (st == doc.MemberEnd())
        return unprocessable("missing field `startTime`");
      if (!st->value.IsInt64())
        return unprocessable("startTime: expected an integer");
      std::optional<int64_t> end;
      auto et = doc.FindMember("endTime");
      if (et != doc.MemberEnd() && !et->value.IsNull()) {
        if (!et->value.IsInt64())
          return unprocessable("endTime: expected an integer");
        end = et->value.GetInt64();
      }
      return info_user_fills_by_time(user, st->value.GetInt64(), end,
                                     flag("aggregateByTime"), flag("reversed"));
    }
    if (type == "clearinghouseState") {
      std::string user;
      if (auto err = user_of(user)) return unprocessable(*err);
      return {200, clearinghouse_json(user)};
    }
    if (type == "meta") return {200, meta_json()};
    if (type == "metaAndAssetCtxs") {
      std::string out = "[" + meta_json() + ",[";
      for (const auto& c : coins_)
        out += asset_ctx_json(c) + ",";
      if (out.back() == ',') out.pop_back();
      out += "]]";
      return {200, out};
    }
    if (type == "allMids") return {200, all_mids_json()};
    if (type == "l2Book") {
      auto ci = doc.FindMember("coin");
      if (ci == doc.MemberEnd() || !ci->value.IsString())
        return unprocessable("missing field `coin`");
      auto* c = coin(ci->value.GetString());
      if (!c) return {200, "null"}; // HL answers null for an unknown coin
      return {200, l2_book_json(*c, 20)};
    }
  } catch (const std::exception& e) {
    return {500, std::string("internal error: ") + e.what()};
  }
  return unprocessable("unknown variant `" + type + "`");
}

std::pair<int, std::string> hl_venue::info_user_fills(const std::string& user,
                                                      bool aggregated) {
  auto* l = leader(user);
  if (!l) {
    last_items_ = 0;
    return {200, "[]"};
  }
  std::deque<hl_fill> agg;
  const std::deque<hl_fill>* src = &l->fills;
  if (aggregated) {
    agg = aggregate(l->fills);
    src = &agg;
  }
  std::vector<const hl_fill*> out;
  for (auto i = src->rbegin();
       i != src->rend() && out.size() < settings_.user_fills_cap; ++i)
    out.push_back(&*i);
  last_items_ = out.size();
  return {200, fills_array(out)};
}

std::pair<int, std::string>
hl_venue::info_user_fills_by_time(const std::string& user, int64_t start,
                                  std::optional<int64_t> end, bool aggregated,
                                  bool reversed) {
  auto* l = leader(user);
  if (!l) {
    last_items_ = 0;
    return {200, "[]"};
  }
  auto stop = end.value_or(clock_.now_ms());
  std::deque<hl_fill> agg;
  const std::deque<hl_fill>* src = &l->fills;
  if (aggregated) {
    agg = aggregate(l->fills);
    src = &agg;
  }
  // Both bounds inclusive; the page holds the oldest N in range (ascending)
  // or the newest N (reversed).
  auto lo = std::lower_bound(
      src->begin(), src->end(), start,
      [](const hl_fill& f, int64_t t) { return f.time < t; });
  auto hi = std::upper_bound(
      src->begin(), src->end(), stop,
      [](int64_t t, const hl_fill& f) { return t < f.time; });
  std::vector<const hl_fill*> out;
  if (lo < hi) {
    if (!reversed) {
      for (auto i = lo; i != hi && out.size() < settings_.page_size; ++i)
        out.push_back(&*i);
    } else {
      for (auto i = hi; i != lo && out.size() < settings_.page_size;)
        out.push_back(&*--i);
    }
  }
  last_items_ = out.size();
  return {200, fills_array(out)};
}

std::string hl_venue::clearinghouse_json(const std::string& user) const {
  auto* l = leader(user);
  decimal account = l ? l->account_value : decimal{};
  decimal ntl, margin, maint, upnl_total, signed_ntl;
  std::string positions;
  if (l) {
    for (const auto& [name, p] : l->positions) {
      if (p.szi.is_zero()) continue;
      const coin_info* c = nullptr;
      for (const auto& x : coins_)
        if (x.name == name) c = &x;
      auto mark = c ? c->mid : p.entry_px;
      int lev = c ? std::min(20, c->max_leverage) : 20;
      auto value = decimal::multiply(p.szi.abs(), mark, 6, rounding::half_up);
      auto upnl
          = decimal::multiply(mark - p.entry_px, p.szi, 6, rounding::half_up);
      auto used = decimal::divide(value, decimal::from_int(lev), 6,
                                  rounding::half_up);
      auto roe = used.is_zero()
                     ? decimal{}
                     : decimal::divide(upnl, used, 10, rounding::half_up);
      ntl += value;
      margin += used;
      upnl_total += upnl;
      signed_ntl += decimal::multiply(p.szi, mark, 6, rounding::half_up);
      maint += decimal::divide(
          value, decimal::from_int(2 * (c ? c->max_leverage : 20)), 6,
          rounding::half_up);
      positions
          += "{\"type\":\"oneWay\",\"position\":{\"coin\":" + json_quote(name)
             + ",\"szi\":\"" + hl_text(p.szi)
             + "\",\"leverage\":{\"type\":\"cross\",\"value\":"
             + std::to_string(lev) + "},\"entryPx\":\"" + hl_text(p.entry_px)
             + "\",\"positionValue\":\"" + text_of(value)
             + "\",\"unrealizedPnl\":\"" + text_of(upnl)
             + "\",\"returnOnEquity\":\"" + text_of(roe, 10)
             + "\",\"liquidationPx\":null,\"marginUsed\":\"" + text_of(used)
             + "\",\"maxLeverage\":" + std::to_string(c ? c->max_leverage : 20)
             + ",\"cumFunding\":{\"allTime\":\"0.0\",\"sinceOpen\":"
               "\"0.0\",\"sinceChange\":\"0.0\"}}},";
    }
  }
  if (!positions.empty()) positions.pop_back();
  auto value = account + upnl_total;
  auto summary = "{\"accountValue\":\"" + text_of(value)
                 + "\",\"totalNtlPos\":\"" + text_of(ntl)
                 + "\",\"totalRawUsd\":\"" + text_of(value - signed_ntl)
                 + "\",\"totalMarginUsed\":\"" + text_of(margin) + "\"}";
  auto withdrawable = value - margin;
  if (withdrawable.is_negative()) withdrawable = decimal{};
  return "{\"marginSummary\":" + summary + ",\"crossMarginSummary\":" + summary
         + ",\"crossMaintenanceMarginUsed\":\"" + text_of(maint)
         + "\",\"withdrawable\":\"" + text_of(withdrawable)
         + "\",\"assetPositions\":[" + positions
         + "],\"time\":" + std::to_string(clock_.now_ms()) + "}";
}

std::string hl_venue::meta_json() const {
  std::string universe;
  std::vector<int> tables;
  for (const auto& c : coins_) {
    universe += "{\"szDecimals\":" + std::to_string(c.sz_decimals)
                + ",\"name\":" + json_quote(c.name)
                + ",\"maxLeverage\":" + std::to_string(c.max_leverage)
                + ",\"marginTableId\":" + std::to_string(c.max_leverage) + "},";
    if (std::find(tables.begin(), tables.end(), c.max_leverage) == tables.end())
      tables.push_back(c.max_leverage);
  }
  if (!universe.empty()) universe.pop_back();
  std::string margin_tables;
  for (auto t : tables)
    margin_tables += "[" + std::to_string(t)
                     + ",{\"description\":\"\",\"marginTiers\":[{"
                       "\"lowerBound\":\"0.0\",\"maxLeverage\":"
                     + std::to_string(t) + "}]}],";
  if (!margin_tables.empty()) margin_tables.pop_back();
  return "{\"universe\":[" + universe + "],\"marginTables\":[" + margin_tables
         + "],\"collateralToken\":0}";
}

std::string hl_venue::asset_ctx_json(const coin_info& c) const {
  auto mid = hl_text(c.mid);
  // impactPxs: the best bid and ask of the synthetic book.
  auto tick_dec = std::min(6 - c.sz_decimals, 5);
  auto tick = decimal::from_units(1, std::max(0, tick_dec));
  auto bid = c.mid.round_to_step(tick, rounding::floor);
  if (bid == c.mid) bid -= tick;
  auto ask = c.mid.round_to_step(tick, rounding::ceil);
  if (ask == c.mid) ask += tick;
  return "{\"funding\":\"0.0000125\",\"openInterest\":\"1000.0\","
         "\"prevDayPx\":\""
         + mid + "\",\"dayNtlVlm\":\"0.0\",\"premium\":\"0.0\",\"oraclePx\":\""
         + mid + "\",\"markPx\":\"" + mid + "\",\"midPx\":\"" + mid
         + "\",\"impactPxs\":[\"" + hl_text(bid) + "\",\"" + hl_text(ask)
         + "\"],\"dayBaseVlm\":\"0.0\"}";
}

std::string hl_venue::all_mids_json() const {
  std::string out = "{";
  for (const auto& c : coins_)
    out += json_quote(c.name) + ":\"" + hl_text(c.mid) + "\",";
  if (out.back() == ',')
    out.back() = '}';
  else
    out += '}';
  return out;
}

std::string hl_venue::l2_book_json(const coin_info& c, size_t levels) const {
  // Price decimals: at most 6 - szDecimals and 5 significant figures.
  int int_digits = 0;
  for (auto v = c.mid.abs(); v >= decimal::from_int(1);
       v = decimal::divide(v, decimal::from_int(10), 8, rounding::floor))
    ++int_digits;
  int decimals = std::max(0, std::min(6 - c.sz_decimals, 5 - int_digits));
  auto tick = decimal::from_units(1, decimals);
  auto bid = c.mid.round_to_step(tick, rounding::floor);
  if (bid == c.mid) bid -= tick;
  auto ask = c.mid.round_to_step(tick, rounding::ceil);
  if (ask == c.mid) ask += tick;
  auto side = [&](decimal start, int dir) {
    std::string out = "[";
    for (size_t k = 0; k < levels; ++k) {
      auto px = start
                + decimal::multiply(
                    tick, decimal::from_int(dir * static_cast<int>(k)),
                    decimals, rounding::half_up);
      if (!px.is_positive()) break;
      auto sz = decimal::from_int(static_cast<int64_t>(k + 1));
      out += "{\"px\":\"" + hl_text(px) + "\",\"sz\":\""
             + (c.sz_decimals > 0 ? sz.to_fixed(c.sz_decimals) : hl_text(sz))
             + "\",\"n\":1},";
    }
    if (out.back() == ',')
      out.back() = ']';
    else
      out += ']';
    return out;
  };
  return "{\"coin\":" + json_quote(c.name)
         + ",\"time\":" + std::to_string(clock_.now_ms()) + ",\"levels\":["
         + side(bid, -1) + "," + side(ask, 1) + "]}";
}

} // namespace hlc::sim::hl
