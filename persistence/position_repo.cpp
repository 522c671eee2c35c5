#include "persistence/position_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

namespace {

position_row read_position(const soci::row& r) {
  db::row_reader rd{r, "positions"};
  position_row x;
  x.book = rd.text(0);
  x.symbol = rd.text(1);
  x.qty = rd.dec(2);
  x.avg_entry_px = rd.dec(3);
  x.realized_pnl = rd.dec(4);
  x.updated_ms = rd.i64(5);
  return x;
}

constexpr const char* select_sql
    = "SELECT book, symbol, qty, avg_entry_px, realized_pnl, updated_ms "
      "FROM positions ";

} // namespace

void position_repo::upsert(const position_row& x) {
  upsert_all({x});
}

void position_repo::upsert_all(const std::vector<position_row>& xs) {
  if (xs.empty()) return;
  db_.guard("positions.upsert", [&] {
    database::transaction tx{db_, "positions.upsert"};
    for (const auto& x : xs)
      db_.exec_cached(
          "positions.upsert",
          "INSERT INTO positions (book, symbol, qty, avg_entry_px, "
          "realized_pnl, updated_ms) VALUES (:book, :symbol, :qty, :avg, "
          ":pnl, :updated) ON CONFLICT (book, symbol) DO UPDATE SET "
          "qty = excluded.qty, avg_entry_px = excluded.avg_entry_px, "
          "realized_pnl = excluded.realized_pnl, "
          "updated_ms = excluded.updated_ms",
          {x.book, x.symbol, db::to_db(x.qty), db::to_db(x.avg_entry_px),
           db::to_db(x.realized_pnl), x.updated_ms});
    tx.commit();
  });
}

std::optional<position_row> position_repo::load(const std::string& book,
                                                const std::string& symbol) {
  return db_.guard("positions.load", [&]() -> std::optional<position_row> {
    std::string b = book;
    std::string s = symbol;
    soci::rowset<soci::row> rs
        = (db_.session().prepare << select_sql
                                 << "WHERE book = :book AND symbol = :symbol",
           soci::use(b), soci::use(s));
    for (const auto& r : rs)
      return read_position(r);
    return std::nullopt;
  });
}

std::vector<position_row> position_repo::load_book(const std::string& book) {
  return db_.guard("positions.load_book", [&] {
    std::vector<position_row> result;
    std::string b = book;
    soci::rowset<soci::row> rs
        = (db_.session().prepare << select_sql
                                 << "WHERE book = :book ORDER BY symbol",
           soci::use(b));
    for (const auto& r : rs)
      result.push_back(read_position(r));
    return result;
  });
}

} // namespace hlc
