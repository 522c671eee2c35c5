// Liquidation-aware sizing (STR-6, risk.min_liq_distance_pct): the largest
// notional whose estimated liquidation stays far enough from the mark.

#include "actors/strategy/liquidation.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;

namespace {

// ETHUSDT-like brackets (cum = floor × (mmr − previous mmr) + previous cum).
const std::vector<margin_bracket> eth{
    {d("0"), d("10000"), d("0.005"), d("0")},
    {d("10000"), d("100000"), d("0.01"), d("50")},
    {d("100000"), d("500000"), d("0.02"), d("1050")},
};

} // namespace

TEST_CASE("max notional for a liquidation distance, table", "[liquidation]") {
  struct row {
    const char* name;
    int leverage;
    const char* min_pct;
    bool is_long;
    std::optional<const char*> expected;
  };
  const row rows[] = {
      // 1/L − mmr well above the distance in every bracket: the last cap
      {"low leverage: unlimited to the last cap", 2, "10", true, "500000"},
      // L 20: long distance 1 − 0.95/0.995 = 4.52% in bracket 1; 10% never
      {"too much leverage: nothing", 20, "10", true, "0"},
      // L 10, 8.5%: bracket 1 keeps 9.55%; bracket 2 while
      // 50/N ≥ 0.9 − 0.915 × 0.99 = −0.00585 → all; bracket 3 while
      // 1050/N ≥ 0.9 − 0.915 × 0.98 = 0.0033 → N ≤ 318181.818181
      {"clamped inside the third bracket", 10, "8.5", true, "318181.818181"},
      // short: (1 + d)(1 + mmr) − 1 − 1/L = 0.0067 in bracket 3
      {"short side, same leverage", 10, "8.5", false, "156716.41791"},
  };
  for (auto& x : rows) {
    INFO(x.name);
    auto n = max_notional_for_liq_distance(eth, x.leverage, d(x.min_pct),
                                           x.is_long);
    REQUIRE(n);
    CHECK(*n == d(*x.expected));
    if (n->is_positive() && *n < d("500000")) {
      // at the limit the distance is the minimum (within rounding)
      auto at = liq_distance_pct(eth, x.leverage, *n, x.is_long);
      CHECK(at >= d(x.min_pct) - d("0.000001"));
      CHECK(at <= d(x.min_pct) + d("0.000001"));
    }
  }
  CHECK_FALSE(max_notional_for_liq_distance({}, 10, d("5"), true));
}

TEST_CASE("liquidation distance of a position", "[liquidation]") {
  // 1x long never liquidates above 0: distance 1 − 0/(1 − mmr) = 100%
  CHECK(liq_distance_pct(eth, 1, d("1000"), true) == d("100"));
  // 10x long in bracket 1: 1 − 0.9 / 0.995
  CHECK(liq_distance_pct(eth, 10, d("1000"), true) == d("9.547738"));
  // 10x short in bracket 1: 1.1 / 1.005 − 1
  CHECK(liq_distance_pct(eth, 10, d("1000"), false) == d("9.452736"));
}
