#include "adapters/hyperliquid/info.hpp"

#include "adapters/hyperliquid/json_read.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hlc::hyperliquid {

namespace {

using detail::field_failure;
using detail::object_reader;
using writer_t = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer_t& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// Writes `{"type":type, ...extra}`.
template <class F>
std::string request(std::string_view type, F extra) {
  rapidjson::StringBuffer buf;
  writer_t w{buf};
  w.StartObject();
  put(w, "type", type);
  extra(w);
  w.EndObject();
  return std::string{buf.GetString(), buf.GetSize()};
}

void put_dex(writer_t& w, std::optional<std::string_view> dex) {
  if (dex) put(w, "dex", *dex);
}

// Runs `f` on the parsed body; JSON and field errors become a parse_error.
template <class T, class F>
result<T> parse_body(std::string_view body, std::string_view what, F f) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, body, what, json_input::limits::rest_body);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(body)};
  }
  return f(doc);
}

template <class T, class F>
result<T> parse_value(const rapidjson::Value& body, F f) {
  try {
    return f(body);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(detail::to_json(body))};
  }
}

clearinghouse_state read_state(const rapidjson::Value& body) {
  object_reader r{body, ""};
  clearinghouse_state result;
  object_reader summary{r.object("marginSummary"), "marginSummary"};
  result.account_value = summary.dec("accountValue");
  result.time_ms = r.opt_i64("time").value_or(0);
  auto& list = r.array("assetPositions");
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    object_reader entry{list[i], detail::index("assetPositions", i)};
    object_reader pos{entry.object("position"), entry.path_of("position")};
    hl_position p;
    p.coin = pos.str("coin");
    p.szi = pos.dec("szi");
    p.entry_px = pos.dec("entryPx");
    result.positions.push_back(std::move(p));
  }
  return result;
}

int read_int(const object_reader& r, const char* name) {
  auto& x = r.get(name);
  if (!x.IsInt())
    r.fail(name, "expected an integer, got " + detail::describe(x));
  return x.GetInt();
}

std::vector<perp_asset> read_meta(const rapidjson::Value& body) {
  object_reader r{body, ""};
  auto& list = r.array("universe");
  std::vector<perp_asset> result;
  result.reserve(list.Size());
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    object_reader entry{list[i], detail::index("universe", i)};
    perp_asset a;
    a.name = entry.str("name");
    a.index = i;
    a.sz_decimals = read_int(entry, "szDecimals");
    if (a.sz_decimals < 0 || a.sz_decimals > decimal::max_scale)
      entry.fail("szDecimals",
                 "out of range: " + std::to_string(a.sz_decimals));
    a.max_leverage = read_int(entry, "maxLeverage");
    a.delisted = entry.opt_bool("isDelisted").value_or(false);
    result.push_back(std::move(a));
  }
  return result;
}

std::map<std::string, decimal> read_mids(const rapidjson::Value& body) {
  object_reader r{body, "mids"};
  std::map<std::string, decimal> result;
  for (auto i = body.MemberBegin(); i != body.MemberEnd(); ++i) {
    std::string coin{i->name.GetString(), i->name.GetStringLength()};
    result.emplace(coin, detail::read_decimal(i->value, r.path_of(coin)));
  }
  return result;
}

} // namespace

std::string user_fills_request(std::string_view user,
                               std::optional<bool> aggregate_by_time) {
  return request("userFills", [&](writer_t& w) {
    put(w, "user", detail::to_lower(user));
    if (aggregate_by_time) {
      w.Key("aggregateByTime");
      w.Bool(*aggregate_by_time);
    }
  });
}

std::string user_fills_by_time_request(std::string_view user, int64_t start_ms,
                                       std::optional<int64_t> end_ms,
                                       std::optional<bool> aggregate_by_time) {
  return request("userFillsByTime", [&](writer_t& w) {
    put(w, "user", detail::to_lower(user));
    w.Key("startTime");
    w.Int64(start_ms);
    if (end_ms) {
      w.Key("endTime");
      w.Int64(*end_ms);
    }
    if (aggregate_by_time) {
      w.Key("aggregateByTime");
      w.Bool(*aggregate_by_time);
    }
  });
}

std::string clearinghouse_state_request(std::string_view user,
                                        std::optional<std::string_view> dex) {
  return request("clearinghouseState", [&](writer_t& w) {
    put(w, "user", detail::to_lower(user));
    put_dex(w, dex);
  });
}

std::string meta_request(std::optional<std::string_view> dex) {
  return request("meta", [&](writer_t& w) { put_dex(w, dex); });
}

std::string all_mids_request(std::optional<std::string_view> dex) {
  return request("allMids", [&](writer_t& w) { put_dex(w, dex); });
}

result<clearinghouse_state> parse_clearinghouse_state(std::string_view body) {
  return parse_body<clearinghouse_state>(
      body, "body",
      [](const rapidjson::Value& x) { return parse_clearinghouse_state(x); });
}

result<clearinghouse_state>
parse_clearinghouse_state(const rapidjson::Value& body) {
  return parse_value<clearinghouse_state>(body, read_state);
}

result<std::vector<perp_asset>> parse_meta(std::string_view body) {
  return parse_body<std::vector<perp_asset>>(
      body, "body", [](const rapidjson::Value& x) { return parse_meta(x); });
}

result<std::vector<perp_asset>> parse_meta(const rapidjson::Value& body) {
  return parse_value<std::vector<perp_asset>>(body, read_meta);
}

result<std::map<std::string, decimal>> parse_all_mids(std::string_view body) {
  return parse_body<std::map<std::string, decimal>>(
      body, "body",
      [](const rapidjson::Value& x) { return parse_all_mids(x); });
}

result<std::map<std::string, decimal>>
parse_all_mids(const rapidjson::Value& body) {
  return parse_value<std::map<std::string, decimal>>(body, read_mids);
}

} // namespace hlc::hyperliquid
