#include "adapters/binance/market_stream.hpp"

#include "adapters/binance/json_read.hpp"

#include <cctype>

namespace hlc::binance {

namespace {

using detail::field_failure;
using detail::object_reader;

std::string lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

market_stream_event read_frame(const rapidjson::Value& doc) {
  if (!doc.IsObject()) throw field_failure{"frame", "not a JSON object"};
  const rapidjson::Value* event = &doc;
  // Combined streams wrap the event: {"stream": "...", "data": {...}}.
  if (doc.HasMember("stream") && doc.HasMember("data")
      && doc["data"].IsObject())
    event = &doc["data"];
  if (!event->HasMember("e")) {
    if (event->HasMember("result") || event->HasMember("id"))
      return ignored_market_frame{"subscription answer"};
    throw field_failure{"e", "missing (no event type)"};
  }
  object_reader r{*event, ""};
  auto type = r.str("e");
  if (type == "markPriceUpdate") {
    mark_price m;
    m.symbol = r.str("s");
    m.mark = r.dec("p");
    m.time_ms = r.i64("E");
    if (m.mark <= decimal{}) throw field_failure{"p", "mark price must be > 0"};
    return m;
  }
  if (type == "bookTicker") {
    book_ticker t;
    t.symbol = r.str("s");
    t.bid = r.dec("b");
    t.bid_qty = r.dec("B");
    t.ask = r.dec("a");
    t.ask_qty = r.dec("A");
    t.time_ms = r.opt_i64("E").value_or(r.opt_i64("T").value_or(0));
    return t;
  }
  return ignored_market_frame{"event type " + type + " is not used"};
}

} // namespace

market_stream_event parse_market_stream_frame(std::string_view text) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, text, "frame", json_input::limits::ws_frame);
    return read_frame(doc);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(text)};
  }
}

std::string mark_price_stream_path(std::string_view symbol) {
  return "/market/ws/" + lower(symbol) + "@markPrice@1s";
}

std::string book_ticker_stream_path(std::string_view symbol) {
  return "/public/ws/" + lower(symbol) + "@bookTicker";
}

} // namespace hlc::binance
