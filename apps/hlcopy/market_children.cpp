#include "apps/hlcopy/market_children.hpp"

#include "actors/market/market_feed.hpp"
#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

namespace hlc {

binance::market_feed_events
market_bridge::events(std::function<int64_t()> now_ms) {
  binance::market_feed_events e;
  e.on_exchange_info = [this](binance::exchange_info info) {
    {
      std::lock_guard<std::mutex> g{m_};
      rate_limits_ = info.rate_limits;
    }
    on_filters(std::move(info.symbols));
  };
  e.on_mark = [this](mark_price m) { on_mark(std::move(m)); };
  e.on_bad_input
      = [this, now_ms](std::string source, binance::parse_error err) {
          log_warn("market", "quarantined", {},
                   {{"source", source}, {"reason", err.to_string()}});
          on_bad(quarantine_record{std::move(source), err.to_string(), err.raw,
                                   now_ms()});
        };
  e.on_status = [](std::string event, std::string detail) {
    log_info("market", event, {}, {{"detail", detail}});
  };
  return e;
}

void market_bridge::on_filters(std::vector<symbol_filters> filters) {
  std::lock_guard<std::mutex> g{m_};
  filters_ = filters;
  if (actor_) caf::anon_send(actor_, std::move(filters));
  cv_.notify_all();
}

void market_bridge::on_mark(mark_price m) {
  std::lock_guard<std::mutex> g{m_};
  marks_[m.symbol] = m;
  if (actor_) caf::anon_send(actor_, std::move(m));
  cv_.notify_all();
}

void market_bridge::on_bad(quarantine_record q) {
  std::lock_guard<std::mutex> g{m_};
  if (!actor_) return; // before the pipeline: the log line above keeps it
  db_write w;
  w.time_ms = q.time_ms;
  w.quarantined.push_back(std::move(q));
  caf::anon_send(actor_, std::move(w));
}

std::vector<binance::rate_limit> market_bridge::rate_limits() {
  std::lock_guard<std::mutex> g{m_};
  return rate_limits_;
}

std::optional<std::vector<symbol_filters>>
market_bridge::first_filters(std::chrono::milliseconds bound) {
  std::unique_lock<std::mutex> l{m_};
  cv_.wait_for(l, bound, [this] { return filters_.has_value(); });
  return filters_;
}

bool market_bridge::marks_for(const std::set<std::string>& symbols,
                              std::chrono::milliseconds bound) {
  std::unique_lock<std::mutex> l{m_};
  return cv_.wait_for(l, bound, [&] {
    for (auto& s : symbols)
      if (marks_.count(s) == 0) return false;
    return true;
  });
}

std::vector<mark_price> market_bridge::marks() {
  std::lock_guard<std::mutex> g{m_};
  std::vector<mark_price> out;
  for (auto& [symbol, m] : marks_)
    out.push_back(m);
  return out;
}

void market_bridge::attach(const market_feed_actor& actor) {
  std::lock_guard<std::mutex> g{m_};
  actor_ = actor;
  if (filters_) caf::anon_send(actor_, *filters_);
  for (auto& [symbol, m] : marks_)
    caf::anon_send(actor_, m);
}

void add_market_feed(supervisor_config& sc,
                     std::shared_ptr<market_bridge> bridge) {
  sc.add<market_feed_actor>(
      "market_feed", shutdown_phase::intake,
      [bridge](caf::local_actor* self, const child_handles& peers) {
        auto a = self->spawn(market_feed, peers.get<writer_actor>());
        // Peers first, then what the bridge holds: rules before marks.
        if (auto x = peers.get<strategy_actor>()) caf::anon_send(a, x);
        if (auto x = peers.get<router_actor>()) caf::anon_send(a, x);
        if (auto x = peers.get<paper_gateway_actor>()) caf::anon_send(a, x);
        bridge->attach(a);
        return a;
      });
}

} // namespace hlc
