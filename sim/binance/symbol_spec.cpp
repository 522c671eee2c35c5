#include "sim/binance/symbol_spec.hpp"

#include "sim/common/default_prices.hpp"

namespace hlc::sim::binance {

namespace {

decimal d(const char* text) {
  return decimal::parse_or_throw(text);
}

symbol_spec make(const char* symbol, const char* base, const char* sub, int pp,
                 int qp, const char* tick, const char* min_price,
                 const char* max_price, const char* step, const char* min_qty,
                 const char* max_qty, const char* market_max,
                 const char* notional, long long onboard, const char* mark,
                 const char* level_qty, int max_leverage) {
  symbol_spec s;
  s.symbol = symbol;
  s.base_asset = base;
  s.underlying_sub_type = sub;
  s.price_precision = pp;
  s.quantity_precision = qp;
  s.tick_size = d(tick);
  s.min_price = d(min_price);
  s.max_price = d(max_price);
  s.step_size = d(step);
  s.min_qty = d(min_qty);
  s.max_qty = d(max_qty);
  s.market_step_size = d(step);
  s.market_min_qty = d(min_qty);
  s.market_max_qty = d(market_max);
  s.min_notional = d(notional);
  s.onboard_date = onboard;
  // The shared table (SIM-6) wins over the local fallback.
  if (auto* p = default_price_of_binance(symbol))
    s.initial_mark = p->hl_mid * p->multiplier;
  else
    s.initial_mark = d(mark);
  s.level_qty = d(level_qty);
  s.max_leverage = max_leverage;
  return s;
}

} // namespace

std::vector<symbol_spec> default_symbols() {
  std::vector<symbol_spec> out;
  // Values of the REAL capture (ccxt/binance_fapi_exchangeInfo_symbol_entries).
  out.push_back(make("BTCUSDT", "BTC", "PoW", 2, 3, "0.10", "556.80", "4529764",
                     "0.001", "0.001", "1000", "120", "100", 1569398400000LL,
                     "95000.00", "2.000", 125));
  out.push_back(make("ETHUSDT", "ETH", "Layer-1", 2, 3, "0.01", "39.86",
                     "306177", "0.001", "0.001", "10000", "2000", "20",
                     1569398400000LL, "3500.00", "20.000", 125));
  out.push_back(make("SOLUSDT", "SOL", "Layer-1", 4, 2, "0.0100", "0.4200",
                     "6857", "0.01", "0.01", "1000000", "5000", "5",
                     1600315200000LL, "150.0000", "500.00", 100));
  out.push_back(make("SUIUSDT", "SUI", "Layer-1", 6, 1, "0.000100", "0.000100",
                     "200", "0.1", "0.1", "10000000", "200000", "5",
                     1683115200000LL, "3.500000", "20000.0", 75));
  out.push_back(make("DOGEUSDT", "DOGE", "Meme", 6, 0, "0.000010", "0.002440",
                     "30", "1", "1", "50000000", "30000000", "5",
                     1594357200000LL, "0.350000", "200000", 75));
  out.push_back(make("1000PEPEUSDT", "1000PEPE", "Meme", 7, 0, "0.0000001",
                     "0.0000010", "200", "1", "1", "800000000", "120000000",
                     "5", 1683180000000LL, "0.0200000", "5000000", 50));
  return out;
}

void write_string(json_writer& w, const std::string& s) {
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_decimal(json_writer& w, decimal x) {
  write_string(w, x.to_fixed(x.scale()));
}

std::string fixed(decimal x, int decimals) {
  return x.to_fixed(decimals);
}

void write_exchange_info_symbol(json_writer& w, const symbol_spec& s) {
  auto key = [&w](const char* k) { w.Key(k); };
  auto str = [&w](const char* v) { w.String(v); };
  w.StartObject();
  key("baseAsset");
  write_string(w, s.base_asset);
  key("baseAssetPrecision");
  w.Int(8);
  key("contractType");
  str("PERPETUAL");
  key("deliveryDate");
  w.Int64(4133404800000LL);
  key("filters");
  w.StartArray();
  w.StartObject();
  key("filterType");
  str("PRICE_FILTER");
  key("maxPrice");
  write_decimal(w, s.max_price);
  key("minPrice");
  write_decimal(w, s.min_price);
  key("tickSize");
  write_decimal(w, s.tick_size);
  w.EndObject();
  w.StartObject();
  key("filterType");
  str("LOT_SIZE");
  key("maxQty");
  write_decimal(w, s.max_qty);
  key("minQty");
  write_decimal(w, s.min_qty);
  key("stepSize");
  write_decimal(w, s.step_size);
  w.EndObject();
  w.StartObject();
  key("filterType");
  str("MARKET_LOT_SIZE");
  key("maxQty");
  write_decimal(w, s.market_max_qty);
  key("minQty");
  write_decimal(w, s.market_min_qty);
  key("stepSize");
  write_decimal(w, s.market_step_size);
  w.EndObject();
  w.StartObject();
  key("filterType");
  str("MAX_NUM_ORDERS");
  key("limit");
  w.Int(s.max_num_orders);
  w.EndObject();
  w.StartObject();
  key("filterType");
  str("MAX_NUM_ALGO_ORDERS");
  key("limit");
  w.Int(10);
  w.EndObject();
  w.StartObject();
  key("filterType");
  str("MIN_NOTIONAL");
  key("notional");
  write_decimal(w, s.min_notional);
  w.EndObject();
  w.StartObject();
  key("filterType");
  str("PERCENT_PRICE");
  key("multiplierDecimal");
  str("4");
  key("multiplierDown");
  write_string(w, s.percent_down.to_fixed(4));
  key("multiplierUp");
  write_string(w, s.percent_up.to_fixed(4));
  w.EndObject();
  w.EndArray();
  key("liquidationFee");
  str("0.012500");
  key("maintMarginPercent");
  str("2.5000");
  key("marginAsset");
  str("USDT");
  key("marketTakeBound");
  str("0.05");
  key("maxMoveOrderLimit");
  w.Int(10000);
  key("onboardDate");
  w.Int64(s.onboard_date);
  key("orderTypes");
  w.StartArray();
  for (auto* t : {"LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT",
                  "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"})
    str(t);
  w.EndArray();
  key("pair");
  write_string(w, s.symbol);
  key("pricePrecision");
  w.Int(s.price_precision);
  key("quantityPrecision");
  w.Int(s.quantity_precision);
  key("quoteAsset");
  str("USDT");
  key("quotePrecision");
  w.Int(8);
  key("requiredMarginPercent");
  str("5.0000");
  key("settlePlan");
  w.Int(0);
  key("status");
  str("TRADING");
  key("symbol");
  write_string(w, s.symbol);
  key("timeInForce");
  w.StartArray();
  for (auto* t : {"GTC", "IOC", "FOK", "GTX", "GTD"})
    str(t);
  w.EndArray();
  key("triggerProtect");
  str("0.0500");
  key("underlyingSubType");
  w.StartArray();
  write_string(w, s.underlying_sub_type);
  w.EndArray();
  key("underlyingType");
  str("COIN");
  w.EndObject();
}

} // namespace hlc::sim::binance
