#pragma once

#include "messages/skip.hpp"
#include "persistence/database.hpp"

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace hlc {

/// `skips`: every decision not to trade, with its reason (STR-9).
class skip_repo {
public:
  explicit skip_repo(database& db) : db_(db) {
    // nop
  }

  void append(const skip_record& x);

  /// Appends all records in one transaction (joins an open one).
  void append_all(const std::vector<skip_record>& xs);

  /// The newest `limit` records, newest first.
  std::vector<skip_record> load_recent(std::size_t limit);
  /// Every record of one leader fill (its key as text), oldest first.
  std::vector<skip_record> load_for_correlation(const std::string& key);
  /// The newest `limit` records of a symbol, or of a coin (an unmapped coin
  /// has no symbol), newest first.
  std::vector<skip_record> load_for_symbol(const std::string& symbol_or_coin,
                                           std::size_t limit);

  /// Number of skips per reason with `time_ms >= since_ms` (for the report
  /// and `hlcopy status`).
  std::map<skip_reason, int64_t> counts_by_reason(int64_t since_ms = 0);

  /// The distinct skip reasons recorded per symbol (symbols without one
  /// are left out).
  std::map<std::string, std::set<skip_reason>> reasons_by_symbol();

private:
  database& db_;
};

} // namespace hlc
