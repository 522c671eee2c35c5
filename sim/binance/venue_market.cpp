// Public market-data endpoints: time, exchangeInfo, premiumIndex,
// bookTicker, depth.

#include "sim/binance/binance_venue.hpp"
#include "sim/binance/venue_util.hpp"

namespace hlc::sim::binance {

using detail::json;
using detail::kv;

namespace {

constexpr int64_t eight_hours_ms = 8LL * 3600 * 1000;

} // namespace

const symbol_spec& binance_venue::spec_of(const std::string& symbol) const {
  auto i = specs_.find(symbol);
  if (i == specs_.end()) throw errors::invalid_symbol();
  return i->second;
}

const symbol_spec& binance_venue::require_symbol(const context& ctx) {
  return spec_of(detail::required(ctx.params, "symbol"));
}

std::string binance_venue::get_time(context& ctx) {
  if (ctx.req.path == "/fapi/v1/ping") return "{}";
  return json([&](json_writer& w) {
    w.StartObject();
    w.Key("serverTime");
    w.Int64(ctx.now_ms + clock_offset_ms_);
    w.EndObject();
  });
}

std::string binance_venue::get_exchange_info(context& ctx) {
  return json([&](json_writer& w) {
    auto& l = limiter_.limits();
    w.StartObject();
    kv(w, "timezone", "UTC");
    w.Key("serverTime");
    w.Int64(ctx.now_ms + clock_offset_ms_);
    kv(w, "futuresType", "U_MARGINED");
    w.Key("rateLimits");
    w.StartArray();
    auto limit
        = [&w](const char* type, const char* interval, int num, int value) {
            w.StartObject();
            kv(w, "rateLimitType", type);
            kv(w, "interval", interval);
            w.Key("intervalNum");
            w.Int(num);
            w.Key("limit");
            w.Int(value);
            w.EndObject();
          };
    limit("REQUEST_WEIGHT", "MINUTE", 1, l.weight_per_minute);
    limit("ORDERS", "MINUTE", 1, l.orders_per_minute);
    limit("ORDERS", "SECOND", 10, l.orders_per_10s);
    w.EndArray();
    w.Key("exchangeFilters");
    w.StartArray();
    w.EndArray();
    w.Key("assets");
    w.StartArray();
    w.StartObject();
    kv(w, "asset", "USDT");
    w.Key("marginAvailable");
    w.Bool(true);
    kv(w, "autoAssetExchange", "-10000");
    w.EndObject();
    w.EndArray();
    w.Key("symbols");
    w.StartArray();
    for (auto& s : cfg_.symbols)
      write_exchange_info_symbol(w, specs_.at(s.symbol));
    w.EndArray();
    w.EndObject();
  });
}

std::string binance_venue::get_premium_index(context& ctx) {
  auto one = [&](json_writer& w, const symbol_spec& s) {
    auto& m = markets_.at(s.symbol);
    w.StartObject();
    kv(w, "symbol", s.symbol);
    kv(w, "markPrice", m.mark.to_fixed(8));
    kv(w, "indexPrice", m.index.to_fixed(8));
    kv(w, "estimatedSettlePrice", m.index.to_fixed(8));
    kv(w, "lastFundingRate", m.funding_rate.to_fixed(8));
    kv(w, "interestRate", "0.00010000");
    w.Key("nextFundingTime");
    w.Int64((ctx.now_ms / eight_hours_ms + 1) * eight_hours_ms);
    w.Key("time");
    w.Int64(ctx.now_ms);
    w.EndObject();
  };
  if (ctx.params.has("symbol")) {
    auto& s = require_symbol(ctx);
    return json([&](json_writer& w) { one(w, s); });
  }
  return json([&](json_writer& w) {
    w.StartArray();
    for (auto& s : cfg_.symbols)
      one(w, specs_.at(s.symbol));
    w.EndArray();
  });
}

std::string binance_venue::get_book_ticker(context& ctx) {
  auto one = [&](json_writer& w, const symbol_spec& s) {
    auto& m = markets_.at(s.symbol);
    auto pp = s.price_precision;
    auto qp = s.quantity_precision;
    w.StartObject();
    w.Key("symbol");
    write_string(w, s.symbol);
    kv(w, "bidPrice", m.bids.empty() ? "0" : m.bids[0].price.to_fixed(pp));
    kv(w, "bidQty", m.bids.empty() ? "0" : m.bids[0].qty.to_fixed(qp));
    kv(w, "askPrice", m.asks.empty() ? "0" : m.asks[0].price.to_fixed(pp));
    kv(w, "askQty", m.asks.empty() ? "0" : m.asks[0].qty.to_fixed(qp));
    w.Key("time");
    w.Int64(ctx.now_ms);
    w.Key("lastUpdateId");
    w.Uint64(m.update_id);
    w.EndObject();
  };
  if (ctx.params.has("symbol")) {
    auto& s = require_symbol(ctx);
    return json([&](json_writer& w) { one(w, s); });
  }
  return json([&](json_writer& w) {
    w.StartArray();
    for (auto& s : cfg_.symbols)
      one(w, specs_.at(s.symbol));
    w.EndArray();
  });
}

std::string binance_venue::get_depth(context& ctx) {
  auto& s = require_symbol(ctx);
  size_t limit = 500;
  if (auto l = ctx.params.get("limit"); l && !l->empty()) {
    auto n = detail::int_param(*l, "limit");
    if (n != 5 && n != 10 && n != 20 && n != 50 && n != 100 && n != 500
        && n != 1000)
      throw errors::illegal_value("limit");
    limit = static_cast<size_t>(n);
  }
  auto& m = markets_.at(s.symbol);
  return json([&](json_writer& w) {
    auto side = [&](const std::vector<level>& levels) {
      w.StartArray();
      for (size_t i = 0; i < levels.size() && i < limit; ++i) {
        w.StartArray();
        write_string(w, levels[i].price.to_fixed(s.price_precision));
        write_string(w, levels[i].qty.to_fixed(s.quantity_precision));
        w.EndArray();
      }
      w.EndArray();
    };
    w.StartObject();
    w.Key("lastUpdateId");
    w.Uint64(m.update_id);
    w.Key("E");
    w.Int64(ctx.now_ms);
    w.Key("T");
    w.Int64(ctx.now_ms);
    w.Key("bids");
    side(m.bids);
    w.Key("asks");
    side(m.asks);
    w.EndObject();
  });
}

} // namespace hlc::sim::binance
