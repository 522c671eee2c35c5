// The /ws protocol of the Hyperliquid venue: greeting, subscribe and
// unsubscribe with HL's ack quirks, snapshots, live pushes, ping/pong, the
// 10-user cap, post requests and the idle close.

#include "sim/hyperliquid/hl_venue.hpp"

#include "json_input/bounded_parse.hpp"
#include "sim/common/json_util.hpp"
#include "sim/common/wall_clock.hpp"

#include <algorithm>
#include <set>

namespace hlc::sim::hl {

namespace {

const char* const greeting = "Websocket connection established.";

bool is_user_type(const std::string& t) {
  return t == "userFills" || t == "userEvents" || t == "orderUpdates";
}

std::string fills_json(const std::vector<const hl_fill*>& fills) {
  std::string out = "[";
  for (const auto* f : fills) {
    append_json(out, *f);
    out += ',';
  }
  if (out.back() == ',')
    out.back() = ']';
  else
    out += ']';
  return out;
}

} // namespace

void hl_venue::send(const connection& c, std::string frame,
                    std::string_view channel) {
  if (send_) send_(c.peer, std::move(frame), channel);
}

std::optional<http_response> hl_venue::admit_ws(const http_request& r) {
  if (r.path != "/ws") return std::nullopt; // on_ws_open answers 404
  // HL documents the limits (§A.3) but not how it refuses; like most
  // venues, the simulator answers the upgrade with a 429 (documented in
  // docs/simulators.md, "Hyperliquid: decisions").
  auto refuse = [](std::string why) {
    http_response resp;
    resp.status = 429;
    resp.content_type = "text/plain";
    resp.body = std::move(why);
    return resp;
  };
  size_t open = 0;
  for (const auto& [id, c] : conns_)
    if (c.ip == r.remote_ip) ++open;
  if (open >= settings_.max_ws_connections)
    return refuse("Too many websocket connections: at most "
                  + std::to_string(settings_.max_ws_connections) + " per IP");
  auto now = clock_.now_us();
  auto& opens = ws_opens_[r.remote_ip];
  while (!opens.empty() && opens.front() <= now - 60'000'000)
    opens.pop_front();
  if (opens.size() >= settings_.max_new_ws_per_minute)
    return refuse("Too many new websocket connections: at most "
                  + std::to_string(settings_.max_new_ws_per_minute)
                  + " per minute per IP");
  opens.push_back(now);
  return std::nullopt;
}

bool hl_venue::on_ws_open(const http_request& r, const ws_peer_ptr& peer) {
  if (r.path != "/ws") return false;
  auto& c = conns_[peer->id()];
  c.peer = peer;
  c.ip = r.remote_ip;
  c.last_msg_us = clock_.now_us();
  send(c, greeting, "greeting");
  arm_idle(peer->id());
  return true;
}

void hl_venue::on_ws_close(const ws_peer_ptr& peer) {
  conns_.erase(peer->id());
}

void hl_venue::arm_idle(uint64_t conn_id) {
  if (!schedule_) return;
  auto i = conns_.find(conn_id);
  if (i == conns_.end()) return;
  auto idle = clock_.now_us() - i->second.last_msg_us;
  auto wait = std::max<int64_t>(settings_.idle_timeout_us - idle, 1000);
  schedule_(wait, [this, conn_id] {
    auto j = conns_.find(conn_id);
    if (j == conns_.end()) return;
    if (clock_.now_us() - j->second.last_msg_us >= settings_.idle_timeout_us)
      j->second.peer->close();
    else
      arm_idle(conn_id);
  });
}

size_t hl_venue::check_idle() {
  size_t n = 0;
  auto now = clock_.now_us();
  for (auto& [id, c] : conns_) {
    if (now - c.last_msg_us >= settings_.idle_timeout_us) {
      c.peer->close();
      ++n;
    }
  }
  return n;
}

size_t hl_venue::tracked_users() const {
  std::set<std::string> users;
  for (const auto& [id, c] : conns_)
    for (const auto& s : c.subs)
      if (!s.user.empty()) users.insert(s.user);
  return users.size();
}

void hl_venue::send_error(connection& c, const std::string& message) {
  send(c, "{\"channel\":\"error\",\"data\":" + json_quote(message) + "}",
       "error");
}

void hl_venue::on_ws_text(const ws_peer_ptr& peer, const std::string& text) {
  auto ci = conns_.find(peer->id());
  if (ci == conns_.end()) return;
  auto& c = ci->second;
  c.last_msg_us = clock_.now_us();
  const std::string parse_error
      = "Error parsing JSON into valid websocket request: " + text;
  rapidjson::Document doc;
  if (json_input::parse(doc, text, json_input::limits::sim_request)
      || !doc.IsObject() || !doc.HasMember("method")
      || !doc["method"].IsString()) {
    send_error(c, parse_error);
    return;
  }
  std::string method = doc["method"].GetString();
  if (method == "ping") {
    send(c, "{\"channel\":\"pong\"}", "pong");
    return;
  }
  if (method == "subscribe" || method == "unsubscribe") {
    handle_subscribe(c, text, method == "subscribe");
    return;
  }
  if (method == "post") {
    auto id = doc.FindMember("id");
    auto req = doc.FindMember("request");
    if (id == doc.MemberEnd() || !id->value.IsUint64() || req == doc.MemberEnd()
        || !req->value.IsObject() || !req->value.HasMember("type")
        || !req->value["type"].IsString() || !req->value.HasMember("payload")) {
      send_error(c, parse_error);
      return;
    }
    auto id_text = std::to_string(id->value.GetUint64());
    std::string kind = req->value["type"].GetString();
    std::string response;
    if (kind == "info") {
      const auto& payload = req->value["payload"];
      auto [status, body] = info(to_json(payload));
      if (status == 200) {
        std::string type
            = payload.HasMember("type") && payload["type"].IsString()
                  ? payload["type"].GetString()
                  : "";
        response = "{\"type\":\"info\",\"payload\":{\"type\":"
                   + json_quote(type) + ",\"data\":" + body + "}}";
      } else {
        response = "{\"type\":\"error\",\"payload\":" + json_quote(body) + "}";
      }
    } else {
      response = "{\"type\":\"error\",\"payload\":"
                 + json_quote("the simulator does not execute actions") + "}";
    }
    send(c,
         "{\"channel\":\"post\",\"data\":{\"id\":" + id_text
             + ",\"response\":" + response + "}}",
         "post");
    return;
  }
  send_error(c, parse_error);
}

void hl_venue::handle_subscribe(connection& c, const std::string& text,
                                bool sub) {
  const std::string parse_error
      = "Error parsing JSON into valid websocket request: " + text;
  rapidjson::Document doc;
  json_input::parse(
      doc, text, json_input::limits::sim_request); // a failure leaves doc null
  auto si = doc.FindMember("subscription");
  if (si == doc.MemberEnd() || !si->value.IsObject()
      || !si->value.HasMember("type") || !si->value["type"].IsString()) {
    send_error(c, parse_error);
    return;
  }
  const auto& obj = si->value;
  subscription s;
  s.type = obj["type"].GetString();
  auto str = [&](const char* k) -> std::optional<std::string> {
    auto i = obj.FindMember(k);
    if (i == obj.MemberEnd() || !i->value.IsString()) return std::nullopt;
    return std::string(i->value.GetString());
  };
  // HL echoes the subscription normalized: user lower-cased, userFills
  // with aggregateByTime made explicit.
  if (is_user_type(s.type)) {
    auto user = str("user");
    if (!user) {
      send_error(c, parse_error);
      return;
    }
    try {
      s.user = normalize_address(*user, "user");
    } catch (const input_error&) {
      send_error(c, parse_error);
      return;
    }
    s.echo = "{\"type\":" + json_quote(s.type) + ",\"user\":\"" + s.user + "\"";
    if (s.type == "userFills") {
      auto ag = obj.FindMember("aggregateByTime");
      s.aggregate
          = ag != obj.MemberEnd() && ag->value.IsBool() && ag->value.GetBool();
      s.echo += std::string(",\"aggregateByTime\":")
                + (s.aggregate ? "true" : "false");
    }
    s.echo += "}";
  } else if (s.type == "allMids") {
    s.echo = to_json(obj);
  } else if (s.type == "l2Book" || s.type == "trades") {
    auto coin_name = str("coin");
    if (!coin_name) {
      send_error(c, parse_error);
      return;
    }
    s.coin = *coin_name;
    if (!coin(s.coin)) {
      // Captured behaviour: an unknown coin closes the socket, no frame.
      c.peer->close();
      return;
    }
    s.echo = to_json(obj);
  } else {
    send_error(c, parse_error);
    return;
  }
  s.key
      = s.type + "|" + s.user + "|" + s.coin + "|" + (s.aggregate ? "1" : "0");
  auto existing
      = std::find_if(c.subs.begin(), c.subs.end(),
                     [&](const subscription& x) { return x.key == s.key; });
  if (!sub) {
    if (existing == c.subs.end()) {
      send_error(c, "Already unsubscribed: " + s.echo);
      return;
    }
    c.subs.erase(existing);
    send(c,
         "{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":"
         "\"unsubscribe\",\"subscription\":"
             + s.echo + "}}",
         "subscriptionResponse");
    return;
  }
  if (existing != c.subs.end()) {
    send_error(c, "Already subscribed: " + s.echo);
    return;
  }
  if (!s.user.empty()) {
    // The cap is per IP (§A.3): only this client's connections count.
    std::set<std::string> users;
    for (const auto& [id, other] : conns_)
      if (other.ip == c.ip)
        for (const auto& x : other.subs)
          if (!x.user.empty()) users.insert(x.user);
    if (!users.count(s.user) && users.size() >= settings_.max_users) {
      send_error(c, "Cannot track more than "
                        + std::to_string(settings_.max_users)
                        + " total users.");
      return;
    }
  }
  c.subs.push_back(s);
  send(c,
       "{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":"
       "\"subscribe\",\"subscription\":"
           + s.echo + "}}",
       "subscriptionResponse");
  send_initial(c, s);
}

void hl_venue::send_initial(connection& c, const subscription& s) {
  if (s.type == "userFills") {
    // A snapshot on EVERY subscribe, even when empty: the newest fills up to
    // snapshot_cap, oldest first.
    std::vector<const hl_fill*> fills;
    if (auto* l = leader(s.user)) {
      auto from = l->fills.size() > settings_.snapshot_cap
                      ? l->fills.size() - settings_.snapshot_cap
                      : 0;
      for (size_t i = from; i < l->fills.size(); ++i)
        fills.push_back(&l->fills[i]);
    }
    send(c,
         "{\"channel\":\"userFills\",\"data\":{\"isSnapshot\":true,\"user\":\""
             + s.user + "\",\"fills\":" + fills_json(fills) + "}}",
         "userFills");
    return;
  }
  auto* cn = s.coin.empty() ? nullptr : coin(s.coin);
  if (s.type == "allMids")
    send(c,
         "{\"channel\":\"allMids\",\"data\":{\"mids\":" + all_mids_json()
             + "}}",
         "allMids");
  else if (s.type == "l2Book" && cn)
    send(c, "{\"channel\":\"l2Book\",\"data\":" + l2_book_json(*cn, 20) + "}",
         "l2Book");
  // userEvents and orderUpdates replay nothing (protocol_facts §A.4).
}

void hl_venue::publish_fill(const std::string& leader, const hl_fill& f) {
  if (conns_.empty()) return;
  std::string fill;
  append_json(fill, f);
  std::string user_fills = "{\"channel\":\"userFills\",\"data\":{\"user\":\""
                           + leader + "\",\"fills\":[" + fill + "]}}";
  std::string events
      = "{\"channel\":\"user\",\"data\":{\"fills\":[" + fill + "]}}";
  std::string order;
  {
    order = "{\"channel\":\"orderUpdates\",\"data\":[{\"order\":{\"coin\":"
            + json_quote(f.coin) + ",\"side\":\"" + std::string(1, f.side)
            + "\",\"limitPx\":\"" + f.px + "\",\"sz\":\"0.0\",\"oid\":"
            + std::to_string(f.oid) + ",\"timestamp\":" + std::to_string(f.time)
            + ",\"origSz\":\"" + f.sz + "\"";
    if (f.cloid) order += ",\"cloid\":" + json_quote(*f.cloid);
    order += "},\"status\":\"filled\",\"statusTimestamp\":"
             + std::to_string(f.time) + "}]}";
  }
  std::string trades
      = "{\"channel\":\"trades\",\"data\":[{\"coin\":" + json_quote(f.coin)
        + ",\"side\":\"" + std::string(1, f.side) + "\",\"px\":\"" + f.px
        + "\",\"sz\":\"" + f.sz + "\",\"time\":" + std::to_string(f.time)
        + ",\"hash\":\"" + f.hash + "\",\"tid\":"
        + std::to_string(f.tid.value_or(0)) + ",\"users\":[\"" + leader
        + "\",\"0x0000000000000000000000000000000000000000\"]}"
          "]}";
  for (auto& [id, c] : conns_) {
    for (const auto& s : c.subs) {
      if (s.type == "userFills" && s.user == leader)
        send(c, user_fills, "userFills");
      else if (s.type == "userEvents" && s.user == leader)
        send(c, events, "user");
      else if (s.type == "orderUpdates" && s.user == leader)
        send(c, order, "orderUpdates");
      else if (s.type == "trades" && s.coin == f.coin)
        send(c, trades, "trades");
    }
  }
}

void hl_venue::publish_market(const coin_info& cn) {
  for (auto& [id, c] : conns_) {
    for (const auto& s : c.subs) {
      if (s.type == "allMids")
        send(c,
             "{\"channel\":\"allMids\",\"data\":{\"mids\":" + all_mids_json()
                 + "}}",
             "allMids");
      else if (s.type == "l2Book" && s.coin == cn.name)
        send(c,
             "{\"channel\":\"l2Book\",\"data\":" + l2_book_json(cn, 20) + "}",
             "l2Book");
    }
  }
}

} // namespace hlc::sim::hl
