#pragma GCC diagnostic ignored "-Wnull-dereference" // Asio, as in adapters/net

#include "adapters/binance/market_feed.hpp"

#include "adapters/binance/market.hpp"
#include "adapters/binance/market_stream.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/net/url.hpp"
#include "adapters/net/ws_client.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <random>
#include <set>

namespace hlc::binance {

namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class feed final : public market_feed,
                   public std::enable_shared_from_this<feed> {
public:
  feed(net::runtime& rt, std::shared_ptr<asio::ssl::context> tls,
       market_feed_settings s, market_feed_events e,
       std::function<int64_t()> now_ms)
      : strand_(rt.make_strand()), tls_(std::move(tls)), s_(std::move(s)),
        e_(std::move(e)), now_ms_(std::move(now_ms)), info_timer_(strand_),
        poll_timer_(strand_), symbols_(s_.symbols.begin(), s_.symbols.end()) {
    net::http_options http;
    http.timeout = milliseconds{s_.request_timeout_ms};
    http.retry_on_stale_connection = true; // GETs only: idempotent
    rest_ = net::http_client::create(
        strand_, tls_, net::parse_url_or_throw(s_.rest_url), http);
  }

  void start() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->stopped_ = false;
      self->last_frame_ms_ = self->now_ms_(); // the stream's grace to start
      self->fetch_exchange_info();
      if (!self->symbols_.empty()) self->open_streams();
      self->schedule_poll();
    });
  }

  void stop() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->stopped_ = true;
      self->info_timer_.cancel();
      self->poll_timer_.cancel();
      for (auto& c : self->conns_) {
        c->timer.cancel();
        if (c->ws) c->ws->close();
        c->ws.reset();
      }
      self->rest_->shutdown();
    });
  }

private:
  void status(std::string event, std::string detail = {}) {
    if (e_.on_status) e_.on_status(std::move(event), std::move(detail));
  }

  void fetch_exchange_info() {
    rest_->request("GET", "/fapi/v1/exchangeInfo", "", "",
                   [self = shared_from_this()](net::http_reply r) {
                     self->on_exchange_info(std::move(r));
                   });
  }

  void on_exchange_info(net::http_reply r) {
    if (stopped_) return;
    auto delay = s_.exchange_info_refresh_ms;
    if (!r.ok()) {
      status("exchange_info_failed",
             r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
      delay = std::min<int64_t>(delay, 5'000); // the first one gates trading
    } else {
      auto info = parse_exchange_info(r.body);
      for (auto& err : info.errors)
        if (e_.on_bad_input) e_.on_bad_input("exchangeInfo", err);
      if (conns_.empty() && symbols_.empty()) {
        // No list configured: every USDT perpetual that trades.
        for (auto& f : info.symbols)
          if (f.trading && f.symbol.size() > 4
              && f.symbol.compare(f.symbol.size() - 4, 4, "USDT") == 0)
            symbols_.insert(f.symbol);
        open_streams();
      }
      if (!seeded_) {
        // Marks now, not at the stream's next second: trading starts on them.
        seeded_ = true;
        poll_premium_index();
      }
      if (e_.on_exchange_info) e_.on_exchange_info(std::move(info));
    }
    info_timer_.expires_after(milliseconds{delay});
    info_timer_.async_wait([self = shared_from_this()](auto ec) {
      if (!ec && !self->stopped_) self->fetch_exchange_info();
    });
  }

  /// One connection per `max_streams_per_connection` symbols.
  void open_streams() {
    std::vector<std::string> all{symbols_.begin(), symbols_.end()};
    auto per = std::max<size_t>(s_.max_streams_per_connection, 1);
    for (size_t i = 0; i < all.size(); i += per) {
      auto c = std::make_unique<stream_conn>(strand_, s_.reconnect);
      c->symbols.assign(
          all.begin() + static_cast<std::ptrdiff_t>(i),
          all.begin()
              + static_cast<std::ptrdiff_t>(std::min(all.size(), i + per)));
      conns_.push_back(std::move(c));
    }
    status("mark_streams", std::to_string(all.size()) + " symbols on "
                               + std::to_string(conns_.size())
                               + " connections");
    for (size_t i = 0; i < conns_.size(); ++i)
      connect(i);
  }

  void connect(size_t i) {
    if (stopped_) return;
    auto& c = *conns_[i];
    auto url = net::parse_url_or_throw(
        s_.ws_url + combined_mark_stream_target(c.symbols));
    net::ws_events ev;
    auto weak = weak_from_this();
    ev.on_open = [weak] {
      if (auto self = weak.lock()) self->status("mark_stream_open");
    };
    ev.on_text = [weak, i](std::string text) {
      if (auto self = weak.lock()) self->on_frame(i, text);
    };
    ev.on_closed = [weak, i](const std::string& reason) {
      if (auto self = weak.lock()) self->on_closed(i, reason);
    };
    c.ws = net::ws_client::create(strand_, tls_, url, std::move(ev));
    c.ws->connect();
  }

  void on_frame(size_t i, const std::string& text) {
    if (stopped_) return;
    auto event = parse_market_stream_frame(text);
    if (auto m = std::get_if<mark_price>(&event)) {
      if (symbols_.count(m->symbol) == 0) return;
      last_frame_ms_ = now_ms_();
      conns_[i]->backoff.reset(); // the stream delivers: a healthy connection
      if (polling_) {
        polling_ = false;
        status("mark_stream_resumed");
      }
      if (e_.on_mark) e_.on_mark(std::move(*m));
    } else if (auto err = std::get_if<parse_error>(&event)) {
      if (e_.on_bad_input) e_.on_bad_input("market stream", std::move(*err));
    }
  }

  void on_closed(size_t i, const std::string& reason) {
    auto& c = *conns_[i];
    c.ws.reset();
    if (stopped_) return;
    auto delay = c.backoff.next_delay_ms(jitter_(rng_));
    status("mark_stream_closed",
           reason + "; reconnect in " + std::to_string(delay) + " ms");
    c.timer.expires_after(milliseconds{delay});
    c.timer.async_wait([self = shared_from_this(), i](auto ec) {
      if (!ec && !self->stopped_) self->connect(i);
    });
  }

  void schedule_poll() {
    poll_timer_.expires_after(milliseconds{s_.rest_poll_ms});
    poll_timer_.async_wait([self = shared_from_this()](auto ec) {
      if (ec || self->stopped_) return;
      self->maybe_poll();
      self->schedule_poll();
    });
  }

  void maybe_poll() {
    if (symbols_.empty()) return; // exchangeInfo has not named them yet
    auto now = now_ms_();
    if (now - last_frame_ms_ < s_.stale_ms) return;
    if (!polling_) {
      polling_ = true;
      status("mark_stream_stale", "polling premiumIndex");
    }
    poll_premium_index();
  }

  void poll_premium_index() {
    if (poll_in_flight_ || symbols_.empty()) return;
    poll_in_flight_ = true;
    // One symbol weighs 1, all symbols 10 (protocol_facts §B.2).
    auto target = symbols_.size() == 1
                      ? "/fapi/v1/premiumIndex?symbol=" + *symbols_.begin()
                      : std::string{"/fapi/v1/premiumIndex"};
    rest_->request("GET", target, "", "",
                   [self = shared_from_this()](net::http_reply r) {
                     self->poll_in_flight_ = false;
                     self->on_premium_index(std::move(r));
                   });
  }

  void on_premium_index(net::http_reply r) {
    if (stopped_) return;
    if (!r.ok()) {
      status("premium_index_failed",
             r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
      return;
    }
    auto marks = parse_premium_index(r.body);
    if (auto err = std::get_if<parse_error>(&marks)) {
      if (e_.on_bad_input) e_.on_bad_input("premiumIndex", std::move(*err));
      return;
    }
    for (auto& m : std::get<std::vector<mark_price>>(marks))
      if (symbols_.count(m.symbol) != 0 && e_.on_mark) e_.on_mark(std::move(m));
  }

  net::strand_type strand_;
  std::shared_ptr<asio::ssl::context> tls_;
  market_feed_settings s_;
  market_feed_events e_;
  std::function<int64_t()> now_ms_;
  asio::steady_timer info_timer_;
  asio::steady_timer poll_timer_;
  std::shared_ptr<net::http_client> rest_;
  /// One combined-stream connection and its reconnect state.
  struct stream_conn {
    stream_conn(net::strand_type& strand, ingest::backoff_settings b)
        : timer(strand), backoff(b) {}
    std::vector<std::string> symbols;
    std::shared_ptr<net::ws_client> ws;
    asio::steady_timer timer;
    ingest::reconnect_backoff backoff;
  };
  std::vector<std::unique_ptr<stream_conn>> conns_;
  std::set<std::string> symbols_;
  std::mt19937_64 rng_{0x6d61726b}; // jitter only; no decision depends on it
  std::uniform_real_distribution<double> jitter_{0.0, 1.0};
  int64_t last_frame_ms_ = 0;
  bool polling_ = false;
  bool poll_in_flight_ = false;
  bool seeded_ = false; ///< the first premiumIndex after exchangeInfo
  bool stopped_ = true;
};

} // namespace

std::shared_ptr<market_feed>
market_feed::create(net::runtime& rt, std::shared_ptr<asio::ssl::context> tls,
                    market_feed_settings settings, market_feed_events events,
                    std::function<int64_t()> now_ms) {
  return std::make_shared<feed>(rt, std::move(tls), std::move(settings),
                                std::move(events), std::move(now_ms));
}

std::string
combined_mark_stream_target(const std::vector<std::string>& symbols) {
  std::string target = "/market/stream?streams=";
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (i != 0) target += '/';
    target += lower(symbols[i]) + "@markPrice@1s";
  }
  return target;
}

} // namespace hlc::binance
