// Property tests over seeded random leader fill sequences (SPEC STR-2,
// STR-5, STR-6, STR-10; issue 6): target_book drives one executor_core per
// symbol against a venue that fills at once (copy_pipeline.hpp).
//
// Every sequence is seeded; a failure names its seed. Replay one with
//   HLC_PROPERTY_SEED=<seed> build/tests/unit/logic/test_logic '[property]'
// and change the count with HLC_PROPERTY_RUNS (default 10000);
// HLC_PROPERTY_TRACE=1 prints every fill, skip and target.

#include "copy_pipeline.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace hlc;
using hlc::test::d;

namespace {

struct coin_spec {
  const char* coin;
  const char* symbol;
  const char* step;
  const char* min_notional;
  const char* px;
};

const coin_spec coins[] = {
    {"SOL", "SOLUSDT", "1", "5", "100"},
    {"ETH", "ETHUSDT", "0.001", "20", "2000"},
    {"BTC", "BTCUSDT", "0.001", "100", "29000"},
};

const fraction cap_slack = fraction::of(decimal::from_units(1, 15));

const char* const ratios[] = {"0.1", "0.25", "0.3", "0.5", "0.9", "1", "3"};

/// Deterministic draws (no std distributions: their output is not fixed
/// across standard libraries).
struct draw {
  std::mt19937_64 rng;
  explicit draw(uint64_t seed) : rng(seed) {}
  uint64_t below(uint64_t n) { return rng() % n; }
  bool chance(int percent) {
    return below(100) < static_cast<uint64_t>(percent);
  }
  /// A leader size in 0.0001 units: tiny (sub-step after scaling) or normal.
  decimal size() {
    auto units = chance(25) ? 1 + below(20) : 1 + below(60'000);
    return decimal::from_units(static_cast<int64_t>(units), 4);
  }
};

struct row_track {
  decimal position;
  bool clean = true;               ///< every fill since flat was copied in full
  std::map<decimal, decimal> seen; ///< leader position -> attribution
};

std::string current_fill; ///< the fill being applied, for failure messages

std::string run_sequence_or_throw(uint64_t seed);

/// Runs one sequence; returns the first violated property, or "".
std::string run_sequence(uint64_t seed) {
  try {
    return run_sequence_or_throw(seed);
  } catch (const std::exception& e) {
    return current_fill + ": exception: " + e.what();
  }
}

std::string run_sequence_or_throw(uint64_t seed) {
  draw g{seed};
  auto cfg = test::ratio_settings(ratios[g.below(std::size(ratios))]);
  cfg.leaders[1].sizing.ratio = d(ratios[g.below(std::size(ratios))]);
  if (g.chance(20)) {
    cfg.leaders[1].sizing.mode = sizing_mode::fixed_usd;
    cfg.leaders[1].sizing.fixed_usd = d("1000");
  }
  if (g.chance(40))
    cfg.risk.max_position_usd = d(g.chance(50) ? "500" : "5000");
  if (g.chance(30)) cfg.risk.max_position_qty["ETHUSDT"] = d("2");
  if (g.chance(30)) cfg.risk.max_gross_usd = d("20000");
  if (g.chance(20)) cfg.risk.max_open_symbols = 2;
  // Every sizing mode (issue 9): kelly configured or measured (the closed
  // pnl of the sequence's own reductions), equity with a leader equity.
  auto& s0 = cfg.leaders[0].sizing;
  if (g.chance(20)) {
    s0.mode = sizing_mode::kelly;
    s0.kelly_win_rate = d("0.6");
    s0.kelly_payoff = d("2");
    if (g.chance(50)) {
      s0.kelly_from = kelly_source::measured;
      s0.kelly_min_trades = 2;
      s0.kelly_shrink_trades = 3;
    }
  } else if (g.chance(20)) {
    s0.mode = sizing_mode::equity;
    s0.weight = d("0.5");
    s0.leader_equity_usd = d("250000");
  }
  std::optional<decimal> equity;
  if (s0.mode != sizing_mode::ratio || g.chance(25)) {
    equity = d(g.chance(50) ? "20000" : "100000");
    cfg.risk.max_leverage = 1 + static_cast<int>(g.below(3));
  }
  bool liquidation_aware = g.chance(20);
  if (liquidation_aware) {
    cfg.risk.min_liq_distance_pct = d("8");
    cfg.binance.leverage = 10;
  }
  const std::vector<margin_bracket> brackets{
      {d("0"), d("5000"), d("0.01"), d("0")},
      {d("5000"), d("50000"), d("0.025"), d("75")},
      {d("50000"), d("1000000"), d("0.05"), d("1325")},
  };
  test::copy_pipeline p{cfg};
  for (auto& c : coins) {
    p.add_symbol(test::filters(c.symbol, c.step, c.min_notional, "0.01"),
                 d(c.px));
    p.book.set_brackets(c.symbol, brackets);
  }
  if (equity) p.book.set_follower_equity(*equity);

  std::string failure;
  auto fail = [&](const std::string& what) {
    if (failure.empty()) failure = what;
  };
  p.on_order = [&](const order_intent& o, decimal before, decimal after) {
    if (o.reduce_only && after.abs() > before.abs())
      fail("reduce-only " + o.client_id + " grew |position| from "
           + before.to_string() + " to " + after.to_string());
  };

  std::map<std::pair<std::string, std::string>, row_track> rows;
  const std::string leaders[] = {test::leader_a, test::leader_b};
  uint64_t oid = 0;

  // Caps clamp increases only (never force a reduction), and a leader's
  // close can raise the net of a symbol that another leader holds the other
  // way: so an *increase* must never take a symbol (or the gross, or the
  // count of open symbols) above its cap or above where it already was.
  std::map<std::string, decimal> last_target;
  decimal last_gross;
  int last_open = 0;
  auto check_symbols = [&](const std::string& when,
                           const std::string& increased_symbol) {
    decimal gross;
    int open = 0;
    for (auto& c : coins) {
      auto target = p.book.symbol_target_qty(c.symbol);
      auto& core = p.executor(c.symbol);
      auto position = core.position();
      auto goal = target.round_down_to_step(d(c.step));
      std::string at = when + " " + c.symbol + " target " + target.to_string()
                       + " position " + position.to_string();
      if (target.sign() * position.sign() < 0)
        fail(at + ": holds the side opposite its target");
      if (position.abs() > target.abs())
        fail(at + ": holds more than its target");
      if (position != goal && goal.abs() < position.abs())
        fail(at + ": a reduction was left undone");
      auto mark = p.marks.at(c.symbol).mark;
      auto before = last_target[c.symbol].abs();
      if (c.symbol == increased_symbol && target.abs() > before) {
        auto limit = decimal::divide(cfg.risk.max_position_usd, mark, 10,
                                     rounding::toward_zero);
        if (auto q = cfg.risk.max_position_qty.find(c.symbol);
            q != cfg.risk.max_position_qty.end() && q->second < limit)
          limit = q->second;
        // The follower position never exceeds the cap. The target may by
        // 1e-15 (relative) at most: the one approximation of ADR 0018 (a
        // sum of attributions whose exact fraction needs more than 60 bits).
        if (liquidation_aware) {
          auto n = *max_notional_for_liq_distance(
              brackets, cfg.binance.leverage, cfg.risk.min_liq_distance_pct,
              target.is_positive());
          auto liq_limit = decimal::divide(n, mark, 10, rounding::toward_zero);
          if (liq_limit < limit) limit = liq_limit;
        }
        if (position.abs() > limit)
          fail(at + ": an increase took the position above its cap");
        auto exact_limit = fraction::of(limit);
        if (fraction::of(target.abs())
            > exact_limit + (exact_limit + fraction::of(d("1"))) * cap_slack)
          fail(at + ": an increase took the target above its cap");
      }
      last_target[c.symbol] = target;
      gross += decimal::multiply(target.abs(), mark, 6, rounding::floor);
      open += target.is_zero() ? 0 : 1;
    }
    if (!increased_symbol.empty()) {
      if (gross > last_gross && gross > cfg.risk.max_gross_usd)
        fail(when + ": gross " + gross.to_string() + " above max_gross_usd");
      if (equity && gross > last_gross
          && gross > *equity * decimal::from_int(cfg.risk.max_leverage)
                         + d("0.001"))
        fail(when + ": gross " + gross.to_string() + " above max_leverage "
             + std::to_string(cfg.risk.max_leverage) + " x equity");
      if (open > last_open && open > cfg.risk.max_open_symbols)
        fail(when + ": more open symbols than max_open_symbols");
    }
    last_gross = gross;
    last_open = open;
  };

  auto send = [&](const std::string& leader, const coin_spec& c, decimal to,
                  bool fresh) {
    auto& track = rows[{leader, c.coin}];
    auto from = track.position;
    if (from == to) return;
    auto id = ++oid;
    auto f = test::fill(leader, c.coin, "0", "1", c.px, p.now, id, id);
    f.start_position = from;
    f.side = to > from ? side::buy : side::sell;
    f.sz = (to - from).abs();
    f.key.start_position = from;
    f.key.sz = f.sz;
    if (to.abs() < from.abs() || from.sign() * to.sign() < 0)
      f.closed_pnl = decimal::from_int(static_cast<int64_t>(g.below(200)) - 80);
    auto state = trading_state::active;
    if (!fresh) {
      if (g.chance(8)) f.key.time_ms = p.now - 20000; // stale: close-only
      if (g.chance(8)) f.px = d(c.px) * d("1.5");     // price deviation
      if (g.chance(8)) state = trading_state::reducing;
    }
    std::ostringstream when;
    when << "fill " << oid << " (" << leader.substr(0, 6) << " " << c.coin
         << " " << from.to_string() << " -> " << to.to_string() << ")";
    current_fill = when.str();
    auto decision = p.apply(f, state);
    if (std::getenv("HLC_PROPERTY_TRACE")) {
      std::fprintf(stderr, "%s state %d\n", current_fill.c_str(),
                   static_cast<int>(state));
      for (auto& x : decision.skips)
        std::fprintf(stderr, "  skip %s: %s\n",
                     std::string{to_string(x.reason)}.c_str(),
                     x.detail.c_str());
      for (auto& cc : coins)
        std::fprintf(stderr, "  %s target %s position %s\n", cc.symbol,
                     p.book.symbol_target_qty(cc.symbol).to_string().c_str(),
                     p.executor(cc.symbol).position().to_string().c_str());
    }
    track.position = to;
    bool crossed
        = to.is_zero() || (!from.is_zero() && from.sign() != to.sign());
    if (!decision.skips.empty())
      track.clean = false;
    else if (crossed)
      track.clean = true;
    if (to.is_zero()) track.clean = true; // flat: nothing attributed
    if (crossed) track.seen.clear();
    auto& row = p.book.states().at({leader, c.coin});
    if (track.clean) {
      // STR-10: a fully copied cycle holds exactly k × L × multiplier, so a
      // leader back at an earlier position gives back the earlier target.
      auto expected = (fraction::of(row.k) * fraction::of(to)).to_decimal(10);
      if (row.attributed != expected)
        fail(when.str() + ": attribution " + row.attributed.to_string()
             + " != k x position " + expected.to_string());
      auto [it, fresh_position] = track.seen.emplace(to, row.attributed);
      if (!fresh_position && it->second != row.attributed)
        fail(when.str() + ": back at " + to.to_string() + " with "
             + row.attributed.to_string() + ", was " + it->second.to_string());
    } else {
      track.seen.clear();
    }
    // A flip's close can lift the net first (other leaders), so only pure
    // opens and increases are held to the caps.
    bool increase = to.abs() > from.abs() && from.sign() * to.sign() >= 0;
    check_symbols(when.str(), increase ? c.symbol : std::string{});
  };

  // Some leaders already hold a position we never saw open.
  for (auto& leader : leaders)
    for (auto& c : coins)
      if (g.chance(10)) {
        auto& track = rows[{leader, c.coin}];
        track.position = g.chance(50) ? g.size() : -g.size();
        track.clean = false;
      }

  auto fills = 6 + g.below(20);
  for (uint64_t i = 0; i < fills && failure.empty(); ++i) {
    auto& leader = leaders[g.below(2)];
    auto& c = coins[g.below(std::size(coins))];
    auto& track = rows[{leader, c.coin}];
    auto at = track.position;
    decimal to;
    auto pick = g.below(100);
    if (at.is_zero()) {
      to = g.chance(50) ? g.size() : -g.size(); // open
    } else if (pick < 25) {
      to = at + (at.is_positive() ? g.size() : -g.size()); // add
    } else if (pick < 50) {
      // partial reduction by a random fraction (exact in leader units)
      auto kept = decimal::from_units(static_cast<int64_t>(1 + g.below(99)), 2);
      to = decimal::multiply(at, kept, 4, rounding::toward_zero);
    } else if (pick < 65) {
      to = decimal{}; // full close
    } else if (pick < 75) {
      to = at.is_positive() ? -g.size() : g.size(); // flip
    } else if (!track.seen.empty()) {
      // back to an earlier position of this cycle
      auto it = track.seen.begin();
      std::advance(it, static_cast<long>(g.below(track.seen.size())));
      to = it->first;
    } else {
      to = at + (at.is_positive() ? g.size() : -g.size());
    }
    send(leader, c, to, false);
  }
  // Every leader goes flat: the follower must end flat.
  for (auto& [key, track] : rows) {
    if (track.position.is_zero()) continue;
    for (auto& c : coins)
      if (key.second == c.coin) send(key.first, c, decimal{}, true);
  }
  for (auto& c : coins) {
    if (!p.book.symbol_target_qty(c.symbol).is_zero())
      fail(std::string{"all leaders flat but "} + c.symbol + " target "
           + p.book.symbol_target_qty(c.symbol).to_string());
    if (!p.executor(c.symbol).position().is_zero())
      fail(std::string{"all leaders flat but "} + c.symbol + " position "
           + p.executor(c.symbol).position().to_string());
  }
  return failure;
}

uint64_t env_or(const char* name, uint64_t fallback) {
  auto text = std::getenv(name);
  return text ? std::strtoull(text, nullptr, 10) : fallback;
}

} // namespace

TEST_CASE("random leader fill sequences keep the copy invariants",
          "[property][strategy][executor]") {
  constexpr uint64_t base_seed = 0x6c63'6f70'7900'0000; // fixed: reproducible
  if (auto one = std::getenv("HLC_PROPERTY_SEED")) {
    auto seed = std::strtoull(one, nullptr, 10);
    INFO("seed " << seed);
    CHECK(run_sequence(seed) == "");
    return;
  }
  auto runs = env_or("HLC_PROPERTY_RUNS", 10'000);
  uint64_t failures = 0;
  for (uint64_t i = 0; i < runs; ++i) {
    auto seed = base_seed + i;
    auto failure = run_sequence(seed);
    if (failure.empty()) continue;
    ++failures;
    FAIL_CHECK("seed " << seed << ": " << failure
                       << "\n  replay: HLC_PROPERTY_SEED=" << seed);
    if (failures >= 5) break;
  }
  CHECK(failures == 0);
}
