#include "adapters/hyperliquid/hl_backfill.hpp"

#include "adapters/hyperliquid/info.hpp"
#include "adapters/hyperliquid/parse_fills.hpp"
#include "adapters/net/http_client.hpp"
#include "ingest/gap_policy.hpp"
#include "ingest/page_cursor.hpp"
#include "ingest/weight_budget.hpp"
#include "support/log.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <random>

namespace hlc::hyperliquid {

namespace asio = boost::asio;
using error_code = boost::system::error_code;

namespace {

int64_t retry_after_ms(const std::string& header) {
  int64_t seconds = 0;
  auto [p, ec]
      = std::from_chars(header.data(), header.data() + header.size(), seconds);
  if (ec != std::errc{} || seconds < 0) return 0;
  return seconds * 1000;
}

std::string lower(std::string s) {
  for (auto& ch : s)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

} // namespace

struct hl_backfill::impl : std::enable_shared_from_this<hl_backfill::impl> {
  impl(net::strand_type st, std::shared_ptr<asio::ssl::context> t,
       ingest_settings s, const wall_clock& c, backfill_events e)
      : strand(st), tls(std::move(t)), settings(std::move(s)), clock(c),
        events(std::move(e)), url(net::parse_url_or_throw(settings.info_url)),
        budget(settings.weight_per_minute, clock.now_ms()),
        error_backoff({500, 30'000}), timer(st), poll_timer(st) {
    net::http_options opt;
    opt.timeout = std::chrono::milliseconds{settings.http_timeout_ms};
    opt.retry_on_stale_connection = true; // /info reads are idempotent
    http = net::http_client::create(strand, tls, url, opt);
    budget.min_backoff_ms = settings.rate_limit_backoff_ms;
    for (auto& l : settings.leaders)
      leaders.push_back(lower(l));
  }

  // -- runs
  // --------------------------------------------------------------------

  void run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    ++stats.runs;
    next_leader = 0;
    start_leader();
  }

  void start_leader() {
    if (stopped) return;
    if (next_leader >= leaders.size()) return finish_run();
    auto& leader = leaders[next_leader];
    auto now = clock.now_ms();
    auto cursor = cursors.get(leader);
    if (!cursor) {
      // First sight of this leader: nothing before now is ours to copy.
      cursors.set(leader, now);
      cursor = now;
    }
    if (ingest::decide_gap(now, cursor, settings.backfill_window_ms)
        == ingest::gap_decision::too_large) {
      gap(leader, "cursor " + std::to_string(*cursor) + " is "
                      + std::to_string(now - *cursor)
                      + " ms old, beyond backfill_window_ms "
                      + std::to_string(settings.backfill_window_ms));
      ++next_leader;
      return start_leader();
    }
    page.emplace(*cursor, settings.fill_horizon);
    request_page();
  }

  void request_page() {
    if (stopped) return;
    auto now = clock.now_ms();
    auto wait = budget.wait_ms(ingest::weight_budget::fills_base_weight, now);
    if (wait > 0) return after(wait, [this] { request_page(); });
    budget.spend(ingest::weight_budget::fills_base_weight, now);
    ++stats.requests;
    auto& leader = leaders[next_leader];
    auto start = page->next_start_ms();
    http->post_json(
        url.target, user_fills_by_time_request(leader, start),
        [self = shared_from_this(), gen = generation](net::http_reply r) {
          if (gen == self->generation) self->on_reply(std::move(r));
        });
  }

  void on_reply(net::http_reply r) {
    if (stopped) return;
    auto now = clock.now_ms();
    if (r.status == 429) {
      ++stats.rate_limited;
      budget.on_rate_limited(now, retry_after_ms(r.retry_after));
      report("rate_limited",
             "429 on /info: next request in "
                 + std::to_string(budget.blocked_until_ms() - now) + " ms");
      return request_page(); // waits out the block
    }
    if (!r.ok()) {
      ++stats.failures;
      std::uniform_real_distribution<double> jitter{0.0, 1.0};
      auto delay = error_backoff.next_delay_ms(jitter(rng));
      report("request_failed",
             (r.error.empty() ? "HTTP " + std::to_string(r.status) + ": "
                                    + r.body.substr(0, 200)
                              : r.error)
                 + "; retry in " + std::to_string(delay) + " ms");
      return after(delay, [this] { request_page(); });
    }
    error_backoff.reset();
    budget.on_success();
    auto& leader = leaders[next_leader];
    auto batch = parse_fills_body(r.body, leader, fill_source::rest);
    auto answer_size = batch.fills.size() + batch.errors.size();
    budget.charge_result(ingest::weight_budget::fills_result_weight(
                             static_cast<int64_t>(answer_size)),
                         now);
    ++stats.pages;
    for (auto& e : batch.errors)
      quarantine(e, r.body);
    // Bad entries still count toward the page size (cap detection); their
    // placeholder time is the page start, which moves nothing.
    std::vector<int64_t> times;
    times.reserve(answer_size);
    for (auto& f : batch.fills)
      times.push_back(f.key.time_ms);
    times.resize(answer_size, page->next_start_ms());
    stats.fills += batch.fills.size();
    if (!batch.fills.empty() && events.fills)
      events.fills(std::move(batch.fills));
    switch (page->on_page(times)) {
    case ingest::backfill_end::running:
      return request_page();
    case ingest::backfill_end::covered:
      break;
    case ingest::backfill_end::horizon_reached:
      gap(leader, "the gap from " + std::to_string(*cursors.get(leader))
                      + " reaches past the newest "
                      + std::to_string(settings.fill_horizon)
                      + " fills the server keeps (oldest fetched "
                      + std::to_string(page->oldest_ms()) + ")");
      break;
    case ingest::backfill_end::stuck:
      gap(leader, "a full page inside millisecond "
                      + std::to_string(page->next_start_ms())
                      + ": paging cannot advance");
      break;
    }
    ++next_leader;
    start_leader();
  }

  void finish_run() {
    running = false;
    if (events.run_done) events.run_done();
    if (again) {
      again = false;
      return run();
    }
    if (polling) arm_poll();
  }

  void arm_poll() {
    poll_timer.expires_after(
        std::chrono::milliseconds{settings.poll_interval_ms});
    poll_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec && self->polling) self->run();
    });
  }

  void set_polling(bool on) {
    if (on == polling) return;
    polling = on;
    stats.polling = on ? 1 : 0;
    report(on ? "polling_started" : "polling_ended", {});
    if (!on) poll_timer.cancel();
    run(); // starting: poll now; ending: one last run from the cursor
  }

  // -- helpers
  // -----------------------------------------------------------------

  void after(int64_t ms, std::function<void()> f) {
    timer.expires_after(std::chrono::milliseconds{ms});
    timer.async_wait([self = shared_from_this(), gen = generation,
                      f = std::move(f)](error_code ec) {
      if (!ec && gen == self->generation && !self->stopped) f();
    });
  }

  void gap(const std::string& leader, const std::string& detail) {
    ++stats.gaps;
    log_error("hl_backfill", "gap_too_large", leader, {{"detail", detail}});
    if (events.gap_too_large) events.gap_too_large(leader, detail);
  }

  void quarantine(const parse_error& e, const std::string& body) {
    ++stats.quarantined;
    quarantine_record q;
    q.source = "rest";
    q.reason = e.to_string();
    q.raw = e.raw.empty() ? body.substr(0, 4096) : e.raw;
    q.time_ms = clock.now_ms();
    log_warn("hl_backfill", "quarantined", {}, {{"reason", q.reason}});
    if (events.quarantine) events.quarantine(std::move(q));
  }

  void report(const std::string& event, const std::string& detail) {
    log_info("hl_backfill", event, {}, {{"detail", detail}});
    if (events.status) events.status(event, detail);
  }

  void stop() {
    stopped = true;
    ++generation;
    timer.cancel();
    poll_timer.cancel();
    http->shutdown();
  }

  net::strand_type strand;
  std::shared_ptr<asio::ssl::context> tls;
  ingest_settings settings;
  const wall_clock& clock;
  backfill_events events;
  net::endpoint_url url;
  std::shared_ptr<net::http_client> http;
  std::vector<std::string> leaders;
  ingest::leader_cursors cursors;
  ingest::weight_budget budget;
  ingest::reconnect_backoff error_backoff;
  std::mt19937_64 rng{settings.jitter_seed + 1};
  std::optional<ingest::page_cursor> page;
  asio::steady_timer timer;
  asio::steady_timer poll_timer;
  size_t next_leader = 0;
  uint64_t generation = 0;
  bool running = false;
  bool again = false;
  bool polling = false;
  bool stopped = false;
  backfill_stats stats;
};

std::shared_ptr<hl_backfill> hl_backfill::create(
    net::strand_type strand, std::shared_ptr<asio::ssl::context> tls,
    ingest_settings settings, const wall_clock& clock, backfill_events events) {
  auto p = std::make_shared<impl>(strand, std::move(tls), std::move(settings),
                                  clock, std::move(events));
  return std::shared_ptr<hl_backfill>(new hl_backfill(std::move(p)));
}

hl_backfill::hl_backfill(std::shared_ptr<impl> p) : impl_(std::move(p)) {}

hl_backfill::~hl_backfill() {
  stop();
}

void hl_backfill::set_cursor(const std::string& leader, int64_t time_ms) {
  asio::post(impl_->strand, [p = impl_, l = lower(leader), time_ms] {
    p->cursors.set(l, time_ms);
  });
}

void hl_backfill::on_processed(const std::string& leader, int64_t time_ms) {
  asio::post(impl_->strand, [p = impl_, l = lower(leader), time_ms] {
    p->cursors.on_processed(l, time_ms);
  });
}

void hl_backfill::rewind(const std::string& leader, int64_t time_ms) {
  asio::post(impl_->strand, [p = impl_, l = lower(leader), time_ms] {
    auto c = p->cursors.get(l);
    if (!c || time_ms < *c) p->cursors.set(l, time_ms);
  });
}

void hl_backfill::run() {
  asio::post(impl_->strand, [p = impl_] { p->run(); });
}

void hl_backfill::set_polling(bool on) {
  asio::post(impl_->strand, [p = impl_, on] { p->set_polling(on); });
}

void hl_backfill::stop() {
  asio::post(impl_->strand, [p = impl_] { p->stop(); });
}

const backfill_stats& hl_backfill::stats() const noexcept {
  return impl_->stats;
}

} // namespace hlc::hyperliquid
