#include "adapters/binance/user_stream.hpp"

#include "adapters/binance/json_read.hpp"

namespace hlc::binance {

namespace {

using detail::field_failure;
using detail::object_reader;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

hlc::side read_side(const object_reader& r, const char* name) {
  auto side = r.str(name);
  if (side == "BUY") return side::buy;
  if (side == "SELL") return side::sell;
  r.fail(name, "expected BUY or SELL, got \"" + side + '"');
}

order_event read_order_trade_update(const object_reader& top) {
  object_reader o{top.object("o"), "o"};
  order_event result;
  auto& u = result.update;
  u.event_time_ms = top.i64("E");
  result.transaction_time_ms = top.opt_i64("T").value_or(0);
  u.symbol = o.str("s");
  u.client_id = o.str("c");
  u.side = read_side(o, "S");
  u.exchange_order_id = o.u64("i");
  u.trade_id = o.opt_u64("t").value_or(0);
  u.last_qty = o.dec("l");
  u.last_px = o.dec("L");
  u.cum_qty = o.dec("z");
  u.avg_px = o.dec("ap");
  result.trade_time_ms = o.opt_i64("T").value_or(0);
  result.reduce_only = o.opt_bool("R").value_or(false);
  result.execution_type = o.str("x");
  result.order_status = o.str("X");
  result.origin = origin_of(u.client_id);
  auto& x = result.execution_type;
  if (x == "NEW" || x == "AMENDMENT") {
    u.kind = order_event_kind::accepted;
  } else if (x == "TRADE") {
    u.kind = order_event_kind::trade;
  } else if (x == "CALCULATED") {
    // A liquidation fill of our own position, whatever the id says.
    u.kind = order_event_kind::trade;
    if (result.origin == order_origin::client)
      result.origin = order_origin::liquidation;
  } else if (x == "CANCELED") {
    u.kind = order_event_kind::canceled;
  } else if (x == "EXPIRED") {
    u.kind = order_event_kind::expired;
  } else {
    o.fail("x", "unknown execution type \"" + x + '"');
  }
  return result;
}

order_event read_trade_lite(const object_reader& r) {
  order_event result;
  result.lite = true;
  auto& u = result.update;
  u.kind = order_event_kind::trade;
  u.event_time_ms = r.i64("E");
  result.transaction_time_ms = r.opt_i64("T").value_or(0);
  result.trade_time_ms = result.transaction_time_ms;
  u.symbol = r.str("s");
  u.client_id = r.str("c");
  u.side = read_side(r, "S");
  u.exchange_order_id = r.u64("i");
  u.trade_id = r.u64("t");
  u.last_qty = r.dec("l");
  u.last_px = r.dec("L");
  result.origin = origin_of(u.client_id);
  return result;
}

account_update read_account_update(const object_reader& top) {
  object_reader a{top.object("a"), "a"};
  account_update result;
  result.event_time_ms = top.i64("E");
  result.transaction_time_ms = top.opt_i64("T").value_or(0);
  result.reason = a.str("m");
  if (a.find("P") != nullptr) {
    auto& list = a.array("P");
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      object_reader p{list[i], detail::index("a.P", i)};
      account_position pos;
      pos.symbol = p.str("s");
      pos.amount = p.dec("pa");
      pos.entry = p.dec("ep");
      pos.position_side = p.opt_str("ps").value_or("BOTH");
      result.positions.push_back(std::move(pos));
    }
  }
  if (a.find("B") != nullptr) {
    auto& list = a.array("B");
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      object_reader b{list[i], detail::index("a.B", i)};
      account_balance bal;
      bal.asset = b.str("a");
      bal.wallet = b.dec("wb");
      bal.cross_wallet = b.opt_dec("cw").value_or(decimal{});
      bal.change = b.opt_dec("bc").value_or(decimal{});
      result.balances.push_back(std::move(bal));
    }
  }
  return result;
}

user_stream_event read_event(const rapidjson::Value& doc) {
  const rapidjson::Value* event = &doc;
  // Combined streams wrap the event: {"stream": "...", "data": {...}}.
  if (doc.IsObject() && doc.HasMember("data") && doc.HasMember("stream")
      && doc["data"].IsObject())
    event = &doc["data"];
  object_reader r{*event, ""};
  auto type = r.str("e");
  if (type == "ORDER_TRADE_UPDATE") return read_order_trade_update(r);
  if (type == "TRADE_LITE") return read_trade_lite(r);
  if (type == "ACCOUNT_UPDATE") return read_account_update(r);
  if (type == "listenKeyExpired")
    return listen_key_expired{r.i64("E"),
                              r.opt_str("listenKey").value_or(std::string{})};
  return other_event{std::move(type)};
}

} // namespace

std::string_view to_string(order_origin x) noexcept {
  switch (x) {
  case order_origin::client:
    return "client";
  case order_origin::liquidation:
    return "liquidation";
  case order_origin::adl:
    return "adl";
  case order_origin::settlement:
    return "settlement";
  }
  return "client";
}

order_origin origin_of(std::string_view client_id) noexcept {
  if (starts_with(client_id, "autoclose-")) return order_origin::liquidation;
  if (starts_with(client_id, "adl_autoclose")) return order_origin::adl;
  if (starts_with(client_id, "settlement_autoclose-"))
    return order_origin::settlement;
  return order_origin::client;
}

user_stream_event parse_user_stream_frame(std::string_view text) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, text, "frame", json_input::limits::ws_frame);
    return read_event(doc);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(text)};
  }
}

} // namespace hlc::binance
