#include "sim/binance/scenario.hpp"

#include "json_input/bounded_parse.hpp"

#include <stdexcept>

namespace hlc::sim::binance {

namespace {

using rapidjson::Value;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}

std::string str(const Value& v, const std::string& where) {
  if (!v.IsString()) fail(where, "not a string");
  return {v.GetString(), v.GetStringLength()};
}

int64_t integer(const Value& v, const std::string& where) {
  if (!v.IsInt64()) fail(where, "not an integer");
  return v.GetInt64();
}

uint64_t uinteger(const Value& v, const std::string& where) {
  if (!v.IsUint64()) fail(where, "not an unsigned integer");
  return v.GetUint64();
}

bool boolean(const Value& v, const std::string& where) {
  if (!v.IsBool()) fail(where, "not a boolean");
  return v.GetBool();
}

double probability(const Value& v, const std::string& where) {
  if (!v.IsNumber()) fail(where, "not a number");
  auto p = v.GetDouble(); // a probability, not money
  if (p < 0 || p > 1) fail(where, "not in [0, 1]");
  return p;
}

const Value& object(const Value& v, const std::string& where) {
  if (!v.IsObject()) fail(where, "not an object");
  return v;
}

void apply_symbol(const Value& v, const std::string& at, symbol_spec& s) {
  auto dec = [&](const char* k, decimal& out) {
    if (v.HasMember(k)) out = parse_decimal_field(v[k], at + "." + k);
  };
  auto num = [&](const char* k, int& out) {
    if (v.HasMember(k)) out = static_cast<int>(integer(v[k], at + "." + k));
  };
  if (v.HasMember("base_asset"))
    s.base_asset = str(v["base_asset"], at + ".base_asset");
  num("price_precision", s.price_precision);
  num("quantity_precision", s.quantity_precision);
  num("max_leverage", s.max_leverage);
  num("max_num_orders", s.max_num_orders);
  dec("tick_size", s.tick_size);
  dec("min_price", s.min_price);
  dec("max_price", s.max_price);
  if (v.HasMember("step_size")) {
    dec("step_size", s.step_size);
    s.market_step_size = s.step_size;
  }
  if (v.HasMember("min_qty")) {
    dec("min_qty", s.min_qty);
    s.market_min_qty = s.min_qty;
  }
  dec("max_qty", s.max_qty);
  dec("market_max_qty", s.market_max_qty);
  dec("min_notional", s.min_notional);
  dec("percent_up", s.percent_up);
  dec("percent_down", s.percent_down);
  dec("mark", s.initial_mark);
  dec("level_qty", s.level_qty);
}

symbol_spec new_symbol(const std::string& name) {
  // A 5-USDT altcoin shape; the scenario sets what differs.
  symbol_spec s;
  s.symbol = name;
  s.base_asset = name.size() > 4 ? name.substr(0, name.size() - 4) : name;
  s.price_precision = 4;
  s.quantity_precision = 1;
  s.tick_size = decimal::parse_or_throw("0.0001");
  s.min_price = decimal::parse_or_throw("0.0001");
  s.max_price = decimal::parse_or_throw("100000");
  s.step_size = s.market_step_size = decimal::parse_or_throw("0.1");
  s.min_qty = s.market_min_qty = decimal::parse_or_throw("0.1");
  s.max_qty = decimal::parse_or_throw("10000000");
  s.market_max_qty = decimal::parse_or_throw("1000000");
  s.min_notional = decimal::from_int(5);
  s.initial_mark = decimal::from_int(1);
  s.level_qty = decimal::from_int(10000);
  s.max_leverage = 50;
  return s;
}

} // namespace

decimal parse_decimal_field(const Value& v, const std::string& where) {
  if (v.IsInt64()) return decimal::from_int(v.GetInt64());
  if (!v.IsString()) fail(where, "not a decimal string");
  auto text = std::string{v.GetString(), v.GetStringLength()};
  auto d = decimal::parse(text);
  if (!d) fail(where, "not a decimal: \"" + text + "\"");
  return *d;
}

std::vector<level> parse_levels(const Value& v, const std::string& where) {
  if (!v.IsArray()) fail(where, "not an array of [price, qty]");
  std::vector<level> out;
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    auto at = where + "[" + std::to_string(i) + "]";
    if (!v[i].IsArray() || v[i].Size() != 2)
      fail(at, "not a [price, qty] pair");
    out.push_back({parse_decimal_field(v[i][0], at + "[0]"),
                   parse_decimal_field(v[i][1], at + "[1]")});
  }
  return out;
}

http_fault parse_http_fault(const Value& v, const std::string& where) {
  object(v, where);
  http_fault f;
  if (v.HasMember("kind")) {
    try {
      f.kind = parse_fault_kind(str(v["kind"], where + ".kind"));
    } catch (const std::invalid_argument&) {
      fail(where + ".kind", "unknown kind \"" + str(v["kind"], where) + "\"");
    }
  } else {
    fail(where + ".kind", "missing");
  }
  if (v.HasMember("method")) f.method = str(v["method"], where + ".method");
  if (v.HasMember("path")) f.path = str(v["path"], where + ".path");
  if (v.HasMember("executed"))
    f.executed = boolean(v["executed"], where + ".executed");
  if (v.HasMember("status"))
    f.status = static_cast<int>(integer(v["status"], where + ".status"));
  if (v.HasMember("body")) f.body = str(v["body"], where + ".body");
  if (v.HasMember("delay_ms"))
    f.delay_ms = integer(v["delay_ms"], where + ".delay_ms");
  if (v.HasMember("retry_after_s"))
    f.retry_after_s = static_cast<int>(
        integer(v["retry_after_s"], where + ".retry_after_s"));
  if (v.HasMember("skip"))
    f.skip = static_cast<int>(integer(v["skip"], where + ".skip"));
  if (v.HasMember("count"))
    f.count = static_cast<int>(integer(v["count"], where + ".count"));
  if (v.HasMember("probability"))
    f.probability = probability(v["probability"], where + ".probability");
  return f;
}

stream_faults parse_stream_faults(const Value& v, const std::string& where,
                                  stream_faults base) {
  object(v, where);
  auto prob = [&](const char* k, double& out) {
    if (v.HasMember(k)) out = probability(v[k], where + "." + k);
  };
  prob("duplicate", base.duplicate);
  prob("drop", base.drop);
  prob("reorder", base.reorder);
  prob("malformed", base.malformed);
  prob("duplicate_trade", base.duplicate_trade);
  if (v.HasMember("silent"))
    base.silent = boolean(v["silent"], where + ".silent");
  if (v.HasMember("disconnect_after_frames"))
    base.disconnect_after_frames = static_cast<int>(integer(
        v["disconnect_after_frames"], where + ".disconnect_after_frames"));
  return base;
}

venue_config parse_scenario(const std::string& text) {
  rapidjson::Document doc;
  if (auto err = json_input::parse(doc, text, json_input::limits::sim_file,
                                   json_input::dialect::relaxed))
    fail("scenario", err->message);
  object(doc, "scenario");
  venue_config cfg;
  auto has = [&](const char* k) { return doc.HasMember(k); };
  if (has("api_key")) cfg.api_key = str(doc["api_key"], "api_key");
  if (has("api_secret")) cfg.api_secret = str(doc["api_secret"], "api_secret");
  if (has("seed")) cfg.seed = uinteger(doc["seed"], "seed");
  if (has("balance"))
    cfg.balance = parse_decimal_field(doc["balance"], "balance");
  if (has("taker_fee"))
    cfg.taker_fee = parse_decimal_field(doc["taker_fee"], "taker_fee");
  if (has("maker_fee"))
    cfg.maker_fee = parse_decimal_field(doc["maker_fee"], "maker_fee");
  if (has("default_leverage"))
    cfg.default_leverage = static_cast<int>(
        integer(doc["default_leverage"], "default_leverage"));
  if (has("dual_side")) cfg.dual_side = boolean(doc["dual_side"], "dual_side");
  if (has("order_id_start"))
    cfg.order_id_start = uinteger(doc["order_id_start"], "order_id_start");
  if (has("trade_id_start"))
    cfg.trade_id_start = uinteger(doc["trade_id_start"], "trade_id_start");
  if (has("listen_key_validity_s"))
    cfg.listen_key_validity_ms
        = integer(doc["listen_key_validity_s"], "listen_key_validity_s") * 1000;
  if (has("clock_offset_ms"))
    cfg.clock_offset_ms = integer(doc["clock_offset_ms"], "clock_offset_ms");
  if (has("max_recv_window_ms"))
    cfg.max_recv_window_ms
        = integer(doc["max_recv_window_ms"], "max_recv_window_ms");
  if (has("consume_liquidity"))
    cfg.consume_liquidity
        = boolean(doc["consume_liquidity"], "consume_liquidity");
  if (has("event_order")) {
    auto o = str(doc["event_order"], "event_order");
    if (o == "capture")
      cfg.order = event_order::capture;
    else if (o == "otu_first")
      cfg.order = event_order::otu_first;
    else
      fail("event_order",
           "expected \"capture\" or \"otu_first\", got \"" + o + "\"");
  }
  if (has("symbols")) {
    auto& arr = doc["symbols"];
    if (!arr.IsArray()) fail("symbols", "not an array");
    for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
      auto at = "symbols[" + std::to_string(i) + "]";
      object(arr[i], at);
      if (!arr[i].HasMember("symbol")) fail(at + ".symbol", "missing");
      auto name = str(arr[i]["symbol"], at + ".symbol");
      symbol_spec* target = nullptr;
      for (auto& s : cfg.symbols)
        if (s.symbol == name) target = &s;
      if (target == nullptr) {
        cfg.symbols.push_back(new_symbol(name));
        target = &cfg.symbols.back();
      }
      apply_symbol(arr[i], at, *target);
    }
  }
  if (has("marks")) {
    object(doc["marks"], "marks");
    for (auto& m : doc["marks"].GetObject()) {
      std::string name = m.name.GetString();
      cfg.marks[name] = parse_decimal_field(m.value, "marks." + name);
    }
  }
  if (has("timeline")) {
    // [{"after_ms": 500, "symbol": "BTCUSDT", "mark": "95100", "fill_ratio":
    // "1"}]
    auto& steps = doc["timeline"];
    if (!steps.IsArray())
      throw std::invalid_argument("timeline: must be an array");
    int64_t previous = 0;
    for (rapidjson::SizeType i = 0; i < steps.Size(); ++i) {
      auto at = "timeline[" + std::to_string(i) + "]";
      auto& s = steps[i];
      if (!s.IsObject() || !s.HasMember("after_ms") || !s["after_ms"].IsInt64()
          || !s.HasMember("symbol") || !s["symbol"].IsString()
          || !s.HasMember("mark"))
        throw std::invalid_argument(
            at + ": needs after_ms (integer), symbol (string) and mark");
      mark_step step;
      step.after_ms = s["after_ms"].GetInt64();
      if (step.after_ms < previous)
        throw std::invalid_argument(at
                                    + ".after_ms: steps must be in time "
                                      "order");
      previous = step.after_ms;
      step.symbol = s["symbol"].GetString();
      step.mark = parse_decimal_field(s["mark"], at + ".mark");
      if (s.HasMember("fill_ratio"))
        step.fill_ratio
            = parse_decimal_field(s["fill_ratio"], at + ".fill_ratio");
      cfg.timeline.push_back(std::move(step));
    }
  }
  if (has("books")) {
    object(doc["books"], "books");
    for (auto& b : doc["books"].GetObject()) {
      std::string name = b.name.GetString();
      auto at = "books." + name;
      object(b.value, at);
      book_seed seed;
      if (b.value.HasMember("bids"))
        seed.bids = parse_levels(b.value["bids"], at + ".bids");
      if (b.value.HasMember("asks"))
        seed.asks = parse_levels(b.value["asks"], at + ".asks");
      cfg.books[name] = std::move(seed);
    }
  }
  if (has("book_shape")) {
    auto& v = object(doc["book_shape"], "book_shape");
    if (v.HasMember("levels"))
      cfg.shape.levels
          = static_cast<int>(integer(v["levels"], "book_shape.levels"));
    if (v.HasMember("spread_ticks"))
      cfg.shape.spread_ticks = static_cast<int>(
          integer(v["spread_ticks"], "book_shape.spread_ticks"));
    if (v.HasMember("level_gap_ticks"))
      cfg.shape.level_gap_ticks = static_cast<int>(
          integer(v["level_gap_ticks"], "book_shape.level_gap_ticks"));
  }
  if (has("positions")) {
    auto& arr = doc["positions"];
    if (!arr.IsArray()) fail("positions", "not an array");
    for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
      auto at = "positions[" + std::to_string(i) + "]";
      object(arr[i], at);
      position_seed p;
      if (!arr[i].HasMember("symbol") || !arr[i].HasMember("amount")
          || !arr[i].HasMember("entry_price"))
        fail(at, "needs symbol, amount and entry_price");
      p.symbol = str(arr[i]["symbol"], at + ".symbol");
      p.amount = parse_decimal_field(arr[i]["amount"], at + ".amount");
      p.entry_price
          = parse_decimal_field(arr[i]["entry_price"], at + ".entry_price");
      if (arr[i].HasMember("side")) p.side = str(arr[i]["side"], at + ".side");
      cfg.positions.push_back(p);
    }
  }
  if (has("rate_limits")) {
    auto& v = object(doc["rate_limits"], "rate_limits");
    auto num = [&](const char* k, int& out) {
      if (v.HasMember(k))
        out = static_cast<int>(integer(v[k], std::string{"rate_limits."} + k));
    };
    num("weight_per_minute", cfg.limits.weight_per_minute);
    num("orders_per_10s", cfg.limits.orders_per_10s);
    num("orders_per_minute", cfg.limits.orders_per_minute);
    num("ban_after_violations", cfg.limits.ban_after_violations);
    num("ban_seconds", cfg.limits.ban_seconds);
  }
  if (has("faults")) {
    auto& arr = doc["faults"];
    if (!arr.IsArray()) fail("faults", "not an array");
    for (rapidjson::SizeType i = 0; i < arr.Size(); ++i)
      cfg.faults.push_back(
          parse_http_fault(arr[i], "faults[" + std::to_string(i) + "]"));
  }
  if (has("user_stream"))
    cfg.stream = parse_stream_faults(doc["user_stream"], "user_stream");
  // Reject unknown symbols referenced by marks/books/positions.
  auto known = [&](const std::string& s) {
    for (auto& spec : cfg.symbols)
      if (spec.symbol == s) return true;
    return false;
  };
  for (auto& [s, m] : cfg.marks)
    if (!known(s)) fail("marks." + s, "unknown symbol");
  for (auto& [s, b] : cfg.books)
    if (!known(s)) fail("books." + s, "unknown symbol");
  for (size_t i = 0; i < cfg.positions.size(); ++i)
    if (!known(cfg.positions[i].symbol))
      fail("positions[" + std::to_string(i) + "].symbol", "unknown symbol");
  return cfg;
}

venue_config load_scenario_file(const std::string& path) {
  std::string text;
  try {
    text = json_input::read_file(path, json_input::limits::sim_file);
  } catch (const json_input::read_failure& e) {
    throw std::invalid_argument(path
                                + ": cannot open scenario file: " + e.reason);
  }
  try {
    return parse_scenario(text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

} // namespace hlc::sim::binance
