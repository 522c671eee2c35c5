#include "adapters/hyperliquid/ws_frames.hpp"

#include "adapters/hyperliquid/json_read.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hlc::hyperliquid {

namespace {

using detail::field_failure;
using detail::object_reader;

constexpr std::string_view greeting_text = "Websocket connection established.";

std::string_view trim(std::string_view text) {
  auto is_space
      = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

ws_subscription_ack read_ack(const object_reader& frame) {
  object_reader data{frame.object("data"), "data"};
  object_reader sub{data.object("subscription"), "data.subscription"};
  ws_subscription_ack ack;
  ack.method = data.str("method");
  ack.type = sub.str("type");
  ack.user = sub.opt_str("user").value_or(std::string{});
  ack.coin = sub.opt_str("coin").value_or(std::string{});
  ack.aggregate_by_time = sub.opt_bool("aggregateByTime");
  ack.subscription = detail::to_json(sub.value());
  return ack;
}

ws_user_fills read_user_fills(const object_reader& frame) {
  object_reader data{frame.object("data"), "data"};
  ws_user_fills result;
  result.is_snapshot = data.opt_bool("isSnapshot").value_or(false);
  result.user = detail::to_lower(data.str("user"));
  auto source = result.is_snapshot ? fill_source::snapshot : fill_source::ws;
  result.batch
      = parse_fills(data.array("fills"), result.user, source, "data.fills");
  return result;
}

ws_user_events read_user_events(const object_reader& frame,
                                std::string_view leader) {
  object_reader data{frame.object("data"), "data"};
  ws_user_events result;
  result.payload = detail::to_json(data.value());
  if (data.find("fills") != nullptr) {
    result.what = ws_user_events::kind::fills;
    // Fills without a leader would poison the dedupe key; refuse them.
    if (leader.empty())
      data.fail("fills", "channel user names no user and no leader was given");
    result.fills = parse_fills(data.array("fills"), leader, fill_source::ws,
                               "data.fills");
  } else if (data.find("funding") != nullptr) {
    result.what = ws_user_events::kind::funding;
  } else if (data.find("liquidation") != nullptr) {
    result.what = ws_user_events::kind::liquidation;
  } else if (data.find("nonUserCancel") != nullptr) {
    result.what = ws_user_events::kind::non_user_cancel;
    auto& list = data.array("nonUserCancel");
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      object_reader entry{list[i], detail::index("data.nonUserCancel", i)};
      result.cancels.push_back({entry.str("coin"), entry.u64("oid")});
    }
  }
  return result;
}

ws_order_status read_order_status(const rapidjson::Value& x, std::string path) {
  object_reader entry{x, std::move(path)};
  object_reader order{entry.object("order"), entry.path_of("order")};
  ws_order_status result;
  result.coin = order.str("coin");
  auto side = order.str("side");
  if (side == "B")
    result.side = side::buy;
  else if (side == "A")
    result.side = side::sell;
  else
    order.fail("side", "expected \"B\" or \"A\", got \"" + side + '"');
  result.limit_px = order.dec("limitPx");
  result.sz = order.dec("sz");
  result.orig_sz = order.opt_dec("origSz").value_or(result.sz);
  result.oid = order.u64("oid");
  result.timestamp_ms = order.i64("timestamp");
  result.cloid = order.opt_str("cloid").value_or(std::string{});
  result.status = entry.str("status");
  result.status_timestamp_ms = entry.i64("statusTimestamp");
  return result;
}

ws_order_updates read_order_updates(const object_reader& frame) {
  auto& data = frame.array("data");
  ws_order_updates result;
  for (rapidjson::SizeType i = 0; i < data.Size(); ++i) {
    try {
      result.updates.push_back(
          read_order_status(data[i], detail::index("data", i)));
    } catch (field_failure& e) {
      result.errors.push_back(parse_error{
          std::move(e.field), std::move(e.message), detail::to_json(data[i])});
    }
  }
  return result;
}

ws_post_reply read_post(const object_reader& frame) {
  object_reader data{frame.object("data"), "data"};
  object_reader response{data.object("response"), "data.response"};
  ws_post_reply result;
  result.id = data.u64("id");
  result.type = response.str("type");
  auto& payload = response.get("payload");
  result.payload = payload.IsString() ? std::string{payload.GetString(),
                                                    payload.GetStringLength()}
                                      : detail::to_json(payload);
  return result;
}

ws_frame classify(const rapidjson::Document& doc, std::string_view leader) {
  object_reader frame{doc, ""};
  auto channel = frame.str("channel");
  if (channel == "subscriptionResponse") return read_ack(frame);
  if (channel == "userFills") return read_user_fills(frame);
  if (channel == "user") return read_user_events(frame, leader);
  if (channel == "orderUpdates") return read_order_updates(frame);
  if (channel == "pong") return ws_pong{};
  if (channel == "error") {
    auto& data = frame.get("data");
    return ws_error{data.IsString()
                        ? std::string{data.GetString(), data.GetStringLength()}
                        : detail::to_json(data)};
  }
  if (channel == "post") return read_post(frame);
  return ws_other_channel{std::move(channel)};
}

// -- client frames ------------------------------------------------------------

using writer_t = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer_t& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

template <class F>
std::string subscription_frame(std::string_view method, std::string_view type,
                               std::string_view user, F extra) {
  rapidjson::StringBuffer buf;
  writer_t w{buf};
  w.StartObject();
  put(w, "method", method);
  w.Key("subscription");
  w.StartObject();
  put(w, "type", type);
  put(w, "user", detail::to_lower(user));
  extra(w);
  w.EndObject();
  w.EndObject();
  return std::string{buf.GetString(), buf.GetSize()};
}

std::string user_fills_frame(std::string_view method, std::string_view user,
                             bool aggregate_by_time) {
  return subscription_frame(method, "userFills", user, [&](writer_t& w) {
    w.Key("aggregateByTime");
    w.Bool(aggregate_by_time);
  });
}

std::string plain_frame(std::string_view method, std::string_view type,
                        std::string_view user) {
  return subscription_frame(method, type, user, [](writer_t&) {});
}

} // namespace

ws_frame parse_ws_frame(std::string_view text,
                        std::string_view user_events_leader) {
  if (trim(text) == greeting_text) return ws_greeting{};
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, text, "frame", json_input::limits::ws_frame);
    return classify(doc, user_events_leader);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(text)};
  }
}

std::string subscribe_user_fills(std::string_view user,
                                 bool aggregate_by_time) {
  return user_fills_frame("subscribe", user, aggregate_by_time);
}

std::string unsubscribe_user_fills(std::string_view user,
                                   bool aggregate_by_time) {
  return user_fills_frame("unsubscribe", user, aggregate_by_time);
}

std::string subscribe_user_events(std::string_view user) {
  return plain_frame("subscribe", "userEvents", user);
}

std::string unsubscribe_user_events(std::string_view user) {
  return plain_frame("unsubscribe", "userEvents", user);
}

std::string subscribe_order_updates(std::string_view user) {
  return plain_frame("subscribe", "orderUpdates", user);
}

std::string unsubscribe_order_updates(std::string_view user) {
  return plain_frame("unsubscribe", "orderUpdates", user);
}

std::string ping_frame() {
  return R"({"method":"ping"})";
}

} // namespace hlc::hyperliquid
