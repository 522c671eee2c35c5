#include "sim/binance/binance_sim.hpp"

namespace hlc::sim::binance {

namespace {

wall_clock* pick(wall_clock* given, std::unique_ptr<real_clock>& own) {
  if (given != nullptr) return given;
  own = std::make_unique<real_clock>();
  return own.get();
}

handlers make_handlers(binance_venue& v) {
  handlers h;
  h.on_http = [&v](const http_request& req) { return v.handle(req); };
  h.on_ws_open = [&v](const http_request& req, ws_peer_ptr peer) {
    return v.ws_open(req, std::move(peer));
  };
  // The streams ignore client messages (pongs are transport).
  h.on_ws_text = [](const ws_peer_ptr&, const std::string&) {};
  h.on_ws_close = [&v](const ws_peer_ptr& peer) { v.ws_closed(peer->id()); };
  return h;
}

} // namespace

binance_sim::binance_sim(venue_config cfg, wall_clock* clock)
    : clock_(pick(clock, own_clock_)),
      venue_(std::move(cfg), [c = clock_] { return c->now_us(); }),
      server_(make_handlers(venue_), *clock_) {
  // nop
}

binance_sim::~binance_sim() {
  stop();
}

uint16_t binance_sim::start(uint16_t port) {
  auto bound = server_.start(port);
  schedule_poll();
  return bound;
}

void binance_sim::stop() {
  server_.stop();
}

void binance_sim::schedule_poll() {
  // 100 ms: scripted mark moves land close to their time.
  server_.schedule(100'000, [this] {
    venue_.poll();
    schedule_poll();
  });
}

} // namespace hlc::sim::binance
