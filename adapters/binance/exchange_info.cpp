#include "adapters/binance/exchange_info.hpp"

#include "adapters/binance/json_read.hpp"

namespace hlc::binance {

namespace {

using detail::field_failure;
using detail::object_reader;

// Bits for the filters a usable symbol must have.
enum : unsigned {
  price_filter = 1,
  lot_size = 2,
  market_lot_size = 4,
  min_notional = 8,
  percent_price = 16,
  all_filters = 31,
};

decimal positive(const object_reader& r, const char* name) {
  auto x = r.dec(name);
  if (!x.is_positive()) r.fail(name, "must be positive, got " + x.to_string());
  return x;
}

symbol_filters read_symbol(const rapidjson::Value& x, const std::string& path) {
  object_reader r{x, path};
  symbol_filters result;
  result.symbol = r.str("symbol");
  // A missing contractType (older single entries) is not a perpetual.
  auto contract = r.opt_str("contractType").value_or(std::string{});
  auto status = r.str("status");
  result.trading = contract == "PERPETUAL" && status == "TRADING";
  auto& filters = r.array("filters");
  auto filters_path = r.path_of("filters");
  unsigned seen = 0;
  for (rapidjson::SizeType j = 0; j < filters.Size(); ++j) {
    object_reader f{filters[j], detail::index(filters_path, j)};
    auto type = f.str("filterType");
    if (type == "PRICE_FILTER") {
      result.tick_size = positive(f, "tickSize");
      result.min_price = f.dec("minPrice");
      result.max_price = f.dec("maxPrice");
      seen |= price_filter;
    } else if (type == "LOT_SIZE") {
      result.step_size = positive(f, "stepSize");
      result.min_qty = f.dec("minQty");
      result.max_qty = f.dec("maxQty");
      seen |= lot_size;
    } else if (type == "MARKET_LOT_SIZE") {
      result.market_step_size = positive(f, "stepSize");
      result.market_min_qty = f.dec("minQty");
      result.market_max_qty = f.dec("maxQty");
      seen |= market_lot_size;
    } else if (type == "MIN_NOTIONAL") {
      // Futures name the field `notional`; spot's `minNotional` is not it.
      result.min_notional = f.dec("notional");
      seen |= min_notional;
    } else if (type == "PERCENT_PRICE") {
      result.percent_up = positive(f, "multiplierUp");
      result.percent_down = positive(f, "multiplierDown");
      seen |= percent_price;
    }
  }
  if (seen != all_filters) {
    std::string missing;
    auto note = [&](unsigned bit, const char* name) {
      if ((seen & bit) == 0) {
        missing += missing.empty() ? "" : ", ";
        missing += name;
      }
    };
    note(price_filter, "PRICE_FILTER");
    note(lot_size, "LOT_SIZE");
    note(market_lot_size, "MARKET_LOT_SIZE");
    note(min_notional, "MIN_NOTIONAL");
    note(percent_price, "PERCENT_PRICE");
    r.fail("filters", "missing " + missing);
  }
  return result;
}

void add_symbol(exchange_info& out, const rapidjson::Value& x,
                const std::string& path) {
  try {
    out.symbols.push_back(read_symbol(x, path));
  } catch (field_failure& e) {
    out.errors.push_back(parse_error{std::move(e.field), std::move(e.message),
                                     detail::excerpt(detail::to_json(x))});
  }
}

int64_t interval_unit_ms(const object_reader& r) {
  auto unit = r.str("interval");
  if (unit == "SECOND") return 1000;
  if (unit == "MINUTE") return 60'000;
  if (unit == "HOUR") return 3'600'000;
  if (unit == "DAY") return 86'400'000;
  r.fail("interval", "unknown interval \"" + unit + "\"");
  return 0;
}

// A bad entry is reported and left out: the budget then falls back to the
// documented limits for that type (adapters/binance/rate_limits).
void add_rate_limits(exchange_info& out, const rapidjson::Value& list) {
  if (!list.IsArray()) {
    out.errors.push_back(parse_error{
        "rateLimits", "expected an array, got " + detail::describe(list),
        detail::excerpt(detail::to_json(list))});
    return;
  }
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    try {
      object_reader r{list[i], detail::index("rateLimits", i)};
      rate_limit x;
      x.type = r.str("rateLimitType");
      auto count = r.i64("intervalNum");
      if (count <= 0) r.fail("intervalNum", "must be positive");
      x.interval_ms = count * interval_unit_ms(r);
      x.limit = r.i64("limit");
      if (x.limit <= 0) r.fail("limit", "must be positive");
      out.rate_limits.push_back(std::move(x));
    } catch (field_failure& e) {
      out.errors.push_back(
          parse_error{std::move(e.field), std::move(e.message),
                      detail::excerpt(detail::to_json(list[i]))});
    }
  }
}

} // namespace

exchange_info parse_exchange_info(std::string_view body) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, body, "body",
                           json_input::limits::exchange_info);
  } catch (field_failure& e) {
    exchange_info result;
    result.errors.push_back(parse_error{
        std::move(e.field), std::move(e.message), detail::excerpt(body)});
    return result;
  }
  return parse_exchange_info(doc);
}

exchange_info parse_exchange_info(const rapidjson::Value& body) {
  exchange_info result;
  if (body.IsObject() && body.HasMember("symbols")) {
    auto& list = body["symbols"];
    if (!list.IsArray()) {
      result.errors.push_back(parse_error{
          "symbols", "expected an array, got " + detail::describe(list),
          detail::excerpt(detail::to_json(list))});
      return result;
    }
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i)
      add_symbol(result, list[i], detail::index("symbols", i));
    if (body.HasMember("rateLimits"))
      add_rate_limits(result, body["rateLimits"]);
    return result;
  }
  if (body.IsObject() && body.HasMember("filters")) {
    add_symbol(result, body, "");
    return result;
  }
  result.errors.push_back(parse_error{
      "body",
      "expected exchangeInfo or a symbol entry, got " + detail::describe(body),
      detail::excerpt(detail::to_json(body))});
  return result;
}

} // namespace hlc::binance
