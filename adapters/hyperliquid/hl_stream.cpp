#include "adapters/hyperliquid/hl_stream.hpp"

#include "adapters/hyperliquid/ws_frames.hpp"
#include "adapters/net/ws_client.hpp"
#include "ingest/stale_watch.hpp"
#include "support/log.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <random>
#include <set>

namespace hlc::hyperliquid {

namespace asio = boost::asio;
using error_code = boost::system::error_code;

struct hl_stream::impl : std::enable_shared_from_this<hl_stream::impl> {
  impl(net::strand_type st, std::shared_ptr<asio::ssl::context> t,
       ingest_settings s, const wall_clock& c, stream_events e)
      : strand(st), tls(std::move(t)), settings(std::move(s)), clock(c),
        events(std::move(e)), url(net::parse_url_or_throw(settings.ws_url)),
        backoff(settings.reconnect),
        limit(settings.max_connects_per_minute, 60'000),
        stale(settings.ws_stale_ms), pings(settings.ping_interval_ms),
        rng(settings.jitter_seed != 0 ? settings.jitter_seed
                                      : static_cast<uint64_t>(clock.now_us())),
        connect_timer(st), ping_timer(st), stale_timer(st) {
    for (auto& l : settings.leaders)
      leaders.insert(lower(l));
  }

  static std::string lower(std::string s) {
    for (auto& ch : s)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  }

  // -- lifecycle (on the strand) --------------------------------------------

  void start() {
    if (running) return;
    running = true;
    stale.start(clock.now_ms());
    arm_stale();
    connect_now();
  }

  void stop() {
    running = false;
    ++generation; // late events of the old connection are ignored
    connect_timer.cancel();
    ping_timer.cancel();
    stale_timer.cancel();
    if (ws) ws->close();
    ws.reset();
  }

  void connect_now() {
    if (!running) return;
    ++generation;
    acked.clear();
    open = false;
    limit.on_connect(clock.now_ms());
    ++stats.connects;
    auto self = shared_from_this();
    auto gen = generation;
    net::ws_events ev;
    ev.on_open = [self, gen] {
      if (gen == self->generation) self->on_open();
    };
    ev.on_text = [self, gen](std::string text) {
      if (gen == self->generation) self->on_text(std::move(text));
    };
    ev.on_closed = [self, gen](const std::string& why) {
      if (gen == self->generation) self->on_closed(why);
    };
    net::ws_options opt;
    opt.connect_timeout
        = std::chrono::milliseconds{settings.connect_timeout_ms};
    ws = net::ws_client::create(strand, tls, url, std::move(ev), opt);
    ws->connect();
  }

  void schedule_reconnect() {
    if (!running) return;
    auto now = clock.now_ms();
    std::uniform_real_distribution<double> jitter{0.0, 1.0};
    auto at = ingest::next_connect_at_ms(now, backoff, limit, jitter(rng));
    report("reconnect_scheduled", "in " + std::to_string(at - now) + " ms");
    connect_timer.expires_after(std::chrono::milliseconds{at - now});
    connect_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->connect_now();
    });
  }

  // -- connection steps ------------------------------------------------------

  void on_open() {
    open = true;
    report("connected", url.host_header());
    for (auto& l : leaders) {
      send(subscribe_user_fills(l));
      if (settings.user_events) send(subscribe_user_events(l));
      if (settings.order_updates) send(subscribe_order_updates(l));
    }
    arm_ping();
  }

  void on_closed(const std::string& why) {
    open = false;
    ws.reset();
    ping_timer.cancel();
    ++stats.disconnects;
    report("disconnected", why);
    schedule_reconnect();
  }

  void send(std::string text) {
    if (!ws) return;
    ws->send(std::move(text));
    pings.on_sent(clock.now_ms());
  }

  void arm_ping() {
    auto wait = std::max<int64_t>(0, pings.next_ping_ms() - clock.now_ms());
    ping_timer.expires_after(std::chrono::milliseconds{wait});
    ping_timer.async_wait(
        [self = shared_from_this(), gen = generation](error_code ec) {
          if (ec || gen != self->generation || !self->open) return;
          if (self->pings.due(self->clock.now_ms())) {
            self->send(ping_frame());
            ++self->stats.pings;
          }
          self->arm_ping();
        });
  }

  void arm_stale() {
    auto wait = std::max<int64_t>(1, stale.next_check_ms() - clock.now_ms());
    stale_timer.expires_after(std::chrono::milliseconds{wait});
    stale_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (ec || !self->running) return;
      if (self->stale.check(self->clock.now_ms())) {
        ++self->stats.stale_fallbacks;
        self->report("stale", "no frame for "
                                  + std::to_string(self->settings.ws_stale_ms)
                                  + " ms: polling REST");
        if (self->events.stale) self->events.stale();
        // A silent socket rarely recovers: drop it and reconnect.
        if (self->ws) self->ws->abort();
      }
      self->arm_stale();
    });
  }

  // -- frames ----------------------------------------------------------------

  void on_text(std::string text) {
    ++stats.frames;
    if (stale.on_frame(clock.now_ms())) {
      report("recovered", "stream frames again: polling ends");
      if (events.recovered) events.recovered();
    }
    auto single_leader = leaders.size() == 1 ? *leaders.begin() : std::string{};
    auto frame = parse_ws_frame(text, single_leader);
    std::visit([&](auto& f) { on_frame(f, text); }, frame);
  }

  void on_frame(ws_greeting&, const std::string&) {}

  void on_frame(ws_subscription_ack& a, const std::string&) {
    if (a.method != "subscribe" || a.type != "userFills") return;
    acked.insert(a.user);
    if (acked.size() == leaders.size()) {
      backoff.reset(); // a healthy connection: backoff starts over
      report("subscribed", std::to_string(acked.size()) + " leaders");
      if (events.subscribed) events.subscribed();
    }
  }

  void on_frame(ws_user_fills& f, const std::string& text) {
    if (!leaders.count(f.user)) {
      report("unexpected_user", f.user);
      return;
    }
    quarantine_all(f.batch.errors, text);
    if (!f.batch.errors.empty() && events.fills_lost) events.fills_lost();
    auto n = f.batch.fills.size();
    stats.fills += n;
    if (f.is_snapshot) stats.snapshot_fills += n;
    if (n > 0 && events.fills) events.fills(std::move(f.batch.fills));
  }

  void on_frame(ws_user_events& e, const std::string& text) {
    // userFills is the copied channel; userEvents' fills repeat it (and the
    // frame does not say whose they are when several leaders share the
    // connection), so they only count as life here.
    quarantine_all(e.fills.errors, text);
  }

  void on_frame(ws_order_updates& u, const std::string& text) {
    quarantine_all(u.errors, text);
  }

  void on_frame(ws_pong&, const std::string&) { ++stats.pongs; }

  void on_frame(ws_error& e, const std::string&) {
    ++stats.server_errors;
    report("server_error", e.message);
  }

  void on_frame(ws_post_reply&, const std::string&) {}
  void on_frame(ws_other_channel&, const std::string&) {}

  void on_frame(parse_error& e, const std::string& text) {
    quarantine(e, text);
    // Whatever the frame held is unknown: it may have been fills.
    if (events.fills_lost) events.fills_lost();
  }

  void quarantine_all(const std::vector<parse_error>& errors,
                      const std::string& text) {
    for (auto& e : errors)
      quarantine(e, text);
  }

  void quarantine(const parse_error& e, const std::string& text) {
    ++stats.quarantined;
    quarantine_record q;
    q.source = "ws";
    q.reason = e.to_string();
    q.raw = e.raw.empty() ? text.substr(0, 4096) : e.raw;
    q.time_ms = clock.now_ms();
    log_warn("hl_stream", "quarantined", {}, {{"reason", q.reason}});
    if (events.quarantine) events.quarantine(std::move(q));
  }

  void report(const std::string& event, const std::string& detail) {
    log_info("hl_stream", event, {}, {{"detail", detail}});
    if (events.status) events.status(event, detail);
  }

  net::strand_type strand;
  std::shared_ptr<asio::ssl::context> tls;
  ingest_settings settings;
  const wall_clock& clock;
  stream_events events;
  net::endpoint_url url;
  std::set<std::string> leaders;
  ingest::reconnect_backoff backoff;
  ingest::connection_rate_limit limit;
  ingest::stale_watch stale;
  ingest::ping_schedule pings;
  std::mt19937_64 rng;
  asio::steady_timer connect_timer;
  asio::steady_timer ping_timer;
  asio::steady_timer stale_timer;
  std::shared_ptr<net::ws_client> ws;
  std::set<std::string> acked;
  uint64_t generation = 0;
  bool running = false;
  bool open = false;
  stream_stats stats;
};

std::shared_ptr<hl_stream> hl_stream::create(
    net::strand_type strand, std::shared_ptr<asio::ssl::context> tls,
    ingest_settings settings, const wall_clock& clock, stream_events events) {
  auto p = std::make_shared<impl>(strand, std::move(tls), std::move(settings),
                                  clock, std::move(events));
  return std::shared_ptr<hl_stream>(new hl_stream(std::move(p)));
}

hl_stream::hl_stream(std::shared_ptr<impl> p) : impl_(std::move(p)) {}

hl_stream::~hl_stream() {
  stop();
}

void hl_stream::start() {
  asio::post(impl_->strand, [p = impl_] { p->start(); });
}

void hl_stream::stop() {
  asio::post(impl_->strand, [p = impl_] { p->stop(); });
}

void hl_stream::drop_connection() {
  asio::post(impl_->strand, [p = impl_] {
    if (p->ws) p->ws->abort();
  });
}

const stream_stats& hl_stream::stats() const noexcept {
  return impl_->stats;
}

} // namespace hlc::hyperliquid
