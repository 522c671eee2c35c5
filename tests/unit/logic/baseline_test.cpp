// The startup baseline (SPEC MODE-3): which open positions refuse copying,
// and the state a refusal leads to.

#include "apps/hlcopy/baseline.hpp"

#include <catch2/catch.hpp>

using hlc::baseline_refusal;
using hlc::baseline_snapshot;
using hlc::decimal;
using hlc::state_change;
using hlc::state_reason;
using hlc::trading_state;

namespace {

decimal d(const char* x) {
  return decimal::parse_or_throw(x);
}

state_change active() {
  return state_change{trading_state::active, state_reason::startup, "", "", 1};
}

} // namespace

TEST_CASE("baseline: everything flat starts copying", "[unit][baseline]") {
  baseline_snapshot b;
  b.binance["BTCUSDT"] = d("0");
  b.leaders["0xabc"]["BTC"] = d("0");
  CHECK_FALSE(baseline_refusal(b, false));
  CHECK_FALSE(baseline_refusal(b, true));
}

TEST_CASE("baseline: without trust_local any open position refuses and is "
          "named",
          "[unit][baseline]") {
  struct row {
    const char* where;
    baseline_snapshot b;
    const char* named;
  };
  baseline_snapshot local, binance, leader;
  local.local["ETHUSDT"] = d("0.5");
  binance.binance["SOLUSDT"] = d("-3");
  leader.leaders["0xabc"]["BTC"] = d("0.04");
  for (auto& r : {row{"local", local, "local ETHUSDT 0.5"},
                  row{"binance", binance, "binance SOLUSDT -3"},
                  row{"leader", leader, "leader 0xabc BTC 0.04"}}) {
    INFO(r.where);
    auto why = baseline_refusal(r.b, false);
    REQUIRE(why);
    CHECK(why->find(r.named) != std::string::npos);
    CHECK(why->find("trust_local") != std::string::npos);
  }
}

TEST_CASE("baseline: trust_local accepts the local book when Binance agrees, "
          "refuses when it does not",
          "[unit][baseline]") {
  baseline_snapshot b;
  b.local["ETHUSDT"] = d("0.5");
  b.binance["ETHUSDT"] = d("0.5");
  b.leaders["0xabc"]["ETH"] = d("1");
  CHECK_FALSE(baseline_refusal(b, true));
  b.binance["SOLUSDT"] = d("2"); // traded behind our back
  auto why = baseline_refusal(b, true);
  REQUIRE(why);
  CHECK(why->find("SOLUSDT local 0 binance 2") != std::string::npos);
  b.binance.erase("SOLUSDT");
  b.binance["ETHUSDT"] = d("0.4");
  CHECK(baseline_refusal(b, true));
  // An order whose outcome is unknown (kill -9 after send): recovery
  // resolves it before anything new is placed, so it does not refuse.
  b.unresolved.insert("ETHUSDT");
  CHECK_FALSE(baseline_refusal(b, true));
  // Without trust_local it still refuses.
  CHECK(baseline_refusal(b, false));
}

TEST_CASE("baseline: a refusal makes a trading state SAFE, never loosens a "
          "stricter one",
          "[unit][baseline]") {
  std::optional<std::string> refusal = std::string{"positions open"};
  auto s = hlc::starting_state(active(), refusal, 7);
  CHECK(s.state == trading_state::safe);
  CHECK(s.reason == state_reason::baseline_refused);
  CHECK(s.detail == "positions open");
  CHECK(s.time_ms == 7);
  auto reducing = active();
  reducing.state = trading_state::reducing;
  CHECK(hlc::starting_state(reducing, refusal, 7).state == trading_state::safe);
  auto halted = active();
  halted.state = trading_state::halted;
  halted.reason = state_reason::ip_banned;
  CHECK(hlc::starting_state(halted, refusal, 7).reason
        == state_reason::ip_banned);
  CHECK(hlc::starting_state(active(), std::nullopt, 7).state
        == trading_state::active);
}
