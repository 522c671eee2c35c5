#include "actors/strategy/target_book.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::d;
using hlc::test::fill;
using hlc::test::leader_a;
using hlc::test::leader_b;

namespace {

struct book_fixture {
  settings cfg = test::ratio_settings("0.5");
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  mark_table marks;
  int64_t now = 1'000'000;

  book_fixture() {
    marks["SUIUSDT"] = mark_price{"SUIUSDT", d("1.32"), now};
    marks["BTCUSDT"] = mark_price{"BTCUSDT", d("29000"), now};
  }

  fill_decision apply(const leader_fill& f,
                      trading_state state = trading_state::active) {
    return book.on_fill(f, marks, state, now);
  }

  decimal target(const char* symbol) { return book.symbol_target_qty(symbol); }
};

bool has_skip(const fill_decision& x, skip_reason reason) {
  for (auto& s : x.skips)
    if (s.reason == reason) return true;
  return false;
}

} // namespace

TEST_CASE_METHOD(book_fixture, "open from flat scales by k", "[strategy]") {
  auto r = apply(fill(leader_a, "SUI", "0", "100", "1.32", now));
  REQUIRE(r.target);
  CHECK(r.target->symbol == "SUIUSDT");
  CHECK(r.target->target_qty == d("50"));
  CHECK(r.skips.empty());
  REQUIRE(r.state);
  CHECK(r.state->k == d("0.5"));
  CHECK(r.state->leader_position == d("100"));
}

TEST_CASE_METHOD(book_fixture, "partial reduction reduces by the same fraction",
                 "[strategy]") {
  apply(fill(leader_a, "SUI", "0", "100", "1.32", now));
  auto r = apply(fill(leader_a, "SUI", "100", "-25", "1.32", now, 2));
  REQUIRE(r.target);
  CHECK(r.target->target_qty == d("37.5"));
  CHECK(r.target->reduce_only);
}

TEST_CASE_METHOD(book_fixture, "full close zeroes the attribution",
                 "[strategy]") {
  apply(fill(leader_a, "SUI", "0", "-80", "1.32", now));
  CHECK(target("SUIUSDT") == d("-40"));
  auto r = apply(fill(leader_a, "SUI", "-80", "80", "1.32", now, 2));
  REQUIRE(r.target);
  CHECK(r.target->target_qty.is_zero());
  CHECK(r.target->reduce_only);
}

TEST_CASE_METHOD(book_fixture, "a flip closes then opens the remainder",
                 "[strategy]") {
  apply(fill(leader_a, "SUI", "0", "100", "1.32", now));
  // Long > Short: 100 -> -60 in one fill
  auto r = apply(fill(leader_a, "SUI", "100", "-160", "1.32", now, 2));
  REQUIRE(r.target);
  CHECK(r.target->target_qty == d("-30"));
  CHECK(r.state->leader_position == d("-60"));
}

TEST_CASE_METHOD(book_fixture,
                 "a close with nothing attributed is MISSING_OPEN",
                 "[strategy]") {
  // the leader's position existed before we started
  auto r = apply(fill(leader_a, "SUI", "500", "-100", "1.32", now));
  CHECK_FALSE(r.target);
  CHECK(has_skip(r, skip_reason::missing_open));
  CHECK(target("SUIUSDT").is_zero()); // never a reverse open
  // and the leader position is still tracked
  CHECK(r.state->leader_position == d("400"));
  // a flip from an unattributed position opens only the new side
  auto flip = apply(fill(leader_a, "SUI", "400", "-420", "1.32", now, 2));
  CHECK(has_skip(flip, skip_reason::missing_open));
  REQUIRE(flip.target);
  CHECK(flip.target->target_qty == d("-10"));
}

TEST_CASE_METHOD(book_fixture,
                 "increases of an unattributed position are "
                 "copied as increments",
                 "[strategy]") {
  auto r = apply(fill(leader_a, "SUI", "500", "100", "1.32", now));
  REQUIRE(r.target);
  CHECK(r.target->target_qty == d("50"));
  // closing fully closes what we hold, not more
  auto c = apply(fill(leader_a, "SUI", "600", "-600", "1.32", now, 2));
  REQUIRE(c.target);
  CHECK(c.target->target_qty.is_zero());
}

TEST_CASE_METHOD(book_fixture, "small residuals accumulate in the target",
                 "[strategy]") {
  // 0.5 × 0.0015 = 0.00075 BTC per fill: below one step, kept exactly
  for (int i = 0; i < 4; ++i) {
    auto start = d("0.0015") * decimal::from_int(i);
    auto f = fill(leader_a, "BTC", "0", "0.0015", "29000", now,
                  static_cast<uint64_t>(i + 1));
    f.start_position = start;
    apply(f);
  }
  CHECK(target("BTCUSDT") == d("0.003"));
}

TEST_CASE_METHOD(book_fixture, "targets sum over leaders", "[strategy]") {
  apply(fill(leader_a, "SUI", "0", "100", "1.32", now));
  apply(fill(leader_b, "SUI", "0", "-40", "1.32", now));
  CHECK(target("SUIUSDT") == d("30"));
  apply(fill(leader_a, "SUI", "100", "-100", "1.32", now, 2));
  CHECK(target("SUIUSDT") == d("-20"));
}

TEST_CASE_METHOD(book_fixture,
                 "spot, HIP-3, dust and vault fills are skipped with their "
                 "own reason",
                 "[strategy]") {
  struct row {
    const char* coin;
    const char* dir;
    skip_reason expected;
  };
  const row rows[] = {
      {"@107", "Buy", skip_reason::spot},
      {"PURR/USDC", "Sell", skip_reason::spot},
      {"xyz:XYZ100", "Open Long", skip_reason::hip3},
      // a dust conversion names a spot coin: the dir decides, not the coin
      {"@107", "Spot Dust Conversion", skip_reason::dust},
      {"PURR/USDC", "Spot Dust Conversion", skip_reason::dust},
      {"SUI", "Spot Dust Conversion", skip_reason::dust},
      {"SUI", "Net Child Vaults", skip_reason::vault},
  };
  for (auto& x : rows) {
    INFO(x.coin << " " << x.dir);
    auto f = fill(leader_a, x.coin, "0", "1", "1.32", now);
    f.dir = x.dir;
    auto r = apply(f);
    REQUIRE(r.skips.size() == 1);
    CHECK(r.skips[0].reason == x.expected);
    CHECK_FALSE(r.target);
  }
  CHECK(target("SUIUSDT").is_zero());
}

TEST_CASE_METHOD(book_fixture, "price deviation blocks opens, never closes",
                 "[strategy]") {
  auto r = apply(fill(leader_a, "SUI", "0", "100", "1.50", now));
  CHECK(has_skip(r, skip_reason::price_deviation));
  CHECK_FALSE(r.target);
  apply(fill(leader_a, "SUI", "100", "100", "1.32", now, 2));
  CHECK(target("SUIUSDT") == d("50"));
  auto c = apply(fill(leader_a, "SUI", "200", "-200", "1.90", now, 3));
  REQUIRE(c.target);
  CHECK(c.target->target_qty.is_zero());
}

TEST_CASE_METHOD(book_fixture, "deviation cost in USD blocks large opens",
                 "[strategy]") {
  cfg.strategy.max_dev_usd = d("0.5");
  // 0.5% gap × 50 SUI × 1.3266 ≈ 0.33 USD: allowed
  CHECK(apply(fill(leader_a, "SUI", "0", "100", "1.3266", now)).target);
  // same gap on 5000 SUI ≈ 33 USD: blocked
  auto r = apply(fill(leader_b, "SUI", "0", "10000", "1.3266", now));
  CHECK(has_skip(r, skip_reason::price_deviation));
}

TEST_CASE_METHOD(book_fixture, "old fills and stale marks are close-only",
                 "[strategy]") {
  auto old = fill(leader_a, "SUI", "0", "100", "1.32", now - 20000);
  CHECK(has_skip(apply(old), skip_reason::stale_fill_open));
  marks["SUIUSDT"].time_ms = now - 60000;
  CHECK(has_skip(apply(fill(leader_b, "SUI", "0", "100", "1.32", now)),
                 skip_reason::stale_market));
  marks.erase("BTCUSDT");
  CHECK(has_skip(apply(fill(leader_a, "BTC", "0", "1", "29000", now)),
                 skip_reason::stale_market));
}

TEST_CASE_METHOD(book_fixture, "trading states gate opens and closes",
                 "[strategy]") {
  apply(fill(leader_a, "SUI", "0", "100", "1.32", now));
  auto r = apply(fill(leader_a, "SUI", "100", "50", "1.32", now, 2),
                 trading_state::reducing);
  CHECK(has_skip(r, skip_reason::state_reducing));
  auto c = apply(fill(leader_a, "SUI", "150", "-75", "1.32", now, 3),
                 trading_state::reducing);
  REQUIRE(c.target);
  CHECK(c.target->target_qty == d("25"));
  auto h = apply(fill(leader_a, "SUI", "75", "-75", "1.32", now, 4),
                 trading_state::halted);
  CHECK(has_skip(h, skip_reason::state_halted));
  CHECK(target("SUIUSDT") == d("25"));
}

TEST_CASE_METHOD(book_fixture, "caps clamp increases and say why",
                 "[strategy]") {
  cfg.risk.max_position_usd = d("66"); // 50 SUI at 1.32
  auto r = apply(fill(leader_a, "SUI", "0", "200", "1.32", now));
  CHECK(has_skip(r, skip_reason::cap));
  CHECK(target("SUIUSDT") == d("50"));
  // proportional reduction from the capped attribution
  apply(fill(leader_a, "SUI", "200", "-100", "1.32", now, 2));
  CHECK(target("SUIUSDT") == d("25"));
  cfg.risk.max_position_usd = d("1000000");
  cfg.risk.max_position_qty["BTCUSDT"] = d("0.01");
  apply(fill(leader_a, "BTC", "0", "1", "29000", now));
  CHECK(target("BTCUSDT") == d("0.01"));
}

TEST_CASE_METHOD(book_fixture, "max open symbols blocks a new symbol",
                 "[strategy]") {
  cfg.risk.max_open_symbols = 1;
  apply(fill(leader_a, "SUI", "0", "100", "1.32", now));
  auto r = apply(fill(leader_a, "BTC", "0", "1", "29000", now));
  CHECK(has_skip(r, skip_reason::cap));
  CHECK(target("BTCUSDT").is_zero());
}

TEST_CASE_METHOD(book_fixture, "liquidation policies", "[strategy]") {
  apply(fill(leader_a, "SUI", "0", "100", "1.32", now));
  auto liq = fill(leader_a, "SUI", "100", "-100", "1.32", now, 2);
  liq.liquidation = true;
  SECTION("close_only closes") {
    CHECK(apply(liq).target);
    CHECK(target("SUIUSDT").is_zero());
  }
  SECTION("ignore leaves the follower") {
    cfg.strategy.on_liquidation = liquidation_policy::ignore;
    CHECK(has_skip(apply(liq), skip_reason::liquidation_ignored));
    CHECK(target("SUIUSDT") == d("50"));
  }
}

TEST_CASE("fixed_usd sizing maps the opening fill to a notional",
          "[strategy]") {
  auto cfg = test::ratio_settings();
  cfg.leaders[0].sizing.mode = sizing_mode::fixed_usd;
  cfg.leaders[0].sizing.fixed_usd = d("132");
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  mark_table marks{{"SUIUSDT", mark_price{"SUIUSDT", d("1.32"), 0}}};
  book.on_fill(fill(leader_a, "SUI", "0", "1000", "1.32", 0), marks,
               trading_state::active, 0);
  CHECK(book.symbol_target_qty("SUIUSDT") == d("100"));
  book.on_fill(fill(leader_a, "SUI", "1000", "500", "1.32", 0, 2), marks,
               trading_state::active, 0);
  CHECK(book.symbol_target_qty("SUIUSDT") == d("150"));
}

TEST_CASE("restored state continues where it stopped", "[strategy]") {
  auto cfg = test::ratio_settings();
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  book.restore(leader_coin_state{leader_a, "SUI", "SUIUSDT", d("100"), d("0.5"),
                                 d("50")});
  CHECK(book.symbol_target_qty("SUIUSDT") == d("50"));
  mark_table marks{{"SUIUSDT", mark_price{"SUIUSDT", d("1.32"), 0}}};
  auto r = book.on_fill(fill(leader_a, "SUI", "100", "-50", "1.32", 0), marks,
                        trading_state::active, 0);
  REQUIRE(r.target);
  CHECK(r.target->target_qty == d("25"));
  CHECK(book.all_targets().size() == 1);
}

TEST_CASE_METHOD(book_fixture,
                 "fills of unknown or disabled leaders are "
                 "never copied",
                 "[strategy]") {
  auto stranger = fill("0x9999000000000000000000000000000000000009", "SUI", "0",
                       "100", "1.32", now);
  auto r = apply(stranger);
  CHECK_FALSE(r.target);
  CHECK(has_skip(r, skip_reason::denied));
  cfg.leaders[1].enabled = false;
  CHECK(has_skip(apply(fill(leader_b, "SUI", "0", "100", "1.32", now)),
                 skip_reason::denied));
  CHECK(target("SUIUSDT").is_zero());
}

TEST_CASE("fractional attributions reduce without overflow", "[strategy]") {
  // fixed_usd gives k with 12 decimals: 5000 USD of 123457 DOGE at 0.12345.
  // attribution × |end| would exceed 64 bits before the division.
  auto cfg = test::ratio_settings();
  cfg.leaders[0].sizing.mode = sizing_mode::fixed_usd;
  cfg.leaders[0].sizing.fixed_usd = d("5000");
  cfg.risk.max_position_usd = d("1000000");
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  mark_table marks{{"DOGEUSDT", mark_price{"DOGEUSDT", d("0.12345"), 0}}};
  book.on_fill(fill(leader_a, "DOGE", "0", "123457", "0.12345", 0), marks,
               trading_state::active, 0);
  auto opened = book.symbol_target_qty("DOGEUSDT");
  CHECK(opened > d("40502")); // 5000 / 0.12345 = 40502.02
  CHECK(opened < d("40503"));
  auto r = book.on_fill(
      fill(leader_a, "DOGE", "123457", "-23457", "0.12345", 0, 2), marks,
      trading_state::active, 0);
  REQUIRE(r.target);
  // keeps exactly 100000/123457 of the attribution: k × 100000 (STR-10)
  REQUIRE(r.state);
  CHECK(
      r.target->target_qty
      == decimal::multiply(r.state->k, d("100000"), 10, rounding::toward_zero));
}

TEST_CASE("a fill that cannot be computed leaves the book unchanged",
          "[strategy]") {
  auto cfg = test::ratio_settings();
  symbol_map map{cfg.symbols};
  target_book book{cfg, map};
  mark_table marks{{"SUIUSDT", mark_price{"SUIUSDT", d("1.32"), 0}}};
  book.on_fill(fill(leader_a, "SUI", "0", "100", "1.32", 0), marks,
               trading_state::active, 0);
  auto before = book.states();
  // start + size overflows 64 bits
  auto poison = fill(leader_a, "SUI", "9000000000000000000",
                     "9000000000000000000", "1.32", 0, 2);
  CHECK_THROWS_AS(book.on_fill(poison, marks, trading_state::active, 0),
                  decimal_error);
  REQUIRE(book.states().size() == before.size());
  CHECK(book.states().begin()->second.attributed
        == before.begin()->second.attributed);
  CHECK(book.symbol_target_qty("SUIUSDT") == d("50"));
}
