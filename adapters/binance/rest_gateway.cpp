#pragma GCC diagnostic ignored "-Wnull-dereference" // Asio, as in adapters/net

#include "adapters/binance/rest_gateway.hpp"

#include "adapters/binance/orders.hpp"
#include "adapters/binance/server_clock.hpp"
#include "adapters/binance/signing.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/net/url.hpp"
#include "support/circuit_breaker.hpp"

#include <boost/asio/post.hpp>

#include <charconv>
#include <set>

namespace hlc::binance {

namespace {

namespace asio = boost::asio;

/// What came of one signed request.
struct signed_outcome {
  bool refused = false; ///< never sent: budget, ban or open breaker
  int64_t wait_ms = 0;  ///< refused: when to try again
  std::string why;      ///< refused: the reason
  net::http_reply reply;
};

using outcome_callback = std::function<void(signed_outcome)>;

int64_t seconds_header_ms(const net::http_reply& r) {
  int64_t s = 0;
  auto& v = r.retry_after;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
  if (ec != std::errc{} || end == v.data() || s < 0) return 0;
  return s * 1000;
}

std::string describe(const net::http_reply& r) {
  if (!r.error.empty()) return r.error;
  return "HTTP " + std::to_string(r.status) + ": " + r.body.substr(0, 200);
}

class gateway final : public rest_gateway,
                      public std::enable_shared_from_this<gateway> {
public:
  gateway(net::runtime& rt, std::shared_ptr<asio::ssl::context> tls,
          rest_gateway_settings s, std::function<int64_t()> now_ms,
          std::function<void(std::string, std::string)> status)
      : strand_(rt.make_strand()), s_(std::move(s)), now_ms_(std::move(now_ms)),
        status_(std::move(status)),
        clock_(static_cast<size_t>(std::max(s_.clock_samples, 1)),
               s_.clock_resync_ms),
        budget_(documented_rate_limits(), s_.reserve_pct),
        breaker_(s_.breaker_failures, s_.breaker_open_ms) {
    net::http_options http;
    http.timeout = std::chrono::milliseconds{s_.request_timeout_ms};
    http.retry_on_stale_connection = false; // orders: never sent twice here
    http_ = net::http_client::create(
        strand_, std::move(tls), net::parse_url_or_throw(s_.rest_url), http);
  }

  void sync_clock(std::function<void(bool, std::string)> done) override {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
      self->take_sample(std::max(self->s_.clock_samples, 1), std::move(done));
    });
  }

  void set_rate_limits(std::vector<rate_limit> limits) override {
    asio::post(strand_, [self = shared_from_this(), l = std::move(limits)] {
      // The new windows start empty; the next answer's X-MBX headers bring
      // back the venue's count for them.
      self->budget_ = request_budget{l, self->s_.reserve_pct};
    });
  }

  void submit(order_intent intent,
              std::function<void(std::vector<order_update>)> done) override {
    asio::post(strand_, [self = shared_from_this(), intent = std::move(intent),
                         done = std::move(done)]() mutable {
      query_params params;
      try {
        params = new_order_params(intent);
      } catch (const std::invalid_argument& e) {
        order_update u = self->base_update(intent.symbol, intent.client_id);
        u.kind = order_event_kind::rejected;
        u.error_text = e.what();
        return done({u});
      }
      auto symbol = intent.symbol;
      auto cid = intent.client_id;
      auto reduce_only = intent.reduce_only;
      auto place = [self, params = std::move(params), symbol, cid,
                    reduce_only](auto answer) mutable {
        self->send_signed(
            "POST", "/fapi/v1/order", std::move(params), {0, 1}, reduce_only,
            [self, symbol, cid, answer = std::move(answer)](signed_outcome o) {
              answer({self->order_answer(o, symbol, cid, true)});
            });
      };
      if (reduce_only || self->configured_.count(symbol) != 0)
        return place(std::move(done));
      self->set_up_symbol(
          symbol, cid,
          [self, place = std::move(place), done = std::move(done)](
              std::optional<order_update> refused) mutable {
            if (refused) return done({std::move(*refused)});
            place(std::move(done));
          });
    });
  }

  void query(std::string symbol, std::string client_id,
             std::function<void(read_result<order_update>)> done) override {
    order_lookup("GET", std::move(symbol), std::move(client_id),
                 std::move(done));
  }

  void cancel(std::string symbol, std::string client_id,
              std::function<void(read_result<order_update>)> done) override {
    order_lookup("DELETE", std::move(symbol), std::move(client_id),
                 std::move(done));
  }

  void positions(std::function<void(read_result<std::vector<position_risk>>)>
                     done) override {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
      self->send_signed("GET", "/fapi/v2/positionRisk", {}, {5, 0}, false,
                        [done](signed_outcome o) {
                          read_result<std::vector<position_risk>> r;
                          if (o.refused) {
                            r.error = o.why;
                          } else if (o.reply.status != 200) {
                            r.error = describe(o.reply);
                          } else {
                            auto parsed = parse_position_risk(o.reply.body);
                            if (auto err = std::get_if<parse_error>(&parsed))
                              r.error = "positionRisk: " + err->to_string();
                            else
                              r.value = std::get<std::vector<position_risk>>(
                                  parsed);
                          }
                          done(std::move(r));
                        });
    });
  }

  void position_mode(std::function<void(read_result<bool>)> done) override {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
      self->send_signed("GET", "/fapi/v1/positionSide/dual", {}, {30, 0}, false,
                        [done](signed_outcome o) {
                          read_result<bool> r;
                          if (o.refused) {
                            r.error = o.why;
                          } else if (o.reply.status != 200) {
                            r.error = describe(o.reply);
                          } else {
                            auto parsed
                                = parse_position_side_dual(o.reply.body);
                            if (auto err = std::get_if<parse_error>(&parsed))
                              r.error
                                  = "positionSide/dual: " + err->to_string();
                            else
                              r.value = std::get<bool>(parsed);
                          }
                          done(std::move(r));
                        });
    });
  }

  void stop() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->stopped_ = true;
      self->http_->shutdown();
    });
  }

private:
  void status(std::string event, std::string detail = {}) {
    if (status_) status_(std::move(event), std::move(detail));
  }

  order_update base_update(const std::string& symbol,
                           const std::string& cid) const {
    order_update u;
    u.symbol = symbol;
    u.client_id = cid;
    u.event_time_ms = now_ms_();
    return u;
  }

  /// The venue contract's answer for an order request (submit: `placing`).
  order_update order_answer(const signed_outcome& o, const std::string& symbol,
                            const std::string& cid, bool placing) {
    auto u = base_update(symbol, cid);
    if (o.refused) {
      u.kind = placing ? order_event_kind::not_placed
                       : order_event_kind::outcome_unknown;
      u.retry_after_ms = o.wait_ms;
      u.error_text = o.why;
      return u;
    }
    auto& r = o.reply;
    if (!r.error.empty()) {
      // Sent or not decides between "retry the same id" and "query first".
      u.kind = r.request_sent || !placing ? order_event_kind::outcome_unknown
                                          : order_event_kind::not_placed;
      u.retry_after_ms
          = u.kind == order_event_kind::not_placed ? s_.not_sent_retry_ms : 0;
      u.error_text = r.error;
      return u;
    }
    if (r.status == 200) {
      auto parsed = parse_order_response(r.body);
      if (auto ok = std::get_if<order_update>(&parsed)) {
        ok->symbol = ok->symbol.empty() ? symbol : ok->symbol;
        return *ok;
      }
      // Binance took the request and answered something we cannot read:
      // the order may exist. Query it; never resend.
      status("unreadable_order_answer",
             std::get<parse_error>(parsed).to_string());
      u.kind = order_event_kind::outcome_unknown;
      u.error_text
          = "unreadable answer: " + std::get<parse_error>(parsed).to_string();
      return u;
    }
    auto e = parse_venue_error(r.status, r.body);
    auto retry = seconds_header_ms(r);
    if (retry == 0 && budget_.blocked_until_ms() > now_ms_())
      retry = budget_.blocked_until_ms() - now_ms_();
    if (budget_.banned(now_ms_()))
      retry = std::max(retry, budget_.banned_until_ms() - now_ms_());
    return update_from_error(e, cid, symbol, retry);
  }

  /// Margin type, then leverage, once per symbol and run (EXE-10). Calls
  /// `done` with nothing once both are set, or with the order's answer when
  /// they are not.
  void set_up_symbol(const std::string& symbol, const std::string& cid,
                     std::function<void(std::optional<order_update>)> done) {
    auto steps
        = std::make_shared<std::vector<std::pair<std::string, query_params>>>();
    if (!s_.margin_type.empty())
      steps->push_back({"/fapi/v1/marginType",
                        {{"symbol", symbol}, {"marginType", s_.margin_type}}});
    if (s_.leverage > 0)
      steps->push_back(
          {"/fapi/v1/leverage",
           {{"symbol", symbol}, {"leverage", std::to_string(s_.leverage)}}});
    next_setup_step(symbol, cid, steps, 0, std::move(done));
  }

  void next_setup_step(
      const std::string& symbol, const std::string& cid,
      std::shared_ptr<std::vector<std::pair<std::string, query_params>>> steps,
      size_t i, std::function<void(std::optional<order_update>)> done) {
    if (i == steps->size()) {
      configured_.insert(symbol);
      status("symbol_set_up", symbol + " margin " + s_.margin_type
                                  + " leverage " + std::to_string(s_.leverage));
      return done(std::nullopt);
    }
    auto path = (*steps)[i].first;
    send_signed(
        "POST", path, (*steps)[i].second, {1, 0}, false,
        [self = shared_from_this(), symbol, cid, steps, i, path,
         done = std::move(done)](signed_outcome o) mutable {
          auto ok
              = !o.refused && o.reply.error.empty() && o.reply.status == 200;
          auto e = ok || o.refused || !o.reply.error.empty()
                       ? venue_error{}
                       : parse_venue_error(o.reply.status, o.reply.body);
          // -4046: "No need to change margin type." (already so)
          if (ok || e.code == -4046)
            return self->next_setup_step(symbol, cid, steps, i + 1,
                                         std::move(done));
          self->status("symbol_setup_failed",
                       symbol + " " + path + ": "
                           + (o.refused ? o.why : describe(o.reply)));
          auto u = self->base_update(symbol, cid);
          if (o.refused || !o.reply.error.empty() || o.reply.status >= 500) {
            // Nothing was placed: the same intent may go again later.
            u.kind = order_event_kind::not_placed;
            u.retry_after_ms = o.refused ? std::max<int64_t>(o.wait_ms, 1)
                                         : self->s_.not_sent_retry_ms;
            u.error_text
                = path + ": " + (o.refused ? o.why : describe(o.reply));
          } else {
            u.kind = order_event_kind::rejected;
            u.error_code = e.code;
            u.error_text = path + ": " + e.msg;
          }
          done(std::move(u));
        });
  }

  void order_lookup(std::string method, std::string symbol, std::string cid,
                    std::function<void(read_result<order_update>)> done) {
    asio::post(strand_, [self = shared_from_this(), method = std::move(method),
                         symbol = std::move(symbol), cid = std::move(cid),
                         done = std::move(done)]() mutable {
      self->send_signed(method, "/fapi/v1/order",
                        order_by_client_id_params(symbol, cid), {1, 0}, false,
                        [self, symbol, cid, done](signed_outcome o) {
                          read_result<order_update> r;
                          auto u = self->order_answer(o, symbol, cid, false);
                          // No answer at all: the caller asks again later.
                          if (o.refused || !o.reply.error.empty()
                              || (u.kind == order_event_kind::outcome_unknown
                                  && o.reply.status != 200))
                            r.error = o.refused ? o.why : describe(o.reply);
                          else
                            r.value = std::move(u);
                          done(std::move(r));
                        });
    });
  }

  void take_sample(int left, std::function<void(bool, std::string)> done) {
    if (left == 0) {
      status("clock_synced",
             "offset " + std::to_string(clock_.offset_ms()) + " ms");
      syncing_ = false;
      return done(true, {});
    }
    syncing_ = true;
    auto sent = now_ms_();
    budget_.spend({1, 0}, sent);
    http_->request(
        "GET", "/fapi/v1/time", "", "",
        [self = shared_from_this(), left, sent,
         done = std::move(done)](net::http_reply r) mutable {
          auto received = self->now_ms_();
          self->budget_.observe(r.status, r.headers, "", received);
          auto t = r.ok()
                       ? parse_server_time(r.body)
                       : result<int64_t>{parse_error{"time", describe(r), {}}};
          if (auto err = std::get_if<parse_error>(&t)) {
            self->syncing_ = false;
            self->status("clock_sync_failed", err->message);
            return done(false, "server time: " + err->message);
          }
          self->clock_.add_sample(sent, std::get<int64_t>(t), received);
          self->take_sample(left - 1, std::move(done));
        });
  }

  void send_signed(const std::string& method, const std::string& path,
                   query_params params, request_cost cost, bool reduce_only,
                   outcome_callback done) {
    auto now = now_ms_();
    if (stopped_) return done({true, 0, "gateway stopped", {}});
    if (!syncing_ && clock_.needs_resync(now))
      take_sample(std::max(s_.clock_samples, 1), [](bool, std::string) {});
    auto admit = budget_.admit(cost, now, reduce_only);
    if (!admit.allowed) return done({true, admit.wait_ms, admit.reason, {}});
    if (!breaker_.allow(now))
      return done({true,
                   std::max<int64_t>(breaker_.retry_at_ms() - now, 1),
                   "circuit breaker open",
                   {}});
    budget_.spend(cost, now);
    auto query = signed_query(params, clock_.to_server(now), s_.recv_window_ms,
                              s_.api_secret);
    http_->request(
        method, path + "?" + query, "", "application/x-www-form-urlencoded",
        {{"X-MBX-APIKEY", s_.api_key}},
        [self = shared_from_this(), done = std::move(done)](net::http_reply r) {
          self->on_answer(r);
          done({false, 0, {}, std::move(r)});
        });
  }

  void on_answer(const net::http_reply& r) {
    auto now = now_ms_();
    std::string msg;
    if (!r.error.empty() || r.status >= 500) {
      breaker_.on_failure(now);
      if (breaker_.current(now) == circuit_breaker::state::open)
        status("circuit_open", describe(r));
    } else {
      breaker_.on_success();
    }
    if (r.status >= 400) {
      auto e = parse_venue_error(r.status, r.body);
      msg = e.msg;
      if (e.code == -1021 || e.code == -5028) {
        status("clock_skew", e.msg);
        clock_.invalidate();
      }
    }
    budget_.observe(r.status, r.headers, msg, now);
    if (r.status == 418)
      status("ip_banned",
             "until " + std::to_string(budget_.banned_until_ms()) + " ms");
    else if (r.status == 429)
      status("rate_limited",
             "until " + std::to_string(budget_.blocked_until_ms()) + " ms");
  }

  net::strand_type strand_;
  rest_gateway_settings s_;
  std::function<int64_t()> now_ms_;
  std::function<void(std::string, std::string)> status_;
  std::shared_ptr<net::http_client> http_;
  server_clock clock_;
  request_budget budget_;
  circuit_breaker breaker_;
  bool syncing_ = false;
  bool stopped_ = false;
  std::set<std::string> configured_; ///< margin type and leverage set
};

} // namespace

std::shared_ptr<rest_gateway>
rest_gateway::create(net::runtime& rt, std::shared_ptr<asio::ssl::context> tls,
                     rest_gateway_settings settings,
                     std::function<int64_t()> now_ms,
                     std::function<void(std::string, std::string)> status) {
  return std::make_shared<gateway>(rt, std::move(tls), std::move(settings),
                                   std::move(now_ms), std::move(status));
}

} // namespace hlc::binance
