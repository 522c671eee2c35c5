// The EXECUTOR with the Binance GATEWAY actor against an in-process
// binance-sim on loopback (issue 8 item 5; SPEC EXE-7, EXE-8): LIMIT with a
// partial fill, time in force, confirmed cancel and IOC residual; MARKET
// refused for slippage; -2022 on a close that already happened; a
// reduce-only close below min notional.

#include "actors/executor/symbol_executor.hpp"
#include "actors/gateway/binance_gateway.hpp"
#include "actors/notifier/notifier.hpp"
#include "adapters/binance/rest_gateway.hpp"
#include "messages/type_ids.hpp"
#include "sim/binance/binance_sim.hpp"

#include "../actors/fakes.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <regex>

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

/// BTCUSDT as binance-sim lists it (the REAL exchangeInfo capture).
symbol_filters btc_filters() {
  symbol_filters f;
  f.symbol = "BTCUSDT";
  f.trading = true;
  f.tick_size = dec("0.10");
  f.min_price = dec("556.80");
  f.max_price = dec("4529764");
  f.step_size = dec("0.001");
  f.min_qty = dec("0.001");
  f.max_qty = dec("1000");
  f.market_step_size = dec("0.001");
  f.market_min_qty = dec("0.001");
  f.market_max_qty = dec("120");
  f.min_notional = dec("100");
  f.percent_up = dec("1.05");
  f.percent_down = dec("0.95");
  return f;
}

struct executor_venue_fixture {
  explicit executor_venue_fixture(bsim::venue_config vc = {})
      : sim(std::move(vc)) {
    port = sim.start(0);
    rt.start();
    binance::rest_gateway_settings s;
    s.rest_url = "http://127.0.0.1:" + std::to_string(port);
    s.api_key = bsim::test_api_key;
    s.api_secret = bsim::test_api_secret;
    s.request_timeout_ms = 2'000;
    s.clock_samples = 3;
    rest = binance::rest_gateway::create(rt, nullptr, s, wall_ms,
                                         [](std::string, std::string) {});
    std::mutex m;
    std::condition_variable cv;
    bool synced = false;
    rest->sync_clock([&](bool, std::string) {
      std::lock_guard<std::mutex> g{m};
      synced = true;
      cv.notify_all();
    });
    std::unique_lock<std::mutex> l{m};
    REQUIRE(cv.wait_for(l, 10s, [&] { return synced; }));
    cfg.add_message_types<caf::id_block::hlcopy>();
    sys.emplace(cfg);
    self.emplace(*sys);
    gateway = sys->spawn(binance_gateway, rest);
  }

  ~executor_venue_fixture() {
    for (auto& a : spawned)
      (*self)->send_exit(a, caf::exit_reason::user_shutdown);
    (*self)->send_exit(gateway, caf::exit_reason::user_shutdown);
    self.reset();
    sys.reset();
    rt.stop();
    sim.stop();
  }

  executor_actor spawn_executor(order_type type) {
    executor_args args;
    args.symbol = "BTCUSDT";
    args.options = executor_options{"hlcT", "e1", 5000, 500};
    args.options.type = type;
    args.options.tif_ms = 300;
    args.filters = btc_filters();
    args.mark = sim.venue().mark("BTCUSDT");
    args.clock = std::make_shared<system_wall_clock>();
    args.gateway = caf::actor_cast<gateway_actor>(gateway);
    args.writer = sys->spawn(test::fake_writer, log);
    writer = args.writer;
    args.notifier = sys->spawn(notifier, notifier_settings{}, args.clock,
                               std::function<void(const std::string&)>{});
    spawned.push_back(caf::actor_cast<caf::actor>(args.writer));
    spawned.push_back(caf::actor_cast<caf::actor>(args.notifier));
    auto exec = sys->spawn(symbol_executor, std::move(args));
    spawned.push_back(caf::actor_cast<caf::actor>(exec));
    return exec;
  }

  /// Sends a target and waits until the executor settled it.
  void trade_to(executor_actor exec, const char* qty) {
    symbol_target t;
    t.symbol = "BTCUSDT";
    t.target_qty = dec(qty);
    t.seq = ++seq;
    t.correlation = "BTC:1:1:" + std::to_string(seq);
    bool settled = false;
    (*self)
        ->request(exec, 20s, t)
        .receive([&](bool x) { settled = x; },
                 [](const caf::error& e) { FAIL(caf::to_string(e)); });
    CHECK(settled);
  }

  executor_report report(executor_actor exec) {
    executor_report r;
    (*self)
        ->request(exec, 10s, caf::get_atom_v, atom::report_v)
        .receive([&](executor_report& x) { r = x; },
                 [](const caf::error& e) { FAIL(caf::to_string(e)); });
    return r;
  }

  decimal venue_position() {
    for (auto& p : sim.venue().positions())
      if (p.symbol == "BTCUSDT") return p.amount;
    return decimal{};
  }

  std::vector<bsim::recorded_request> order_requests(const char* method) {
    std::vector<bsim::recorded_request> result;
    for (auto& r : sim.venue().requests())
      if (r.method == method && r.path == "/fapi/v1/order") result.push_back(r);
    return result;
  }

  bool skipped(skip_reason reason) {
    // The executor queued its records before it replied: once the WRITER
    // answered a later flush they are in the log.
    (*self)
        ->request(writer, 10s, atom::flush_v)
        .receive([](bool) {},
                 [](const caf::error& e) { FAIL(caf::to_string(e)); });
    for (auto& w : log->writes)
      for (auto& s : w.skips)
        if (s.reason == reason) return true;
    return false;
  }

  bsim::binance_sim sim;
  uint16_t port = 0;
  net::runtime rt;
  std::shared_ptr<binance::rest_gateway> rest;
  caf::actor_system_config cfg;
  std::optional<caf::actor_system> sys;
  std::optional<caf::scoped_actor> self;
  binance_gateway_actor gateway;
  writer_actor writer;
  test::log_ptr log = std::make_shared<test::event_log>();
  std::vector<caf::actor> spawned;
  uint64_t seq = 0;
};

} // namespace

TEST_CASE("LIMIT partial fill, time in force, cancel confirmed, IOC residual",
          "[scenario][executor_venue]") {
  executor_venue_fixture f;
  // 0.004 offered within our 95019.0 limit (mark × 1.0002), the rest only
  // at 95100: above the GTC, within the residual's 95190.0 (mark × 1.002)
  f.sim.venue().set_book(
      "BTCUSDT", {{dec("94990.0"), dec("5")}},
      {{dec("95005.0"), dec("0.004")}, {dec("95100.0"), dec("5")}},
      dec("95000"));
  auto exec = f.spawn_executor(order_type::limit);
  f.trade_to(exec, "0.010");
  auto posts = f.order_requests("POST");
  REQUIRE(posts.size() == 2);
  CHECK((posts[0].query + posts[0].body).find("timeInForce=GTC")
        != std::string::npos);
  CHECK((posts[1].query + posts[1].body).find("timeInForce=IOC")
        != std::string::npos);
  CHECK(f.order_requests("DELETE").size() == 1);
  CHECK(f.report(exec).position == dec("0.010"));
  CHECK(f.venue_position() == dec("0.010"));
  std::regex id_rule{R"(^[\.A-Z\:/a-z0-9_-]{1,36}$)"};
  for (auto& o : f.sim.venue().orders())
    CHECK(std::regex_match(o.client_id, id_rule));
}

TEST_CASE("MARKET refused for slippage, traded once the book is sane",
          "[scenario][executor_venue]") {
  executor_venue_fixture f;
  auto exec = f.spawn_executor(order_type::market);
  (*f.self)->send(exec, book_top{"BTCUSDT", dec("94990"), dec("95300"), 0});
  f.trade_to(exec, "0.010"); // settled: refused, nothing works
  CHECK(f.order_requests("POST").empty());
  CHECK(f.skipped(skip_reason::slippage));
  (*f.self)->send(exec, book_top{"BTCUSDT", dec("94990"), dec("95010"), 0});
  // after the book (same sender, in order): replies once the order settled
  bool settled = false;
  (*f.self)
      ->request(exec, 20s, atom::settle_v)
      .receive([&](bool x) { settled = x; },
               [](const caf::error& e) { FAIL(caf::to_string(e)); });
  CHECK(settled);
  CHECK(f.order_requests("POST").size() == 1);
  CHECK(f.venue_position() == dec("0.010"));
}

TEST_CASE("a -2022 on a close that already happened re-reads the position",
          "[scenario][executor_venue]") {
  bsim::venue_config vc;
  vc.positions.push_back({"BTCUSDT", "BOTH", dec("0.010"), dec("95000")});
  executor_venue_fixture f{vc};
  auto exec = f.spawn_executor(order_type::market);
  CHECK(f.report(exec).position == dec("0.010")); // read at start
  // the position goes away behind our back (e.g. a manual close)
  order_intent manual;
  manual.client_id = "manual-close-1";
  manual.symbol = "BTCUSDT";
  manual.side = side::sell;
  manual.qty = dec("0.010");
  manual.reduce_only = true;
  (*f.self)
      ->request(f.gateway, 10s, atom::submit_v, manual)
      .receive([](std::vector<order_update>&) {},
               [](const caf::error& e) { FAIL(caf::to_string(e)); });
  REQUIRE(f.venue_position().is_zero());
  f.trade_to(exec, "0");
  auto posts = f.order_requests("POST");
  REQUIRE(posts.size() == 2); // the manual close and ours, no retry
  CHECK(f.report(exec).position.is_zero());
  CHECK(f.venue_position().is_zero());
  CHECK_FALSE(f.skipped(skip_reason::order_rejected));
}

TEST_CASE("a reduce-only close below min notional is sent (no -4164)",
          "[scenario][executor_venue]") {
  bsim::venue_config vc; // 0.001 × 95000 = 95 USDT < 100
  vc.positions.push_back({"BTCUSDT", "BOTH", dec("0.001"), dec("95000")});
  executor_venue_fixture f{vc};
  auto exec = f.spawn_executor(order_type::market);
  CHECK(f.report(exec).position == dec("0.001"));
  f.trade_to(exec, "0");
  auto posts = f.order_requests("POST");
  REQUIRE(posts.size() == 1);
  CHECK((posts[0].query + posts[0].body).find("reduceOnly=true")
        != std::string::npos);
  CHECK(f.venue_position().is_zero());
  CHECK(f.report(exec).position.is_zero());
  CHECK_FALSE(f.skipped(skip_reason::order_rejected));
}

TEST_CASE("a -2019 (margin insufficient) skips and alerts once, no retry storm",
          "[scenario][executor_venue]") {
  bsim::venue_config vc;
  vc.balance = dec("10"); // 0.010 BTC at 20x needs ~47.5 USDT of margin
  executor_venue_fixture f{vc};
  auto exec = f.spawn_executor(order_type::market);
  f.trade_to(exec, "0.010");
  f.trade_to(exec, "0.020");
  auto posts = f.order_requests("POST");
  REQUIRE(posts.size() == 2); // one per target, never a retry
  for (auto& p : posts)
    CHECK(p.code == -2019);
  CHECK(f.skipped(skip_reason::order_rejected));
  size_t margin_alerts = 0;
  for (auto& w : f.log->writes)
    for (auto& a : w.alerts)
      margin_alerts += a.text.find("-2019") != std::string::npos ? 1 : 0;
  CHECK(margin_alerts == 1);
  CHECK(f.venue_position().is_zero());
}
