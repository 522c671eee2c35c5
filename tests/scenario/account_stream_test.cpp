// The ACCOUNT STREAM actor against an in-process binance-sim (issue 8 item
// 4): order events to the ROUTER, resyncs, alerts to the NOTIFIER.

#include "actors/gateway/account_stream.hpp"
#include "messages/type_ids.hpp"
#include "sim/binance/binance_sim.hpp"
#include "sim/binance/signature.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;
using namespace hlc;
namespace bsim = hlc::sim::binance;

namespace {

/// What a stand-in ROUTER and NOTIFIER received.
struct inbox {
  std::mutex m;
  std::condition_variable cv;
  std::vector<order_update> updates;
  size_t resyncs = 0;
  std::vector<alert> alerts;

  template <class Pred>
  bool wait(Pred pred, std::chrono::milliseconds limit = 10s) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    std::unique_lock<std::mutex> l{m};
    while (!pred()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      cv.wait_for(l, 20ms);
    }
    return true;
  }
};

caf::behavior stand_in(caf::event_based_actor*, std::shared_ptr<inbox> box) {
  return {
      [box](order_update& u) {
        std::lock_guard<std::mutex> g{box->m};
        box->updates.push_back(std::move(u));
        box->cv.notify_all();
      },
      [box](atom::resync) {
        std::lock_guard<std::mutex> g{box->m};
        ++box->resyncs;
        box->cv.notify_all();
      },
      [box](alert& a) {
        std::lock_guard<std::mutex> g{box->m};
        box->alerts.push_back(std::move(a));
        box->cv.notify_all();
      },
  };
}

sim::http_response market_buy(bsim::binance_sim& sim, const wall_clock& clock,
                              const std::string& cid) {
  std::string params = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                       "&newClientOrderId="
                       + cid + "&timestamp=" + std::to_string(clock.now_ms());
  params
      += "&signature=" + bsim::hmac_sha256_hex(bsim::test_api_secret, params);
  sim::http_request req;
  req.method = "POST";
  req.path = "/fapi/v1/order";
  req.query = params;
  req.headers["x-mbx-apikey"] = bsim::test_api_key;
  return sim.venue().handle(req);
}

} // namespace

TEST_CASE("the ACCOUNT STREAM forwards orders, resyncs and alerts",
          "[scenario][user_stream][account_stream]") {
  bsim::binance_sim sim{bsim::venue_config{}};
  auto port = sim.start(0);
  sim.venue().set_mark("BTCUSDT", decimal::parse_or_throw("95000"));
  net::runtime rt;
  rt.start();
  system_wall_clock clock;
  {
    caf::actor_system_config cfg;
    cfg.add_message_types<caf::id_block::hlcopy>();
    caf::actor_system sys{cfg};
    auto box = std::make_shared<inbox>();
    auto fake = sys.spawn(stand_in, box);
    binance::user_stream_settings s;
    s.rest_url = "http://127.0.0.1:" + std::to_string(port);
    s.ws_url = "ws://127.0.0.1:" + std::to_string(port);
    s.api_key = bsim::test_api_key;
    s.reconnect = {20, 200};
    auto stream = spawn_account_stream(
        sys, rt, nullptr, s, caf::actor_cast<router_actor>(fake),
        caf::actor_cast<notifier_actor>(fake), clock);
    REQUIRE(box->wait([&] { return sim.venue().ws_connections() == 1; }));

    REQUIRE(market_buy(sim, clock, "hlc-a-1").status == 200);
    // OTU NEW and TRADE; TRADE_LITE is not forwarded.
    REQUIRE(box->wait([&] { return box->updates.size() >= 2; }));
    {
      std::lock_guard<std::mutex> g{box->m};
      CHECK(box->updates.size() == 2);
      CHECK(box->updates[0].kind == order_event_kind::accepted);
      CHECK(box->updates[1].kind == order_event_kind::trade);
      CHECK(box->updates[1].client_id == "hlc-a-1");
      CHECK(box->resyncs == 0);
    }

    sim.venue().expire_listen_key();
    REQUIRE(box->wait([&] { return box->resyncs == 1; }));
    REQUIRE(box->wait([&] { return sim.venue().ws_connections() == 1; }));

    REQUIRE(market_buy(sim, clock, "autoclose-1700000000001").status == 200);
    // NEW and TRADE (TRADE_LITE repeats the TRADE): alert + resync each.
    REQUIRE(box->wait([&] { return box->alerts.size() >= 2; }));
    REQUIRE(box->wait([&] { return box->resyncs >= 3; }));
    {
      std::lock_guard<std::mutex> g{box->m};
      CHECK(box->updates.size() == 2); // not an order of ours
      CHECK(box->alerts.size() == 2);
      CHECK(box->resyncs == 3);
      CHECK(box->alerts[1].level == severity::critical);
      CHECK(box->alerts[1].key == "liquidation:BTCUSDT");
      CHECK(box->alerts[1].text.find("BUY 0.002 (TRADE") != std::string::npos);
    }

    caf::scoped_actor self{sys};
    std::string line;
    self->request(stream, 5s, caf::get_atom_v, atom::state_v)
        .receive([&](std::string& got) { line = got; },
                 [](const caf::error& e) { FAIL(caf::to_string(e)); });
    CHECK(line.find("connects=2") != std::string::npos);
    CHECK(line.find(sim.venue().listen_key()) == std::string::npos);
    self->send_exit(stream, caf::exit_reason::user_shutdown);
    self->send_exit(fake, caf::exit_reason::user_shutdown);
  }
  rt.stop();
  size_t deletes = 0;
  for (auto& r : sim.venue().requests())
    if (r.method == "DELETE") ++deletes;
  CHECK(deletes == 0);
  sim.stop();
}
