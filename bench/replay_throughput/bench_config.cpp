#include "bench/replay_throughput/bench_config.hpp"

namespace hlc::bench {

namespace {

// name, px ticks, px decimals, sz decimals. Roughly 2024 prices; the exact
// values only matter for notional sizes and cap pressure.
const coin_spec perp_table[] = {
    {"BTC", 630000, 1, 5},  {"ETH", 31005, 1, 4},   {"SOL", 14550, 2, 2},
    {"BNB", 58010, 2, 3},   {"XRP", 5234, 4, 0},    {"DOGE", 12345, 5, 0},
    {"ADA", 4512, 4, 0},    {"AVAX", 2850, 2, 2},   {"LINK", 1420, 2, 1},
    {"DOT", 650, 2, 1},     {"MATIC", 7123, 4, 1},  {"LTC", 8230, 2, 2},
    {"BCH", 47020, 2, 3},   {"ATOM", 810, 2, 2},    {"NEAR", 520, 2, 1},
    {"APT", 890, 2, 2},     {"ARB", 9500, 4, 1},    {"OP", 2100, 3, 1},
    {"SUI", 10500, 4, 1},   {"INJ", 2430, 2, 1},    {"TIA", 840, 2, 1},
    {"SEI", 4500, 4, 0},    {"WLD", 3200, 3, 1},    {"FIL", 5600, 3, 1},
    {"ETC", 2610, 2, 2},    {"UNI", 980, 2, 1},     {"AAVE", 9520, 2, 2},
    {"MKR", 26000, 1, 4},   {"LDO", 1900, 3, 1},    {"CRV", 4200, 4, 1},
    {"RUNE", 5400, 3, 1},   {"FTM", 6800, 4, 0},    {"GMX", 3050, 2, 2},
    {"DYDX", 1800, 3, 1},   {"JUP", 10500, 4, 0},   {"PYTH", 4200, 4, 0},
    {"ORDI", 3820, 2, 2},   {"STX", 1900, 3, 1},    {"TRX", 12000, 5, 0},
    {"TON", 6800, 3, 1},    {"kPEPE", 12300, 6, 0}, {"kBONK", 25400, 6, 0},
    {"kSHIB", 24500, 6, 0}, {"WIF", 24500, 4, 0},   {"ENA", 6500, 4, 0},
    {"ONDO", 11000, 4, 0},  {"HYPE", 25300, 3, 2},  {"NTRN", 5200, 4, 0},
    {"CANTO", 1200, 4, 0},  {"ZETA", 9100, 4, 0},
};

// Coins without a Binance perpetual (unmapped) and the one in symbols.deny.
const char* const unlisted[] = {"HYPE", "NTRN", "CANTO"};
const char* const denied = "ZETA";

std::string leader_address(uint64_t i) {
  // Deterministic, distinct, lower-case hex.
  static const char* const hex = "0123456789abcdef";
  std::string result = "0x";
  uint64_t x = 0x9e3779b97f4a7c15ULL * (i + 1);
  for (int j = 0; j < 40; ++j) {
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ULL;
    result += hex[(x >> 33) & 0xf];
  }
  return result;
}

} // namespace

universe make_universe(bool all_guards) {
  universe u;
  for (auto& c : perp_table) {
    u.perps.push_back(c);
    for (auto* name : unlisted)
      if (c.name == name) u.perps.back().listed = false;
  }
  u.hip3 = {"xyz:XYZ100", "flx:TSLA"};
  u.spot = {"@107", "PURR/USDC", "@142"};
  auto& cfg = u.cfg;
  cfg.mode = run_mode::replay;
  for (uint64_t i = 0; i < 10; ++i) {
    leader_settings l;
    l.address = leader_address(i);
    l.name = "leader" + std::to_string(i);
    if (i < 7) {
      l.sizing.mode = sizing_mode::ratio;
      l.sizing.ratio = decimal::from_units(static_cast<int64_t>(5 + i), 3);
    } else {
      l.sizing.mode = sizing_mode::fixed_usd;
      l.sizing.fixed_usd = decimal::from_int(250);
    }
    u.leaders.push_back(l.address);
    cfg.leaders.push_back(std::move(l));
  }
  if (all_guards) {
    auto& kc = cfg.leaders[7].sizing;
    kc.mode = sizing_mode::kelly;
    kc.kelly_win_rate = decimal::parse_or_throw("0.55");
    kc.kelly_payoff = decimal::parse_or_throw("1.5");
    kc.kelly_cap = decimal::parse_or_throw("0.02");
    auto& km = cfg.leaders[8].sizing;
    km = kc;
    km.kelly_from = kelly_source::measured;
    km.kelly_min_trades = 5;
    auto& eq = cfg.leaders[9].sizing;
    eq.mode = sizing_mode::equity;
    eq.weight = decimal::from_int(1);
    eq.leader_equity_usd = decimal::from_int(2'000'000);
    // Each binds now and then: leverage 10 × 12 000 USD equity is below
    // max_gross_usd; 9 % from liquidation at leverage 10 clamps a symbol
    // above ~5 900 USD (bracket 2); the drawdown stop is on (tracked on
    // every close) but set beyond the synthetic pnl swings.
    cfg.execution.paper.starting_balance_usd = decimal::from_int(12000);
    cfg.risk.max_leverage = 10;
    cfg.risk.min_liq_distance_pct = decimal::from_int(9);
    cfg.risk.max_leader_drawdown_usd = decimal::from_int(1'000'000);
    cfg.binance.leverage = 10;
    cfg.strategy.copy_existing_positions = true;
  }
  cfg.symbols.deny = {denied};
  cfg.risk.max_position_usd = decimal::from_int(10000);
  cfg.risk.max_gross_usd = decimal::from_int(150000);
  cfg.risk.max_open_symbols = 50;
  for (auto& c : u.perps) {
    if (!c.listed) continue;
    symbol_filters f;
    f.symbol = symbol_map::default_symbol(c.name);
    f.trading = true;
    u.filters.emplace(f.symbol, f);
  }
  return u;
}

void prepare_book(target_book& book, const settings& cfg) {
  if (!cfg.risk.min_liq_distance_pct.is_positive()) return;
  book.set_follower_equity(cfg.execution.paper.starting_balance_usd);
  // A typical alt-coin bracket table (floor, cap, mmr, cum).
  const std::vector<margin_bracket> brackets{
      {decimal::from_int(0), decimal::from_int(5000),
       decimal::parse_or_throw("0.01"), decimal::from_int(0)},
      {decimal::from_int(5000), decimal::from_int(25000),
       decimal::parse_or_throw("0.025"), decimal::from_int(75)},
      {decimal::from_int(25000), decimal::from_int(1000000),
       decimal::parse_or_throw("0.05"), decimal::from_int(700)},
  };
  for (auto& c : perp_table)
    book.set_brackets(symbol_map::default_symbol(c.name), brackets);
}

symbol_map make_symbol_map(const universe& u) {
  symbol_map map{u.cfg.symbols};
  map.verify(u.filters);
  return map;
}

} // namespace hlc::bench
