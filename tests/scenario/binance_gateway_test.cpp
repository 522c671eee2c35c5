// The Binance REST gateway and its actor against an in-process binance-sim
// on loopback, one fault each (issue 8 item 1-3; SPEC EXE-1, EXE-2, EXE-5).

#include "actors/gateway/binance_gateway.hpp"
#include "adapters/binance/rest_gateway.hpp"
#include "messages/type_ids.hpp"
#include "sim/binance/binance_sim.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;
using namespace hlc;
namespace bsim = hlc::sim::binance;

namespace {

decimal dec(const char* x) {
  return decimal::parse_or_throw(x);
}

int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// binance-sim on loopback and a gateway pointed at it.
struct gateway_fixture {
  explicit gateway_fixture(int64_t our_clock_ahead_ms = 0)
      : sim(bsim::venue_config{}) {
    port = sim.start(0);
    sim.venue().set_mark("BTCUSDT", dec("95000"));
    rt.start();
    binance::rest_gateway_settings s;
    s.rest_url = "http://127.0.0.1:" + std::to_string(port);
    s.api_key = bsim::test_api_key;
    s.api_secret = bsim::test_api_secret;
    s.request_timeout_ms = 1'000;
    s.clock_samples = 3;
    gw = binance::rest_gateway::create(
        rt, nullptr, s,
        [our_clock_ahead_ms] { return wall_ms() + our_clock_ahead_ms; },
        [this](std::string event, std::string) {
          std::lock_guard<std::mutex> g{m};
          events.push_back(std::move(event));
        });
  }
  ~gateway_fixture() {
    gw->stop();
    rt.stop();
    sim.stop();
  }

  template <class T>
  T wait_for(std::function<void(std::function<void(T)>)> start) {
    std::mutex mm;
    std::condition_variable cv;
    std::optional<T> got;
    start([&](T x) {
      std::lock_guard<std::mutex> g{mm};
      got = std::move(x);
      cv.notify_all();
    });
    std::unique_lock<std::mutex> l{mm};
    REQUIRE(cv.wait_for(l, 10s, [&] { return got.has_value(); }));
    return std::move(*got);
  }

  void sync() {
    auto ok = wait_for<bool>([this](std::function<void(bool)> done) {
      gw->sync_clock([done](bool synced, std::string) { done(synced); });
    });
    REQUIRE(ok);
  }

  order_update submit(order_intent intent) {
    auto all = wait_for<std::vector<order_update>>(
        [&](std::function<void(std::vector<order_update>)> done) {
          gw->submit(intent, done);
        });
    REQUIRE(all.size() == 1);
    return all[0];
  }

  binance::read_result<order_update> query(const std::string& cid) {
    return wait_for<binance::read_result<order_update>>(
        [&](std::function<void(binance::read_result<order_update>)> done) {
          gw->query("BTCUSDT", cid, done);
        });
  }

  size_t order_posts() {
    size_t n = 0;
    for (auto& r : sim.venue().requests())
      if (r.method == "POST" && r.path == "/fapi/v1/order") ++n;
    return n;
  }

  bool saw(const std::string& event) {
    std::lock_guard<std::mutex> g{m};
    return std::find(events.begin(), events.end(), event) != events.end();
  }

  bsim::binance_sim sim;
  uint16_t port = 0;
  net::runtime rt;
  std::shared_ptr<binance::rest_gateway> gw;
  std::mutex m;
  std::vector<std::string> events;
};

order_intent market_buy(const std::string& cid, const char* qty = "0.010") {
  order_intent i;
  i.client_id = cid;
  i.symbol = "BTCUSDT";
  i.side = side::buy;
  i.type = order_type::market;
  i.qty = dec(qty);
  return i;
}

bsim::http_fault order_fault(bsim::fault_kind kind, bool executed) {
  bsim::http_fault f;
  f.method = "POST";
  f.path = "/fapi/v1/order";
  f.kind = kind;
  f.executed = executed;
  return f;
}

} // namespace

TEST_CASE("happy path: signed order, query and positions",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  auto u = f.submit(market_buy("hlc-t-1"));
  CHECK(u.kind == order_event_kind::trade);
  CHECK(u.cum_qty == dec("0.010"));
  auto q = f.query("hlc-t-1");
  REQUIRE(q.value);
  CHECK(q.value->cum_qty == dec("0.010"));
  auto pos
      = f.wait_for<binance::read_result<std::vector<binance::position_risk>>>(
          [&](auto done) { f.gw->positions(done); });
  REQUIRE(pos.value);
  decimal btc;
  for (auto& p : *pos.value)
    if (p.symbol == "BTCUSDT") btc = p.position_amt;
  CHECK(btc == dec("0.010"));
  for (auto& r : f.sim.venue().requests())
    if (r.path == "/fapi/v1/order") CHECK(r.api_key_sent);
}

TEST_CASE("503 Unknown error that executed: unknown, then adopted by query",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  f.sim.venue().add_fault(order_fault(bsim::fault_kind::unknown_503, true));
  auto u = f.submit(market_buy("hlc-t-2"));
  CHECK(u.kind == order_event_kind::outcome_unknown);
  auto q = f.query("hlc-t-2");
  REQUIRE(q.value);
  CHECK(q.value->kind == order_event_kind::trade);
  CHECK(f.order_posts() == 1); // never re-sent
}

TEST_CASE("503 Unknown error that did not execute: unknown, then not found",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  f.sim.venue().add_fault(order_fault(bsim::fault_kind::unknown_503, false));
  CHECK(f.submit(market_buy("hlc-t-3")).kind
        == order_event_kind::outcome_unknown);
  auto q = f.query("hlc-t-3");
  REQUIRE(q.value);
  CHECK(q.value->kind == order_event_kind::not_found);
}

TEST_CASE("a reset after the request left is unknown, not retried",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  f.sim.venue().add_fault(order_fault(bsim::fault_kind::reset, true));
  auto u = f.submit(market_buy("hlc-t-4"));
  CHECK(u.kind == order_event_kind::outcome_unknown);
  CHECK(f.order_posts() == 1);
  auto q = f.query("hlc-t-4");
  REQUIRE(q.value);
  CHECK(q.value->kind == order_event_kind::trade);
}

TEST_CASE("a -1007 timeout is unknown", "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  f.sim.venue().add_fault(order_fault(bsim::fault_kind::timeout_1007, false));
  auto u = f.submit(market_buy("hlc-t-5"));
  CHECK(u.kind == order_event_kind::outcome_unknown);
  CHECK(u.error_code == -1007);
}

TEST_CASE("429 with Retry-After: not placed, and no storm while it runs",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  auto fault = order_fault(bsim::fault_kind::status, false);
  fault.status = 429;
  fault.body = R"({"code":-1003,"msg":"Too many requests."})";
  fault.retry_after_s = 30;
  f.sim.venue().add_fault(fault);
  auto u = f.submit(market_buy("hlc-t-6"));
  CHECK(u.kind == order_event_kind::not_placed);
  CHECK(u.retry_after_ms >= 29'000);
  // The same id again at once: refused here, never sent.
  auto again = f.submit(market_buy("hlc-t-6"));
  CHECK(again.kind == order_event_kind::not_placed);
  CHECK(again.error_text == "rate limited (429)");
  CHECK(f.order_posts() == 1);
  CHECK(f.saw("rate_limited"));
}

TEST_CASE("418: banned until the venue says, nothing sent meanwhile",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  auto fault = order_fault(bsim::fault_kind::status, false);
  fault.status = 418;
  fault.body
      = R"({"code":-1003,"msg":"Way too many requests; IP banned until )"
        + std::to_string(wall_ms() + 120'000)
        + R"(. Please use the websocket for live updates to avoid bans."})";
  f.sim.venue().add_fault(fault);
  auto u = f.submit(market_buy("hlc-t-7"));
  CHECK(u.kind == order_event_kind::not_placed);
  CHECK(u.retry_after_ms > 100'000);
  auto again = f.submit(market_buy("hlc-t-7"));
  CHECK(again.error_text == "IP banned (418)");
  CHECK(f.order_posts() == 1);
  CHECK(f.saw("ip_banned"));
}

TEST_CASE("a -1021 after clock drift: not placed, resynced, then accepted",
          "[scenario][binance_gateway]") {
  // Our clock runs 10 s ahead of the venue's and was never synced.
  gateway_fixture f{10'000};
  auto first = f.submit(market_buy("hlc-t-8"));
  // The first request of an unsynced gateway starts a sync; whichever way
  // the race goes, the order is never lost: it is either placed or
  // refused as not placed with -1021.
  if (first.kind == order_event_kind::not_placed) {
    CHECK(first.error_code == -1021);
    CHECK(f.saw("clock_skew"));
    f.sync();
    auto second = f.submit(market_buy("hlc-t-8"));
    CHECK(second.kind == order_event_kind::trade);
  } else {
    CHECK(first.kind == order_event_kind::trade);
  }
  CHECK(f.saw("clock_synced"));
}

TEST_CASE("a refused connection is not placed: retry the same id",
          "[scenario][binance_gateway]") {
  net::runtime rt;
  rt.start();
  uint16_t closed_port = 0;
  {
    bsim::binance_sim s{bsim::venue_config{}};
    closed_port = s.start(0);
    s.stop();
  }
  binance::rest_gateway_settings s;
  s.rest_url = "http://127.0.0.1:" + std::to_string(closed_port);
  s.api_key = "k";
  s.api_secret = "s";
  s.clock_samples = 1;
  auto gw = binance::rest_gateway::create(rt, nullptr, s, wall_ms, nullptr);
  std::mutex m;
  std::condition_variable cv;
  std::vector<order_update> got;
  gw->submit(market_buy("hlc-t-9"), [&](std::vector<order_update> u) {
    std::lock_guard<std::mutex> g{m};
    got = std::move(u);
    cv.notify_all();
  });
  {
    std::unique_lock<std::mutex> l{m};
    REQUIRE(cv.wait_for(l, 10s, [&] { return !got.empty(); }));
  }
  CHECK(got[0].kind == order_event_kind::not_placed);
  CHECK(got[0].retry_after_ms == 500);
  gw->stop();
  rt.stop();
}

TEST_CASE("cancel of an unknown order: cancel rejected (-2011)",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  auto r = f.wait_for<binance::read_result<order_update>>(
      [&](auto done) { f.gw->cancel("BTCUSDT", "hlc-t-none", done); });
  REQUIRE(r.value);
  CHECK(r.value->kind == order_event_kind::cancel_rejected);
}

TEST_CASE("five 5xx in a row open the breaker; a probe closes it",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  bsim::http_fault down;
  down.path = "/fapi/v1/order";
  down.method = "GET";
  down.kind = bsim::fault_kind::status;
  down.status = 500;
  down.count = 5;
  f.sim.venue().add_fault(down);
  for (int i = 0; i < 5; ++i)
    CHECK_FALSE(f.query("hlc-t-x").value);
  auto refused = f.query("hlc-t-x");
  CHECK(refused.error == "circuit breaker open");
  CHECK(f.saw("circuit_open"));
  size_t gets = 0;
  for (auto& r : f.sim.venue().requests())
    if (r.method == "GET" && r.path == "/fapi/v1/order") ++gets;
  CHECK(gets == 5);
}

TEST_CASE("the GATEWAY actor carries the contract over the REST gateway",
          "[scenario][binance_gateway]") {
  gateway_fixture f;
  f.sync();
  caf::actor_system_config cfg;
  cfg.add_message_types<caf::id_block::hlcopy>();
  caf::actor_system sys{cfg};
  auto gw = sys.spawn(binance_gateway, f.gw);
  caf::scoped_actor self{sys};
  self->request(gw, 10s, atom::submit_v, market_buy("hlc-t-10"))
      .receive(
          [](std::vector<order_update>& u) {
            REQUIRE(u.size() == 1);
            CHECK(u[0].kind == order_event_kind::trade);
          },
          [](const caf::error& e) { FAIL(caf::to_string(e)); });
  self->request(gw, 10s, caf::get_atom_v, atom::position_v,
                std::string{"BTCUSDT"})
      .receive([](decimal& qty) { CHECK(qty == dec("0.010")); },
               [](const caf::error& e) { FAIL(caf::to_string(e)); });
  self->request(gw, 10s, atom::query_v, std::string{"BTCUSDT"},
                std::string{"hlc-t-10"})
      .receive([](order_update& u) { CHECK(u.cum_qty == dec("0.010")); },
               [](const caf::error& e) { FAIL(caf::to_string(e)); });
  // A read without an answer is an error to the caller, never "flat".
  bsim::http_fault down;
  down.path = "/fapi/v2/positionRisk";
  down.kind = bsim::fault_kind::status;
  down.status = 503;
  down.body = "Service Unavailable.";
  f.sim.venue().add_fault(down);
  bool failed = false;
  self->request(gw, 10s, caf::get_atom_v, atom::positions_v)
      .receive([](std::vector<paper_position>&) {},
               [&](const caf::error&) { failed = true; });
  CHECK(failed);
  self->send_exit(gw, caf::exit_reason::user_shutdown);
}
