// Sizing modes (STR-3): k per mode, kelly from a configured or a measured
// edge, and k fixed when a leader position opens from flat.

#include "actors/strategy/sizing.hpp"
#include "actors/strategy/target_book.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;
using hlc::test::leader_a;

namespace {

trade_stats stats(int64_t trades, int64_t wins, const char* sum_win,
                  const char* sum_loss) {
  return trade_stats{trades, wins, d(sum_win), d(sum_loss)};
}

sizing_inputs open_of(const char* qty, const char* px) {
  sizing_inputs in;
  in.leader_open_qty = d(qty);
  in.price = d(px);
  in.follower_equity = d("10000");
  return in;
}

/// A leader fill on SOL with a closedPnl.
leader_fill with_pnl(decimal from, decimal to, uint64_t oid, const char* pnl) {
  auto f = test::fill(leader_a, "SOL", "0", "1", "100", 0, oid, oid);
  f.start_position = from;
  auto delta = to - from;
  f.side = delta.is_negative() ? side::sell : side::buy;
  f.sz = delta.abs();
  f.key.start_position = from;
  f.key.sz = f.sz;
  f.closed_pnl = d(pnl);
  return f;
}

} // namespace

TEST_CASE("k per sizing mode, table", "[sizing][str3]") {
  struct row {
    const char* name;
    sizing_settings cfg;
    sizing_inputs in;
    std::optional<const char*> k; ///< nullopt: refused
    skip_reason reason;           ///< when refused
  };
  sizing_settings ratio;
  ratio.ratio = d("0.3");
  sizing_settings fixed;
  fixed.mode = sizing_mode::fixed_usd;
  fixed.fixed_usd = d("500");
  sizing_settings equity;
  equity.mode = sizing_mode::equity;
  equity.weight = d("2");
  sizing_settings kelly_cfg;
  kelly_cfg.mode = sizing_mode::kelly;
  kelly_cfg.kelly_win_rate = d("0.6");
  kelly_cfg.kelly_payoff = d("2");
  kelly_cfg.kelly_fraction = d("0.5");
  kelly_cfg.kelly_cap = d("0.1");
  auto kelly_low = kelly_cfg;
  kelly_low.kelly_win_rate = d("0.3");
  kelly_low.kelly_payoff = d("1");
  auto kelly_small = kelly_cfg;
  kelly_small.kelly_payoff = d("0.8"); // f* = 0.6 − 0.4/0.8 = 0.1
  auto with_leader = [](sizing_inputs in, const char* eq) {
    in.leader_equity = d(eq);
    return in;
  };
  auto without_follower = [](sizing_inputs in) {
    in.follower_equity.reset();
    return in;
  };
  const row rows[] = {
      {"ratio", ratio, open_of("10", "100"), "0.3", {}},
      // 500 USD for 10 × 100 = 1000 USD
      {"fixed_usd", fixed, open_of("10", "100"), "0.5", {}},
      // 2 × 10000 / 40000
      {"equity", equity, with_leader(open_of("10", "100"), "40000"), "0.5", {}},
      {"equity without leader equity", equity, open_of("10", "100"),
       std::nullopt, skip_reason::sizing_unavailable},
      {"equity without follower equity", equity,
       without_follower(with_leader(open_of("10", "100"), "40000")),
       std::nullopt, skip_reason::sizing_unavailable},
      // f* = 0.6 − 0.4 / 2 = 0.4; × 0.5 = 0.2 → capped 0.1: 1000 USD / 1000
      {"kelly configured, capped", kelly_cfg, open_of("10", "100"), "1", {}},
      // f* 0.1 × 0.5 = 0.05: 500 USD / 1000
      {"kelly configured, below cap",
       kelly_small,
       open_of("10", "100"),
       "0.5",
       {}},
      // f* = 0.3 − 0.7 = −0.4: no copy
      {"kelly configured, negative edge", kelly_low, open_of("10", "100"),
       std::nullopt, skip_reason::no_edge},
      {"kelly without follower equity", kelly_cfg,
       without_follower(open_of("10", "100")), std::nullopt,
       skip_reason::sizing_unavailable},
  };
  for (auto& x : rows) {
    INFO(x.name);
    auto r = scale_factor(x.cfg, x.in);
    if (x.k) {
      REQUIRE(r.k);
      CHECK(*r.k == d(*x.k));
      CHECK_FALSE(r.note.empty());
    } else {
      CHECK_FALSE(r.k);
      CHECK(r.reason == x.reason);
      CHECK_FALSE(r.error.empty());
    }
  }
}

TEST_CASE("kelly measured from the leader's closed trades, table",
          "[sizing][kelly][str3]") {
  sizing_settings cfg;
  cfg.mode = sizing_mode::kelly;
  cfg.kelly_from = kelly_source::measured;
  cfg.kelly_min_trades = 10;
  cfg.kelly_shrink_trades = 10;
  cfg.kelly_fraction = d("1");
  cfg.kelly_cap = d("1");
  struct row {
    const char* name;
    trade_stats measured;
    std::optional<const char*> edge; ///< f* after shrinkage; nullopt: no copy
  };
  const row rows[] = {
      // p 0.6, b = (300/6)/(100/4) = 2: f* 0.4, shrunk × 10/20 = 0.2
      {"small sample at the minimum: shrunk by half",
       stats(10, 6, "300", "100"), "0.2"},
      // same edge over 90 trades: × 90/100
      {"large sample: shrunk a little", stats(90, 54, "2700", "900"), "0.36"},
      {"below the minimum sample: no copy", stats(9, 6, "300", "100"),
       std::nullopt},
      // p 0.4, b = (40/4)/(120/6) = 0.5: f* = 0.4 − 0.6/0.5 = −0.8
      {"negative edge: no copy", stats(10, 4, "40", "120"), std::nullopt},
      {"no win at all: no copy", stats(12, 0, "0", "120"), std::nullopt},
      // never a loss: f* = p = 1, shrunk × 12/22
      {"no loss yet: f* 1, shrunk", stats(12, 12, "120", "0"),
       "0.545454545454"},
  };
  for (auto& x : rows) {
    INFO(x.name);
    std::string error;
    auto bet = kelly(cfg, x.measured, error);
    if (x.edge) {
      REQUIRE(bet);
      CHECK(bet->edge == d(*x.edge));
    } else {
      CHECK_FALSE(bet);
      CHECK_FALSE(error.empty());
    }
  }
}

TEST_CASE("leader_edge counts one closing order as one trade",
          "[sizing][kelly]") {
  leader_edge e;
  auto f = with_pnl(d("10"), d("5"), 1, "30");
  e.on_fill(f);
  e.on_fill(with_pnl(d("5"), d("0"), 1, "20")); // same order: one trade
  e.on_fill(with_pnl(d("0"), d("5"), 2, "0"));  // an open
  e.on_fill(with_pnl(d("5"), d("0"), 3, "-15"));
  auto s = e.stats();
  CHECK(s.trades == 2);
  CHECK(s.wins == 1);
  CHECK(s.sum_win == d("50"));
  CHECK(s.sum_loss == d("15"));
}

TEST_CASE("kelly measured in the book: k fixed at the open from the trades "
          "seen before it; a negative edge copies nothing",
          "[sizing][kelly][strategy][str3]") {
  auto cfg = test::ratio_settings("1");
  auto& s = cfg.leaders[0].sizing;
  s.mode = sizing_mode::kelly;
  s.kelly_from = kelly_source::measured;
  s.kelly_min_trades = 4;
  s.kelly_shrink_trades = 4;
  s.kelly_fraction = d("1");
  s.kelly_cap = d("1");
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  book.set_follower_equity(d("1000"));
  mark_table marks{{"SOLUSDT", mark_price{"SOLUSDT", d("100"), 0}}};
  auto apply = [&](const leader_fill& f) {
    return book.on_fill(f, marks, trading_state::active, 0);
  };
  // three closed trades: not enough, nothing copied, each says why
  uint64_t oid = 0;
  for (const char* pnl : {"30", "-10", "30"}) {
    auto open = apply(with_pnl(d("0"), d("1"), ++oid, "0"));
    CHECK(open.skips.size() == 1);
    CHECK(open.skips[0].reason == skip_reason::no_edge);
    apply(with_pnl(d("1"), d("0"), ++oid, pnl));
  }
  CHECK(book.measured(leader_a).trades == 3);
  apply(with_pnl(d("0"), d("1"), ++oid, "0"));
  apply(with_pnl(d("1"), d("0"), ++oid, "30")); // 4th trade: 3 wins of 4
  // p 0.75, b = 30/10 = 3: f* = 0.75 − 0.25/3 = 0.666666666666 (12 dp),
  // shrunk × 4/8: 0.333333333333; 1000 USD × that on 10 SOL × 100
  auto open = apply(with_pnl(d("0"), d("10"), ++oid, "0"));
  REQUIRE(open.target);
  CHECK(open.skips.empty());
  CHECK(open.sizing_note.find("measured 3/4 wins") != std::string::npos);
  auto k = open.state->k;
  CHECK(k == d("0.333333333333"));
  // k stays fixed while the position is open, whatever the sample does
  auto loss = with_pnl(d("10"), d("5"), ++oid, "-500");
  apply(loss);
  CHECK(book.states().at({leader_a, "SOL"}).k == k);
  auto add = apply(with_pnl(d("5"), d("8"), ++oid, "0"));
  CHECK(add.state->k == k);
  CHECK(add.sizing_note.empty());
  // after the big loss the edge is negative: the next open copies nothing
  apply(with_pnl(d("8"), d("0"), ++oid, "-1"));
  auto next = apply(with_pnl(d("0"), d("10"), ++oid, "0"));
  CHECK_FALSE(next.target);
  REQUIRE(next.skips.size() == 1);
  CHECK(next.skips[0].reason == skip_reason::no_edge);
  CHECK(book.symbol_target_qty("SOLUSDT").is_zero());
}

TEST_CASE("equity sizing in the book uses the leader equity option until "
          "clearinghouseState reports one",
          "[sizing][strategy][str3]") {
  auto cfg = test::ratio_settings("1");
  auto& s = cfg.leaders[0].sizing;
  s.mode = sizing_mode::equity;
  s.weight = d("1");
  s.leader_equity_usd = d("100000");
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  mark_table marks{{"SOLUSDT", mark_price{"SOLUSDT", d("100"), 0}}};
  auto open = [&](uint64_t oid) {
    return book.on_fill(with_pnl(d("0"), d("100"), oid, "0"), marks,
                        trading_state::active, 0);
  };
  auto close = [&](uint64_t oid) {
    book.on_fill(with_pnl(d("100"), d("0"), oid, "0"), marks,
                 trading_state::active, 0);
  };
  auto r = open(1);
  CHECK(r.skips.size() == 1); // follower equity unknown
  CHECK(r.skips[0].reason == skip_reason::sizing_unavailable);
  close(2);
  book.set_follower_equity(d("10000"));
  CHECK(open(3).state->k == d("0.1"));
  CHECK(book.symbol_target_qty("SOLUSDT") == d("10"));
  close(4);
  book.set_leader_equity(leader_a, d("20000"));
  CHECK(open(5).state->k == d("0.5"));
}
