// The /_sim/ control routes (SIM-3/SIM-4): move marks and books, arm
// faults, read records, reset, expire the listenKey.

#include "json_input/bounded_parse.hpp"
#include "sim/binance/binance_venue.hpp"
#include "sim/binance/scenario.hpp"
#include "sim/binance/venue_util.hpp"
#include "sim/common/json_util.hpp"
#include "sim/common/record_filter.hpp"

#include <rapidjson/document.h>

#include <stdexcept>

namespace hlc::sim::binance {

using detail::json;
using detail::kv;

namespace {

http_response ok_json(std::string body) {
  http_response r;
  r.body = std::move(body);
  return r;
}

http_response bad_request(const std::string& what) {
  http_response r;
  r.status = 400;
  r.body = json([&](json_writer& w) {
    w.StartObject();
    kv(w, "error", what);
    w.EndObject();
  });
  return r;
}

rapidjson::Document parse_body(const std::string& body) {
  rapidjson::Document doc;
  if (json_input::parse(doc, body.empty() ? "{}" : body,
                        json_input::limits::sim_request)
      || !doc.IsObject())
    throw std::invalid_argument("body: not a JSON object");
  return doc;
}

const std::string ok = R"({"ok":true})";

} // namespace

http_response binance_venue::control(const http_request& req) {
  try {
    auto& path = req.path;
    bool post = req.method == "POST";
    if (post && path == "/_sim/mark") {
      auto doc = parse_body(req.body);
      if (!doc.HasMember("symbol") || !doc["symbol"].IsString())
        throw std::invalid_argument("symbol: missing");
      std::string symbol = doc["symbol"].GetString();
      if (!specs_.count(symbol))
        throw std::invalid_argument("symbol: unknown \"" + symbol + "\"");
      auto ratio = doc.HasMember("fill_ratio")
                       ? parse_decimal_field(doc["fill_ratio"], "fill_ratio")
                       : decimal::from_int(1);
      std::optional<decimal> mark;
      if (doc.HasMember("mark"))
        mark = parse_decimal_field(doc["mark"], "mark");
      if (doc.HasMember("bids") || doc.HasMember("asks")) {
        auto& m = markets_.at(symbol);
        auto bids = doc.HasMember("bids") ? parse_levels(doc["bids"], "bids")
                                          : m.bids;
        auto asks = doc.HasMember("asks") ? parse_levels(doc["asks"], "asks")
                                          : m.asks;
        set_book_locked(symbol, std::move(bids), std::move(asks), mark, ratio);
      } else {
        if (!mark) throw std::invalid_argument("mark: missing");
        auto shape = cfg_.shape;
        if (doc.HasMember("levels") && doc["levels"].IsInt())
          shape.levels = doc["levels"].GetInt();
        if (doc.HasMember("spread_ticks") && doc["spread_ticks"].IsInt())
          shape.spread_ticks = doc["spread_ticks"].GetInt();
        if (doc.HasMember("level_qty"))
          shape.level_qty = parse_decimal_field(doc["level_qty"], "level_qty");
        set_mark_locked(symbol, *mark, shape, ratio);
      }
      return ok_json(ok);
    }
    if (post && path == "/_sim/fault") {
      auto doc = parse_body(req.body);
      if (doc.HasMember("clear") && doc["clear"].IsBool()
          && doc["clear"].GetBool()) {
        plan_.clear();
        stream_.set_faults({});
        clock_offset_ms_ = 0;
      }
      if (doc.HasMember("http"))
        plan_.add(parse_http_fault(doc["http"], "http"));
      if (doc.HasMember("stream"))
        stream_.set_faults(
            parse_stream_faults(doc["stream"], "stream", stream_.faults()));
      if (doc.HasMember("clock_offset_ms")) {
        if (!doc["clock_offset_ms"].IsInt64())
          throw std::invalid_argument("clock_offset_ms: not an integer");
        clock_offset_ms_ = doc["clock_offset_ms"].GetInt64();
      }
      if (doc.HasMember("event_order")) {
        std::string o = doc["event_order"].IsString()
                            ? doc["event_order"].GetString()
                            : "";
        if (o == "capture")
          cfg_.order = event_order::capture;
        else if (o == "otu_first")
          cfg_.order = event_order::otu_first;
        else
          throw std::invalid_argument("event_order: expected \"capture\" or "
                                      "\"otu_first\"");
      }
      return ok_json(ok);
    }
    if (post && path == "/_sim/reset") {
      init_state();
      return ok_json(ok);
    }
    if (post && path == "/_sim/expire_listen_key") {
      stream_.poll(now_us(), true);
      return ok_json(ok);
    }
    if (req.method == "GET" && path == "/_sim/requests") {
      auto filter = record_filter::parse(req.query);
      return ok_json(json([&](json_writer& w) {
        w.StartArray();
        for (auto& r : records_) {
          if (!filter.matches(r.seq, r.path)) continue;
          w.StartObject();
          w.Key("seq");
          w.Uint64(r.seq);
          w.Key("received_us");
          w.Int64(r.received_us);
          kv(w, "method", r.method);
          kv(w, "path", r.path);
          kv(w, "query", r.query);
          kv(w, "body", r.body);
          w.Key("api_key_sent");
          w.Bool(r.api_key_sent);
          w.Key("status");
          w.Int(r.status);
          w.Key("code");
          w.Int(r.code);
          w.EndObject();
        }
        w.EndArray();
      }));
    }
    if (req.method == "GET" && path == "/_sim/frames") {
      auto filter = record_filter::parse(req.query);
      return ok_json(json([&](json_writer& w) {
        w.StartArray();
        for (auto& f : stream_.frames()) {
          if (!filter.matches(f.seq, f.path)) continue;
          w.StartObject();
          w.Key("seq");
          w.Uint64(f.seq);
          kv(w, "path", f.path);
          w.Key("sent_us");
          w.Int64(f.sent_us);
          w.Key("peer");
          w.Uint64(f.peer);
          kv(w, "text", f.text);
          w.EndObject();
        }
        w.EndArray();
      }));
    }
    if (req.method == "GET" && path == "/_sim/orders") {
      std::string out = "[";
      for (auto& o : orders_) {
        if (out.size() > 1) out += ',';
        out += order_json(o, true, true);
      }
      return ok_json(out + "]");
    }
    if (req.method == "GET" && path == "/_sim/positions") {
      return ok_json(json([&](json_writer& w) {
        w.StartArray();
        for (auto& [k, p] : account_.positions()) {
          w.StartObject();
          kv(w, "symbol", p.symbol);
          kv(w, "positionSide", p.side);
          kv(w, "positionAmt", p.amount.to_string());
          kv(w, "entryPrice", p.entry_price.to_string());
          kv(w, "realizedPnl", p.realized.to_string());
          w.EndObject();
        }
        w.EndArray();
      }));
    }
    if (req.method == "GET" && path == "/_sim/stats") {
      return ok_json(json([&](json_writer& w) {
        w.StartObject();
        w.Key("signed_writes");
        w.Uint64(signed_writes_);
        w.Key("requests");
        w.Uint64(records_.size());
        w.Key("frames");
        w.Uint64(stream_.frames().size());
        w.Key("ws_connections");
        w.Uint64(stream_.connections());
        kv(w, "listen_key", stream_.key());
        kv(w, "wallet_balance", account_.wallet_balance.to_string());
        w.EndObject();
      }));
    }
    http_response r;
    r.status = 404;
    r.body = R"({"error":"unknown control route"})";
    return r;
  } catch (const std::invalid_argument& e) {
    return bad_request(e.what());
  } catch (const api_error& e) {
    return bad_request(e.msg());
  } catch (const decimal_error& e) {
    return bad_request(e.what());
  } catch (const input_error& e) {
    return bad_request(e.what());
  }
}

} // namespace hlc::sim::binance
