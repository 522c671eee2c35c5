#pragma once

#include "actors/strategy/symbol_map.hpp"
#include "actors/strategy/target_book.hpp"
#include "config/settings.hpp"
#include "messages/market.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hlc::bench {

/// One Hyperliquid perp of the synthetic universe. Prices live in integer
/// ticks (`px_ticks * 10^-px_decimals`) so the generator never needs a
/// double; sizes are lots of `10^-sz_decimals`.
struct coin_spec {
  std::string name;
  int64_t px_ticks = 0;
  int px_decimals = 0;
  int sz_decimals = 0;
  bool listed = true; ///< has a TRADING Binance perpetual in exchangeInfo
};

/// Leaders, coins and the effective configuration of the benchmark.
struct universe {
  std::vector<std::string> leaders; ///< lower-case 0x addresses
  std::vector<coin_spec> perps;     ///< most liquid first (Zipf weights)
  std::vector<std::string> hip3;    ///< builder perps, always skipped
  std::vector<std::string> spot;    ///< spot coins, always skipped
  settings cfg;
  std::map<std::string, symbol_filters> filters; ///< for symbol_map::verify
};

/// The fixed universe: 10 leaders (7 `ratio`, 3 `fixed_usd`), 50 perps of
/// which 3 have no Binance symbol and 1 is denied, 2 HIP-3 and 3 spot coins.
/// Risk caps are set so that caps bind now and then, as they do live.
/// `all_guards` (issue 9): leaders 7..9 sized by kelly (configured),
/// kelly (measured) and equity, plus the leverage cap, liquidation-aware
/// sizing, the per-leader drawdown stop and copy_existing_positions.
universe make_universe(bool all_guards = false);

/// The account inputs a live STRATEGY has: the follower equity (the paper
/// balance) and maintenance brackets for every symbol, when the universe
/// uses the guards that need them.
void prepare_book(target_book& book, const settings& cfg);

/// The symbol map the strategy would run with after startup verification.
symbol_map make_symbol_map(const universe& u);

} // namespace hlc::bench
