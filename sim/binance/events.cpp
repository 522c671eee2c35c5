#include "sim/binance/events.hpp"

namespace hlc::sim::binance {

namespace {

std::string zero_or_fixed(decimal x, int decimals) {
  return x.is_zero() ? std::string{"0"} : x.to_fixed(decimals);
}

std::string zero_or_plain(decimal x) {
  return x.is_zero() ? std::string{"0"} : x.to_string();
}

void kv(json_writer& w, const char* k, const std::string& v) {
  w.Key(k);
  write_string(w, v);
}

} // namespace

std::string order_trade_update(const sim_order& o, const symbol_spec& spec,
                               const char* x, const order_fill* fill,
                               int64_t event_ms, decimal bids_notional,
                               decimal asks_notional) {
  rapidjson::StringBuffer buf;
  json_writer w{buf};
  auto pp = spec.price_precision;
  auto qp = spec.quantity_precision;
  w.StartObject();
  kv(w, "e", "ORDER_TRADE_UPDATE");
  w.Key("T");
  w.Int64(event_ms);
  w.Key("E");
  w.Int64(event_ms);
  w.Key("o");
  w.StartObject();
  kv(w, "s", o.symbol);
  kv(w, "c", o.client_id);
  kv(w, "S", o.side);
  kv(w, "o", o.type);
  kv(w, "f", o.time_in_force);
  kv(w, "q", o.qty_text);
  kv(w, "p", o.price_text);
  kv(w, "ap", zero_or_fixed(o.avg_price(pp + 3), pp + 3));
  kv(w, "sp", "0");
  kv(w, "x", x);
  kv(w, "X", o.status);
  w.Key("i");
  w.Uint64(o.order_id);
  kv(w, "l", fill ? fill->qty.to_fixed(qp) : "0");
  kv(w, "z", zero_or_fixed(o.executed_qty, qp));
  kv(w, "L", fill ? fill->price.to_fixed(pp) : "0");
  kv(w, "n", fill ? zero_or_fixed(fill->commission, 8) : "0");
  kv(w, "N", "USDT");
  w.Key("T");
  w.Int64(fill ? fill->time_ms : event_ms);
  w.Key("t");
  w.Uint64(fill ? fill->trade_id : 0);
  kv(w, "b", zero_or_plain(bids_notional));
  kv(w, "a", zero_or_plain(asks_notional));
  w.Key("m");
  w.Bool(fill && fill->maker);
  w.Key("R");
  w.Bool(o.reduce_only);
  kv(w, "wt", "CONTRACT_PRICE");
  kv(w, "ot", o.type);
  kv(w, "ps", o.position_side);
  w.Key("cp");
  w.Bool(false);
  kv(w, "rp", fill ? zero_or_fixed(fill->realized, 8) : "0");
  w.Key("pP");
  w.Bool(false);
  w.Key("si");
  w.Int(0);
  w.Key("ss");
  w.Int(0);
  kv(w, "V", o.stp_mode);
  kv(w, "pm", o.price_match);
  w.Key("gtd");
  w.Int64(o.good_till_date);
  kv(w, "er", "0");
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

std::string trade_lite(const sim_order& o, const symbol_spec& spec,
                       const order_fill& fill, int64_t event_ms) {
  rapidjson::StringBuffer buf;
  json_writer w{buf};
  auto pp = spec.price_precision;
  auto qp = spec.quantity_precision;
  w.StartObject();
  kv(w, "e", "TRADE_LITE");
  w.Key("E");
  w.Int64(event_ms);
  w.Key("T");
  w.Int64(fill.time_ms);
  kv(w, "s", o.symbol);
  kv(w, "q", o.orig_qty.to_fixed(qp));
  kv(w, "p", o.price.to_fixed(pp)); // "0.00" for MARKET, as captured
  w.Key("m");
  w.Bool(fill.maker);
  kv(w, "c", o.client_id);
  kv(w, "S", o.side);
  kv(w, "L", fill.price.to_fixed(pp));
  kv(w, "l", fill.qty.to_fixed(qp));
  w.Key("t");
  w.Uint64(fill.trade_id);
  w.Key("i");
  w.Uint64(o.order_id);
  w.EndObject();
  return buf.GetString();
}

std::string account_update(const account& acct, const position& p, decimal mark,
                           bool isolated, int64_t event_ms) {
  rapidjson::StringBuffer buf;
  json_writer w{buf};
  w.StartObject();
  kv(w, "e", "ACCOUNT_UPDATE");
  w.Key("T");
  w.Int64(event_ms);
  w.Key("E");
  w.Int64(event_ms);
  w.Key("a");
  w.StartObject();
  w.Key("B");
  w.StartArray();
  w.StartObject();
  kv(w, "a", "USDT");
  kv(w, "wb", acct.wallet_balance.to_fixed(8));
  kv(w, "cw", acct.wallet_balance.to_fixed(8));
  kv(w, "bc", "0");
  w.EndObject();
  w.EndArray();
  w.Key("P");
  w.StartArray();
  w.StartObject();
  kv(w, "s", p.symbol);
  kv(w, "pa", zero_or_plain(p.amount));
  kv(w, "ep", zero_or_plain(p.entry_price));
  kv(w, "cr", zero_or_fixed(p.realized, 8));
  kv(w, "up", zero_or_fixed(account::unrealized(p, mark), 8));
  kv(w, "mt", isolated ? "isolated" : "cross");
  kv(w, "iw", "0");
  kv(w, "ps", p.side);
  kv(w, "ma", "USDT");
  kv(w, "bep", zero_or_plain(acct.break_even(p)));
  w.EndObject();
  w.EndArray();
  kv(w, "m", "ORDER");
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

std::string listen_key_expired(const std::string& key, int64_t event_ms) {
  rapidjson::StringBuffer buf;
  json_writer w{buf};
  w.StartObject();
  kv(w, "e", "listenKeyExpired");
  kv(w, "E", std::to_string(event_ms));
  kv(w, "listenKey", key);
  w.EndObject();
  return buf.GetString();
}

} // namespace hlc::sim::binance
