// SPEC STR-10 (exact targets) and STR-9 (a skip for every non-trade), end to
// end through target_book and executor_core.

#include "copy_pipeline.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;
using hlc::test::fill;
using hlc::test::leader_a;
using hlc::test::leader_b;

namespace {

/// Leader positions visited one fill after another, from flat.
leader_fill step_fill(const std::string& coin, decimal from, decimal to,
                      uint64_t oid, const char* px) {
  auto f = fill(leader_a, coin, "0", "1", px, 1'000'000, oid, oid);
  f.start_position = from;
  auto delta = to - from;
  f.side = delta.is_negative() ? side::sell : side::buy;
  f.sz = delta.abs();
  f.key.start_position = from;
  f.key.sz = f.sz;
  return f;
}

} // namespace

TEST_CASE("a leader back at an earlier position gives back exactly the "
          "earlier target and position (STR-10)",
          "[strategy][executor][str10]") {
  struct row {
    const char* name;
    const char* coin;
    const char* symbol;
    const char* ratio;
    const char* step;
    const char* px;
    std::vector<const char*> path;  ///< leader positions after each fill
    std::vector<const char*> goals; ///< follower target after each fill
    const char* final_position;
  };
  const row rows[] = {
      {"SOL 3 -> 2 -> 3, ratio 1, step 1",
       "SOL",
       "SOLUSDT",
       "1",
       "1",
       "100",
       {"3", "2", "3"},
       {"3", "2", "3"},
       "3"},
      {"ETH 3 -> 2 -> 3, ratio 0.9, step 0.001",
       "ETH",
       "ETHUSDT",
       "0.9",
       "0.001",
       "2000",
       {"3", "2", "3"},
       {"2.7", "1.8", "2.7"},
       "2.7"},
      {"thirds: 3 -> 1 -> 2 -> 3 -> 1.5 -> 3",
       "SOL",
       "SOLUSDT",
       "1",
       "1",
       "100",
       {"3", "1", "2", "3", "1.5", "3"},
       {"3", "1", "2", "3", "1.5", "3"},
       "3"},
      {"short side, sevenths: -7 -> -3 -> -7",
       "ETH",
       "ETHUSDT",
       "0.3",
       "0.001",
       "2000",
       {"-7", "-3", "-7"},
       {"-2.1", "-0.9", "-2.1"},
       "-2.1"},
      {"flip and back: 3 -> -2 -> 3",
       "SOL",
       "SOLUSDT",
       "1",
       "1",
       "100",
       {"3", "-2", "3"},
       {"3", "-2", "3"},
       "3"},
  };
  for (auto& x : rows) {
    INFO(x.name);
    auto cfg = test::ratio_settings(x.ratio);
    test::copy_pipeline p{cfg};
    p.add_symbol(test::filters(x.symbol, x.step, "5", "0.01"), d(x.px));
    auto at = decimal{};
    uint64_t oid = 0;
    for (size_t i = 0; i < x.path.size(); ++i) {
      auto to = d(x.path[i]);
      p.apply(step_fill(x.coin, at, to, ++oid, x.px));
      at = to;
      INFO("after leader " << x.path[i]);
      CHECK(p.book.symbol_target_qty(x.symbol) == d(x.goals[i]));
    }
    CHECK(p.executor(x.symbol).position() == d(x.final_position));
    CHECK(p.count_skips(skip_reason::below_step) == 0);
  }
}

TEST_CASE("the executor rounds the exact target once, toward zero",
          "[executor][str10]") {
  struct row {
    const char* step;
    const char* position; ///< reached by an earlier target
    const char* target;
    const char* expected; ///< position after trading
  };
  const row rows[] = {
      {"1", "2", "3", "3"},           // exactly 3 from 2 trades 1
      {"0.001", "1.8", "2.7", "2.7"}, // reaches 2.7
      {"1", "3", "2.5", "2"},         // reductions go down to the step too
      {"1", "0", "2.5", "2"},         // opens stop below the target
      {"0.1", "0", "-0.35", "-0.3"},  // shorts round toward zero
      {"0.1", "0.3", "-0.05", "0"},   // crossing: close, no open below step
  };
  for (auto& x : rows) {
    INFO("step " << x.step << " position " << x.position << " target "
                 << x.target);
    test::copy_pipeline p{test::ratio_settings()};
    p.add_symbol(test::filters("SOLUSDT", x.step, "0", "0.01"), d("100"));
    auto& core = p.executor("SOLUSDT");
    symbol_target t;
    t.symbol = "SOLUSDT";
    t.seq = 1;
    t.correlation = "first";
    t.target_qty = d(x.position);
    p.run(core, core.on_target(t, p.now));
    REQUIRE(core.position() == d(x.position));
    t.seq = 2;
    t.correlation = "second";
    t.target_qty = d(x.target);
    p.run(core, core.on_target(t, p.now));
    CHECK(core.position() == d(x.expected));
  }
}

TEST_CASE("an open below one step records below_step once and accumulates "
          "(STR-9)",
          "[strategy][executor][str9]") {
  // ratio 0.1: a leader fill of 0.004 BTC scales to 0.0004, step 0.001
  auto cfg = test::ratio_settings("0.1");
  test::copy_pipeline p{cfg};
  p.add_symbol(test::filters("BTCUSDT", "0.001", "0", "0.1"), d("29000"));
  auto& core = p.executor("BTCUSDT");
  p.apply(step_fill("BTC", d("0"), d("0.004"), 1, "29000"));
  CHECK(p.book.symbol_target_qty("BTCUSDT") == d("0.0004"));
  CHECK(core.position().is_zero());
  REQUIRE(p.count_skips(skip_reason::below_step) == 1);
  CHECK(p.skips.back().symbol == "BTCUSDT");
  CHECK(p.skips.back().correlation
        == to_string(step_fill("BTC", d("0"), d("0.004"), 1, "29000").key));
  // the same target evaluated again (state change) is not a new skip
  p.run(core, core.set_state(trading_state::active, p.now));
  CHECK(p.count_skips(skip_reason::below_step) == 1);
  // the next sub-step fill: another target, another skip
  p.apply(step_fill("BTC", d("0.004"), d("0.008"), 2, "29000"));
  CHECK(p.count_skips(skip_reason::below_step) == 2);
  CHECK(core.position().is_zero());
  // the residual accumulates: 0.0012 trades 0.001
  p.apply(step_fill("BTC", d("0.008"), d("0.012"), 3, "29000"));
  CHECK(core.position() == d("0.001"));
  CHECK(p.count_skips(skip_reason::below_step) == 2);
  // a full close flattens, no skip
  p.apply(step_fill("BTC", d("0.012"), d("0"), 4, "29000"));
  CHECK(core.position().is_zero());
  CHECK(p.count_skips(skip_reason::below_step) == 2);
}

TEST_CASE("a flip whose new side is below one step closes and says why",
          "[executor][str9]") {
  test::copy_pipeline p{test::ratio_settings("0.1")};
  p.add_symbol(test::filters("SOLUSDT", "1", "0", "0.01"), d("100"));
  p.apply(step_fill("SOL", d("0"), d("30"), 1, "100"));
  CHECK(p.executor("SOLUSDT").position() == d("3"));
  p.apply(step_fill("SOL", d("30"), d("-5"), 2, "100"));
  CHECK(p.book.symbol_target_qty("SOLUSDT") == d("-0.5"));
  CHECK(p.executor("SOLUSDT").position().is_zero());
  CHECK(p.count_skips(skip_reason::below_step) == 1);
}

TEST_CASE("targets re-emitted at start record no below_step",
          "[executor][str9]") {
  test::copy_pipeline p{test::ratio_settings()};
  p.add_symbol(test::filters("SOLUSDT", "1", "0", "0.01"), d("100"));
  auto& core = p.executor("SOLUSDT");
  p.run(core, core.restore({}, d("2"), 1, p.now));
  symbol_target t;
  t.symbol = "SOLUSDT";
  t.seq = 1;
  t.restated = true;
  t.target_qty = d("2.5");
  p.run(core, core.on_target(t, p.now));
  CHECK(p.count_skips(skip_reason::below_step) == 0);
  CHECK(core.position() == d("2"));
}

TEST_CASE("capped attributions of several leaders stay exact",
          "[strategy][str10]") {
  // A cap leaves thirds (not decimals) attributed; their sum is exact.
  auto cfg = test::ratio_settings("1");
  cfg.risk.max_position_qty["SOLUSDT"] = d("1");
  test::copy_pipeline p{cfg};
  p.add_symbol(test::filters("SOLUSDT", "0.1", "0", "0.01"), d("100"));
  auto by = [](const std::string& leader, leader_fill f) {
    f.key.leader = leader;
    return f;
  };
  p.apply(by(leader_a, step_fill("SOL", d("0"), d("3"), 1, "100"))); // a 1
  CHECK(p.count_skips(skip_reason::cap) == 1);
  p.apply(by(leader_a, step_fill("SOL", d("3"), d("1"), 2, "100"))); // a 1/3
  p.apply(by(leader_b, step_fill("SOL", d("0"), d("2"), 3, "100"))); // b 2/3
  CHECK(p.book.symbol_target_qty("SOLUSDT") == d("1"));
  CHECK(p.executor("SOLUSDT").position() == d("1"));
  p.apply(by(leader_b, step_fill("SOL", d("2"), d("1"), 4, "100")));   // b 1/3
  p.apply(by(leader_a, step_fill("SOL", d("1"), d("0.5"), 5, "100"))); // 1/6
  CHECK(p.book.symbol_target_qty("SOLUSDT") == d("0.5"));
  CHECK(p.executor("SOLUSDT").position() == d("0.5"));
}
