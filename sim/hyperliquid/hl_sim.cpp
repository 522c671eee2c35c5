#include "sim/hyperliquid/hl_sim.hpp"

#include "sim/common/control_api.hpp"
#include "sim/common/json_util.hpp"
#include "sim/common/server.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/common/ws_outbox.hpp"

#include <future>

namespace hlc::sim::hl {

namespace {

std::string snapshot_json(const venue_snapshot& s) {
  std::string out = "{\"positions\":{";
  for (const auto& [leader, coins] : s.positions) {
    out += json_quote(leader) + ":{";
    for (const auto& [coin, szi] : coins)
      out += json_quote(coin) + ":" + json_quote(szi) + ",";
    if (out.back() == ',') out.pop_back();
    out += "},";
  }
  if (out.back() == ',') out.pop_back();
  out += "},\"fills\":{";
  for (const auto& [leader, n] : s.fill_counts)
    out += json_quote(leader) + ":" + std::to_string(n) + ",";
  if (out.back() == ',') out.pop_back();
  out += "},\"mids\":{";
  for (const auto& [coin, mid] : s.mids)
    out += json_quote(coin) + ":" + json_quote(mid) + ",";
  if (out.back() == ',') out.pop_back();
  out += "},\"connections\":" + std::to_string(s.connections)
         + ",\"tracked_users\":" + std::to_string(s.tracked_users)
         + ",\"pending_events\":" + std::to_string(s.pending_events) + "}";
  return out;
}

std::string fill_json(const hl_fill& f) {
  std::string out;
  append_json(out, f);
  return out;
}

} // namespace

hl_sim::hl_sim(wall_clock& clock, uint64_t seed, venue_settings settings)
    : clock_(clock), manual_(dynamic_cast<manual_clock*>(&clock)),
      faults_(seed), venue_(clock, settings),
      control_(std::make_unique<control_api>(rec_, faults_)) {
  handlers h;
  h.on_http = [this](const http_request& r) {
    return control_->dispatch(
        r, [this](const http_request& x) { return venue_.handle_http(x); });
  };
  h.on_ws_admit = [this](const http_request& r) {
    auto refusal = venue_.admit_ws(r);
    if (refusal) rec_.record(r); // a refused upgrade is traffic too
    return refusal;
  };
  h.on_ws_open = [this](const http_request& r, ws_peer_ptr peer) {
    rec_.record(r);
    return venue_.on_ws_open(r, peer);
  };
  h.on_ws_text = [this](const ws_peer_ptr& peer, const std::string& text) {
    rec_.record_ws_in(peer->id(), text, clock_.now_us(), "/ws");
    venue_.on_ws_text(peer, text);
  };
  h.on_ws_close = [this](const ws_peer_ptr& peer) {
    venue_.on_ws_close(peer);
    outbox_->forget(peer->id());
  };
  server_ = std::make_unique<server>(std::move(h), clock_);
  outbox_ = std::make_unique<ws_outbox>(*server_, rec_, faults_, clock_);
  venue_.attach(
      [this](const ws_peer_ptr& p, std::string frame, std::string_view ch) {
        outbox_->send(p, std::move(frame), ch);
      },
      [this](int64_t delay_us, std::function<void()> f) {
        server_->schedule(delay_us, std::move(f));
      });
  control_->on_reset([this] {
    venue_.reset_limits();
    venue_.reset_positions();
  });
  control_->add_route("POST", "/_sim/trade", [this](const http_request& r) {
    auto doc = parse_json(r.body, "trade", json_input::limits::sim_request);
    auto t = parse_trade(doc, "trade");
    return json_response(200, fill_json(venue_.push_trade(t.spec)));
  });
  control_->add_route("POST", "/_sim/mid", [this](const http_request& r) {
    auto doc = parse_json(r.body, "mid", json_input::limits::sim_request);
    auto coin = get_string(doc, "coin", "mid");
    auto text = get_string(doc, "mid", "mid");
    auto mid = decimal::parse(text);
    if (!mid) throw input_error("mid.mid: not a decimal: \"" + text + "\"");
    venue_.set_mid(coin, *mid);
    return json_response(200, "{\"coin\":" + json_quote(coin) + ",\"mid\":"
                                  + json_quote(hl_text(*mid)) + "}");
  });
  control_->add_route("GET", "/_sim/state", [this](const http_request&) {
    return json_response(200, snapshot_json(venue_.snapshot()));
  });
  if (manual_) {
    control_->add_route("POST", "/_sim/advance", [this](const http_request& r) {
      auto doc = parse_json(r.body, "advance", json_input::limits::sim_request);
      auto ms = get_int(doc, "ms", "advance");
      if (ms < 0) throw input_error("advance.ms: must not be negative");
      advance_locked(ms);
      return json_response(200, "{\"now_ms\":" + std::to_string(clock_.now_ms())
                                    + "}");
    });
  }
}

hl_sim::~hl_sim() {
  stop();
}

void hl_sim::load_scenario(const scenario& s) {
  with_venue([&](hl_venue& v) { v.load(s); });
  auto doc = parse_json(s.faults_json, "faults");
  faults_.add_json(doc, "faults");
  if (started_) server_->post([this] { arm_timeline(); });
}

void hl_sim::load_scenario_file(const std::string& path) {
  load_scenario(parse_scenario(read_file(path), path));
}

void hl_sim::load_fills_file(const std::string& path, const std::string& leader,
                             double time_compression) {
  auto fills = parse_recorded_fills(read_file(path), path);
  with_venue([&](hl_venue& v) {
    v.queue_replay(leader, std::move(fills), time_compression);
  });
  if (started_) server_->post([this] { arm_timeline(); });
}

void hl_sim::use_tls(const std::string& cert_file,
                     const std::string& key_file) {
  server_->use_tls(cert_file, key_file);
}

uint16_t hl_sim::start(uint16_t port) {
  auto p = server_->start(port);
  started_ = true;
  server_->post([this] {
    venue_.reset_limits();
    arm_timeline();
  });
  return p;
}

uint16_t hl_sim::port() const {
  return server_->port();
}

void hl_sim::stop() {
  if (server_) server_->stop();
}

void hl_sim::arm_timeline() {
  if (manual_) return; // a manual clock moves only on advance
  if (timeline_timer_) server_->cancel(timeline_timer_);
  timeline_timer_ = 0;
  auto next = venue_.next_due_us();
  if (!next) return;
  auto delay = std::max<int64_t>(0, *next - clock_.now_us());
  timeline_timer_ = server_->schedule(delay, [this] {
    timeline_timer_ = 0;
    venue_.poll();
    arm_timeline();
  });
}

void hl_sim::advance_locked(int64_t ms) {
  if (!manual_)
    throw input_error("advance: the simulator runs on the real clock");
  manual_->advance_ms(ms);
  venue_.poll();
  venue_.check_idle();
}

void hl_sim::with_venue(const std::function<void(hl_venue&)>& f) {
  if (!started_ || server_->in_io_thread()) {
    f(venue_);
    return;
  }
  std::promise<void> done;
  server_->post([&] {
    try {
      f(venue_);
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  done.get_future().get();
}

hl_fill hl_sim::push_trade(const trade_spec& t) {
  hl_fill out;
  with_venue([&](hl_venue& v) { out = v.push_trade(t); });
  return out;
}

void hl_sim::set_mid(const std::string& coin, decimal mid) {
  with_venue([&](hl_venue& v) { v.set_mid(coin, mid); });
}

venue_snapshot hl_sim::snapshot() {
  venue_snapshot out;
  with_venue([&](hl_venue& v) { out = v.snapshot(); });
  return out;
}

void hl_sim::advance_ms(int64_t ms) {
  with_venue([&](hl_venue&) { advance_locked(ms); });
}

} // namespace hlc::sim::hl
