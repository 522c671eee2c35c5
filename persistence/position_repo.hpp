#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hlc {

/// `positions`: signed positions per book ("local" = our view of Binance,
/// "paper" = the dry-run exchange) and symbol. Flat positions stay as rows
/// with qty 0 so their realized PnL survives.
class position_repo {
public:
  explicit position_repo(database& db) : db_(db) {
    // nop
  }

  /// Inserts or replaces the row of (book, symbol).
  void upsert(const position_row& x);

  /// `upsert` for each row, in one transaction (joins an open one).
  void upsert_all(const std::vector<position_row>& xs);

  std::optional<position_row> load(const std::string& book,
                                   const std::string& symbol);

  /// All rows of `book`, ordered by symbol.
  std::vector<position_row> load_book(const std::string& book);

private:
  database& db_;
};

} // namespace hlc
