#include "adapters/binance/user_stream_client.hpp"

#include "adapters/binance/stream_overlap.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/net/ws_client.hpp"
#include "json_input/bounded_parse.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <optional>
#include <random>
#include <variant>

namespace hlc::binance {

namespace asio = boost::asio;
using error_code = boost::system::error_code;

const char* to_string(resync_reason x) noexcept {
  switch (x) {
  case resync_reason::reconnected:
    return "reconnected";
  case resync_reason::key_expired:
    return "key_expired";
  case resync_reason::key_missing:
    return "key_missing";
  case resync_reason::watchdog:
    return "watchdog";
  }
  return "?";
}

namespace {

constexpr const char* listen_key_path = "/fapi/v1/listenKey";

/// The key as it may appear in logs: its last 4 characters.
std::string redact(const std::string& key) {
  return key.size() <= 4 ? std::string{"…"} : "…" + key.substr(key.size() - 4);
}

std::string strip_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  return url;
}

/// `{"listenKey":"..."}` → the key; `{"code":-1125,...}` → the code.
struct key_answer {
  std::string key;
  int code = 0;
};

key_answer read_key_answer(const std::string& body) {
  key_answer out;
  rapidjson::Document d;
  // Iterative and bounded like every reader of outside JSON (ADR 0016).
  if (json_input::parse(d, body, json_input::limits::rest_body)
      || !d.IsObject())
    return out;
  if (d.HasMember("listenKey") && d["listenKey"].IsString())
    out.key = d["listenKey"].GetString();
  if (d.HasMember("code") && d["code"].IsInt()) out.code = d["code"].GetInt();
  return out;
}

std::string describe(const net::http_reply& r) {
  if (!r.error.empty()) return r.error;
  return "HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 200);
}

} // namespace

struct user_stream_client::impl
    : std::enable_shared_from_this<user_stream_client::impl> {
  /// One WebSocket connection of the key.
  struct connection {
    uint64_t id = 0;
    std::shared_ptr<net::ws_client> ws;
    bool open = false;
    int64_t opened_ms = 0;
  };

  impl(net::runtime& rt, std::shared_ptr<asio::ssl::context> t,
       user_stream_settings s, const wall_clock& c, user_stream_events e)
      : strand(rt.make_strand()), tls(std::move(t)), settings(std::move(s)),
        clock(c), events(std::move(e)),
        ws_base(strip_trailing_slash(settings.ws_url)),
        backoff(settings.reconnect), overlap(settings.overlap_capacity),
        rng(settings.jitter_seed != 0 ? settings.jitter_seed
                                      : static_cast<uint64_t>(c.now_us())),
        reconnect_timer(strand), keepalive_timer(strand), rotate_timer(strand),
        overlap_timer(strand), watchdog_timer(strand) {
    // Both URLs are checked now, so a bad setting fails at start-up.
    net::parse_url_or_throw(ws_base + "/private/ws");
    net::http_options http_opt;
    http_opt.timeout = std::chrono::milliseconds{settings.request_timeout_ms};
    // listenKey calls are idempotent: POST returns the live key.
    http_opt.retry_on_stale_connection = true;
    http = net::http_client::create(
        strand, tls, net::parse_url_or_throw(settings.rest_url), http_opt);
  }

  // -- lifecycle (on the strand) --------------------------------------------

  void start() {
    if (running) return;
    running = true;
    last_frame_ms = clock.now_ms();
    arm_watchdog();
    request_key_and_connect();
  }

  void stop() {
    if (!running) return;
    running = false;
    reconnect_timer.cancel();
    keepalive_timer.cancel();
    rotate_timer.cancel();
    overlap_timer.cancel();
    watchdog_timer.cancel();
    for (auto* c : {&current, &previous, &pending})
      drop(*c, false);
    http->shutdown();
    report("stopped", "listenKey left to expire (never deleted)");
  }

  /// Forgets a connection (its late events are ignored) and ends it.
  void drop(std::optional<connection>& c, bool abort) {
    if (!c) return;
    auto ws = std::move(c->ws);
    c.reset();
    if (!ws) return;
    if (abort)
      ws->abort();
    else
      ws->close();
  }

  // -- key and connections ----------------------------------------------------

  /// POST listenKey (the live key, extended, or a new one), then connect.
  void request_key_and_connect() {
    if (!running || requesting_key) return;
    requesting_key = true;
    ++stats.key_requests;
    http->request("POST", listen_key_path, "",
                  "application/x-www-form-urlencoded",
                  {{"X-MBX-APIKEY", settings.api_key}},
                  [self = shared_from_this()](net::http_reply r) {
                    self->requesting_key = false;
                    self->on_key(std::move(r));
                  });
  }

  void on_key(net::http_reply r) {
    if (!running) return;
    auto answer = read_key_answer(r.body);
    if (!r.ok() || answer.key.empty()) {
      report("key_request_failed", describe(r));
      schedule_reconnect();
      return;
    }
    if (answer.key != key) report("key_created", redact(answer.key));
    key = answer.key;
    arm_keepalive(settings.keepalive_ms);
    if (rotating) {
      drop(pending, true);
      open_connection(pending);
    } else {
      drop(current, true); // never two current connections
      open_connection(current);
    }
  }

  void open_connection(std::optional<connection>& slot) {
    connection c;
    c.id = ++next_connection_id;
    ++stats.connects;
    auto self = shared_from_this();
    auto id = c.id;
    net::ws_events ev;
    ev.on_open = [self, id] { self->on_open(id); };
    ev.on_text
        = [self, id](std::string text) { self->on_text(id, std::move(text)); };
    ev.on_closed
        = [self, id](const std::string& why) { self->on_closed(id, why); };
    net::ws_options opt;
    opt.connect_timeout
        = std::chrono::milliseconds{settings.connect_timeout_ms};
    auto url
        = net::parse_url_or_throw(ws_base + "/private/ws?listenKey=" + key);
    c.ws = net::ws_client::create(strand, tls, url, std::move(ev), opt);
    auto ws = c.ws;
    slot = std::move(c);
    ws->connect();
  }

  static bool is(const std::optional<connection>& c, uint64_t id) {
    return c && c->id == id;
  }

  void on_open(uint64_t id) {
    if (!running) return;
    auto now = clock.now_ms();
    if (is(pending, id)) {
      // Rotation: the new connection is up; the old one goes after the
      // overlap, and what both receive is delivered once.
      pending->open = true;
      pending->opened_ms = now;
      drop(previous, false);
      previous = std::move(current);
      current = std::move(pending);
      pending.reset();
      rotating = false;
      ++stats.rotations;
      report("rotated", "old connection closes in "
                            + std::to_string(settings.overlap_ms) + " ms");
      arm_overlap_end();
      arm_rotate();
      return;
    }
    if (!is(current, id)) return;
    current->open = true;
    current->opened_ms = now;
    last_frame_ms = now;
    backoff.reset();
    report("connected", ws_base + "/private/ws?listenKey=" + redact(key));
    arm_rotate();
    if (resync_due) {
      auto why = *resync_due;
      resync_due.reset();
      resync(why, "after the stream was re-established");
    }
  }

  void on_closed(uint64_t id, const std::string& why) {
    if (!running) return;
    if (is(previous, id)) {
      previous.reset();
      return;
    }
    if (is(pending, id)) {
      // The rotation failed; the current connection still works.
      pending.reset();
      rotating = false;
      report("rotation_failed", why);
      std::uniform_real_distribution<double> jitter{0.0, 1.0};
      arm_rotate_in(backoff.next_delay_ms(jitter(rng)));
      return;
    }
    if (!is(current, id)) return;
    current.reset();
    // A rotation under way is abandoned: the reconnect starts afresh.
    drop(pending, true);
    rotating = false;
    ++stats.disconnects;
    report("disconnected", why);
    if (!resync_due) resync_due = resync_reason::reconnected;
    // A lost connection: nothing to absorb against the next one.
    overlap.clear();
    schedule_reconnect();
  }

  void schedule_reconnect() {
    if (!running) return;
    std::uniform_real_distribution<double> jitter{0.0, 1.0};
    auto delay = backoff.next_delay_ms(jitter(rng));
    report("reconnect_scheduled", "in " + std::to_string(delay) + " ms");
    reconnect_timer.expires_after(std::chrono::milliseconds{delay});
    reconnect_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->request_key_and_connect();
    });
  }

  /// The key is gone (expired, or unknown to a keepalive): a new key and a
  /// new connection at once, then a resync.
  void replace_key(resync_reason why, const std::string& detail) {
    report(to_string(why), detail);
    key.clear();
    resync_due = why;
    rotating = false;
    rotate_timer.cancel();
    overlap_timer.cancel();
    for (auto* c : {&current, &previous, &pending})
      drop(*c, true);
    overlap.clear();
    request_key_and_connect();
  }

  // -- timers -----------------------------------------------------------------

  void arm_keepalive(int64_t delay_ms) {
    keepalive_timer.expires_after(std::chrono::milliseconds{delay_ms});
    keepalive_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->keepalive();
    });
  }

  void keepalive() {
    if (!running || key.empty()) return;
    auto sent_for = key;
    http->request("PUT", listen_key_path, "",
                  "application/x-www-form-urlencoded",
                  {{"X-MBX-APIKEY", settings.api_key}},
                  [self = shared_from_this(), sent_for](net::http_reply r) {
                    self->on_keepalive(std::move(r), sent_for);
                  });
  }

  void on_keepalive(net::http_reply r, const std::string& sent_for) {
    if (!running || sent_for != key) return; // the key changed meanwhile
    auto answer = read_key_answer(r.body);
    if (r.ok()) {
      ++stats.keepalives;
      report("keepalive", redact(sent_for) + " extended");
      arm_keepalive(settings.keepalive_ms);
      return;
    }
    if (answer.code == -1125) {
      replace_key(resync_reason::key_missing,
                  "keepalive answered -1125 for " + redact(sent_for));
      return;
    }
    report("keepalive_failed", describe(r));
    arm_keepalive(settings.keepalive_retry_ms);
  }

  void arm_rotate() {
    if (!current) return;
    auto due = current->opened_ms + settings.rotate_after_ms;
    arm_rotate_in(std::max<int64_t>(0, due - clock.now_ms()));
  }

  void arm_rotate_in(int64_t delay_ms) {
    rotate_timer.expires_after(std::chrono::milliseconds{delay_ms});
    rotate_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (ec || !self->running || self->rotating || !self->current
          || !self->current->open)
        return;
      self->rotating = true;
      self->report("rotating", "new connection before the 24 h cut");
      self->request_key_and_connect();
    });
  }

  void arm_overlap_end() {
    overlap_timer.expires_after(std::chrono::milliseconds{settings.overlap_ms});
    overlap_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->drop(self->previous, false);
    });
  }

  void arm_watchdog() {
    auto wait = std::max<int64_t>(1, last_frame_ms + settings.watchdog_ms
                                         - clock.now_ms());
    watchdog_timer.expires_after(std::chrono::milliseconds{wait});
    watchdog_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (ec || !self->running) return;
      self->check_watchdog();
      self->arm_watchdog();
    });
  }

  void check_watchdog() {
    auto now = clock.now_ms();
    if (now - last_frame_ms < settings.watchdog_ms) return;
    // Counted from now on, so a silent stream resyncs once per period.
    last_frame_ms = now;
    // While down, the reconnect brings its own resync.
    if (!current || !current->open) return;
    resync(resync_reason::watchdog,
           "no frame for " + std::to_string(settings.watchdog_ms) + " ms");
  }

  // -- frames -----------------------------------------------------------------

  void on_text(uint64_t id, std::string text) {
    if (!running) return;
    if (!is(current, id) && !is(previous, id) && !is(pending, id)) return;
    ++stats.frames;
    last_frame_ms = clock.now_ms();
    auto event = parse_user_stream_frame(text);
    if (auto* e = std::get_if<parse_error>(&event)) {
      quarantine(*e, text);
      return;
    }
    if (auto* x = std::get_if<listen_key_expired>(&event)) {
      if (!x->listen_key.empty() && x->listen_key != key) return; // stale
      replace_key(resync_reason::key_expired,
                  "listenKeyExpired for " + redact(key));
      return;
    }
    if (auto k = overlap_key(event); k && !overlap.admit(id, *k)) {
      ++stats.absorbed;
      return;
    }
    if (auto* o = std::get_if<order_event>(&event)) {
      deliver(std::move(*o));
    } else if (auto* a = std::get_if<account_update>(&event)) {
      ++stats.accounts;
      if (events.account) events.account(std::move(*a));
    }
    // Other events (ACCOUNT_CONFIG_UPDATE, MARGIN_CALL ...) only count as
    // life for the watchdog.
  }

  void deliver(order_event o) {
    if (o.origin != order_origin::client) {
      ++stats.alerts;
      venue_order_alert a;
      a.origin = o.origin;
      a.symbol = o.update.symbol;
      a.side = o.update.side;
      a.qty = o.update.last_qty;
      a.cum_qty = o.update.cum_qty;
      a.client_id = o.update.client_id;
      a.exchange_order_id = o.update.exchange_order_id;
      a.execution_type = o.lite ? "TRADE_LITE" : o.execution_type;
      a.event_time_ms = o.update.event_time_ms;
      if (events.alert) events.alert(std::move(a));
      return;
    }
    ++stats.orders;
    if (events.order) events.order(std::move(o));
  }

  void quarantine(const parse_error& e, const std::string& text) {
    ++stats.quarantined;
    quarantine_record q;
    q.source = "binance_user_stream";
    q.reason = e.to_string();
    q.raw = e.raw.empty() ? text.substr(0, 4096) : e.raw;
    q.time_ms = clock.now_ms();
    if (events.quarantine) events.quarantine(std::move(q));
  }

  void resync(resync_reason why, const std::string& detail) {
    ++stats.resyncs;
    if (why == resync_reason::watchdog) report("watchdog", detail);
    if (events.resync) events.resync(why, detail);
  }

  void report(const std::string& event, const std::string& detail) {
    if (events.status) events.status(event, detail);
  }

  net::strand_type strand;
  std::shared_ptr<asio::ssl::context> tls;
  user_stream_settings settings;
  const wall_clock& clock;
  user_stream_events events;
  std::string ws_base;
  std::shared_ptr<net::http_client> http;
  ingest::reconnect_backoff backoff;
  stream_overlap overlap;
  std::mt19937_64 rng;
  asio::steady_timer reconnect_timer;
  asio::steady_timer keepalive_timer;
  asio::steady_timer rotate_timer;
  asio::steady_timer overlap_timer;
  asio::steady_timer watchdog_timer;
  std::optional<connection> current;  ///< the connection events come from
  std::optional<connection> previous; ///< closing after a rotation's overlap
  std::optional<connection> pending;  ///< opening for a rotation
  std::string key;
  std::optional<resync_reason> resync_due; ///< signalled on the next open
  uint64_t next_connection_id = 0;
  int64_t last_frame_ms = 0;
  bool running = false;
  bool requesting_key = false;
  bool rotating = false;
  user_stream_stats stats;
};

std::shared_ptr<user_stream_client>
user_stream_client::create(net::runtime& rt,
                           std::shared_ptr<asio::ssl::context> tls,
                           user_stream_settings settings,
                           const wall_clock& clock, user_stream_events events) {
  auto p = std::make_shared<impl>(rt, std::move(tls), std::move(settings),
                                  clock, std::move(events));
  return std::shared_ptr<user_stream_client>(
      new user_stream_client(std::move(p)));
}

user_stream_client::user_stream_client(std::shared_ptr<impl> p)
    : impl_(std::move(p)) {}

user_stream_client::~user_stream_client() {
  stop();
}

void user_stream_client::start() {
  asio::post(impl_->strand, [p = impl_] { p->start(); });
}

void user_stream_client::stop() {
  asio::post(impl_->strand, [p = impl_] { p->stop(); });
}

void user_stream_client::drop_connection() {
  asio::post(impl_->strand, [p = impl_] {
    if (p->current && p->current->ws) p->current->ws->abort();
  });
}

const user_stream_stats& user_stream_client::stats() const noexcept {
  return impl_->stats;
}

} // namespace hlc::binance
