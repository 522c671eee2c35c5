// The market-data WebSocket streams (market_stream.hpp): markPriceUpdate
// on the venue clock, bookTicker on every change of the best levels,
// payloads as BN-docs websocket-market-streams (Mark-Price-Stream,
// Individual-Symbol-Book-Ticker-Streams).

#include "sim/binance/binance_venue.hpp"
#include "sim/binance/venue_util.hpp"

namespace hlc::sim::binance {

using detail::json;
using detail::kv;

namespace {

constexpr int64_t eight_hours_ms = 8LL * 3600 * 1000;

} // namespace

bool binance_venue::open_market_locked(const http_request& req,
                                       ws_peer_ptr peer) {
  std::set<std::string> symbols;
  for (const auto& [name, spec] : specs_)
    symbols.insert(name);
  auto parsed = parse_market_request(req.path, req.query, symbols);
  if (!parsed) return false;
  auto now_ms = now_us() / 1000;
  for (auto& s : parsed->streams)
    if (s.type == market_stream::kind::mark_price)
      s.next_due_ms = (now_ms / s.interval_ms + 1) * s.interval_ms;
  auto id = peer->id();
  auto& c = market_conns_[id];
  c.peer = std::move(peer);
  c.path = req.target.empty() ? req.path : req.target;
  c.req = std::move(*parsed);
  // The current best levels at once, so a client has a price before the
  // first change (Binance itself pushes only on changes).
  for (const auto& s : c.req.streams)
    if (s.type == market_stream::kind::book_ticker)
      send_market_locked(c, s, book_ticker_event(s.symbol, now_ms));
  return true;
}

void binance_venue::send_market_locked(market_conn& c, const market_stream& s,
                                       const std::string& payload) {
  auto frame = c.req.combined
                   ? "{\"stream\":\"" + s.name + "\",\"data\":" + payload + "}"
                   : payload;
  c.peer->send_text(frame);
  stream_.log_frame(c.peer->id(), c.path, frame, now_us());
}

void binance_venue::push_mark_prices_locked(int64_t now_ms) {
  for (auto& [id, c] : market_conns_) {
    for (auto& s : c.req.streams) {
      if (s.type != market_stream::kind::mark_price || now_ms < s.next_due_ms)
        continue;
      // One event per due interval; a late poll does not replay the
      // intervals it missed (a live stream would not either).
      send_market_locked(c, s, mark_price_event(s.symbol, now_ms));
      s.next_due_ms = (now_ms / s.interval_ms + 1) * s.interval_ms;
    }
  }
}

void binance_venue::push_book_ticker_locked(const std::string& symbol) {
  if (market_conns_.empty()) return;
  auto now_ms = now_us() / 1000;
  std::string payload;
  for (auto& [id, c] : market_conns_) {
    for (auto& s : c.req.streams) {
      if (s.type != market_stream::kind::book_ticker || s.symbol != symbol)
        continue;
      if (payload.empty()) payload = book_ticker_event(symbol, now_ms);
      send_market_locked(c, s, payload);
    }
  }
}

std::string binance_venue::mark_price_event(const std::string& symbol,
                                            int64_t now_ms) const {
  const auto& m = markets_.at(symbol);
  return json([&](json_writer& w) {
    w.StartObject();
    kv(w, "e", "markPriceUpdate");
    w.Key("E");
    w.Int64(now_ms);
    kv(w, "s", symbol);
    kv(w, "p", m.mark.to_fixed(8));
    kv(w, "i", m.index.to_fixed(8));
    kv(w, "P", m.index.to_fixed(8));
    kv(w, "r", m.funding_rate.to_fixed(8));
    w.Key("T");
    w.Int64((now_ms / eight_hours_ms + 1) * eight_hours_ms);
    w.EndObject();
  });
}

std::string binance_venue::book_ticker_event(const std::string& symbol,
                                             int64_t now_ms) const {
  const auto& m = markets_.at(symbol);
  const auto& spec = specs_.at(symbol);
  auto pp = spec.price_precision;
  auto qp = spec.quantity_precision;
  return json([&](json_writer& w) {
    w.StartObject();
    kv(w, "e", "bookTicker");
    w.Key("u");
    w.Uint64(m.update_id);
    w.Key("E");
    w.Int64(now_ms);
    w.Key("T");
    w.Int64(now_ms);
    kv(w, "s", symbol);
    kv(w, "b", m.bids.empty() ? "0" : m.bids[0].price.to_fixed(pp));
    kv(w, "B", m.bids.empty() ? "0" : m.bids[0].qty.to_fixed(qp));
    kv(w, "a", m.asks.empty() ? "0" : m.asks[0].price.to_fixed(pp));
    kv(w, "A", m.asks.empty() ? "0" : m.asks[0].qty.to_fixed(qp));
    w.EndObject();
  });
}

} // namespace hlc::sim::binance
