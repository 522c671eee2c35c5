#pragma once

#include "apps/hlcopy/market_data.hpp"
#include "apps/hlcopy/replay.hpp"
#include "config/settings.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hlc {

/// One symbol's end state.
struct symbol_report {
  std::string symbol;
  std::string coins;       ///< HL coins mapped to it
  decimal leader_position; ///< sum over leaders, in HL units
  decimal target;          ///< follower target (exact, before rounding)
  decimal position;        ///< follower position at the (paper) venue
  decimal step;            ///< LOT step: the rounding allowance
  int64_t orders = 0;      ///< filled orders
  decimal traded;          ///< sum of filled quantities, both sides
  bool within_step = false;
  std::string note; ///< why not within a step ("capped", "waits: ...")
};

/// A coin that has no symbol: its leader position was never mirrored.
struct unmapped_report {
  std::string coin;
  decimal leader_position;
};

/// The scale factor of one (leader, coin): fixed when its last position
/// opened (STR-2, STR-3).
struct sizing_report {
  std::string leader;
  std::string coin;
  std::string mode;
  decimal k;
  decimal leader_position;
};

/// The replay report (SPEC MODE-1): what was read, what was dropped and why,
/// what was ordered, and where every symbol ended.
struct replay_report {
  std::string title = "hlcopy replay report";
  std::string source;
  replay_counters counters;
  std::map<std::string, int64_t> skips_by_reason;
  std::map<std::string, int64_t> orders_by_state;
  std::vector<symbol_report> symbols;
  std::vector<unmapped_report> unmapped;
  /// Filled when a leader is sized by a mode other than `ratio` (where k is
  /// the ratio itself): the k each position got.
  std::vector<sizing_report> sizing;
  std::string trading_state;
};

/// Reads the run's DB and assembles the report.
/// The follower positions are the paper book's, or `venue_positions`
/// when given (the live demo reads them from Binance).
replay_report
build_report(const settings& cfg, const replay_counters& c,
             const market_snapshot& market, const std::string& source,
             const std::map<std::string, decimal>* venue_positions = nullptr);

/// One line on what a skip reason means, for the report and `status`.
std::string_view explain(const std::string& skip_reason);

/// Plain-text rendering; deterministic for the same replay.
std::string render(const replay_report& r);

} // namespace hlc
