#include "persistence/strategy_state_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

void strategy_state_repo::upsert(const strategy_state_row& x) {
  upsert_all({x});
}

void strategy_state_repo::upsert_all(
    const std::vector<strategy_state_row>& xs) {
  if (xs.empty()) return;
  db_.guard("strategy_state.upsert", [&] {
    database::transaction tx{db_, "strategy_state.upsert"};
    for (const auto& x : xs)
      db_.exec_cached(
          "strategy_state.upsert",
          "INSERT INTO strategy_state (leader, coin, leader_position, k, "
          "attributed_qty, symbol, updated_ms) VALUES (:leader, :coin, "
          ":position, :k, :attributed, :symbol, :updated) "
          "ON CONFLICT (leader, coin) DO UPDATE SET "
          "leader_position = excluded.leader_position, k = excluded.k, "
          "attributed_qty = excluded.attributed_qty, "
          "symbol = excluded.symbol, updated_ms = excluded.updated_ms",
          {x.leader, x.coin, db::to_db(x.leader_position), db::to_db(x.k),
           db::to_db(x.attributed_qty), x.symbol, x.updated_ms});
    tx.commit();
  });
}

std::vector<strategy_state_row> strategy_state_repo::load_all() {
  return db_.guard("strategy_state.load_all", [&] {
    std::vector<strategy_state_row> result;
    soci::rowset<soci::row> rs
        = db_.session().prepare
          << "SELECT leader, coin, leader_position, k, attributed_qty, symbol, "
             "updated_ms FROM strategy_state ORDER BY leader, coin";
    for (const auto& r : rs) {
      db::row_reader rd{r, "strategy_state"};
      strategy_state_row x;
      x.leader = rd.text(0);
      x.coin = rd.text(1);
      x.leader_position = rd.dec(2);
      x.k = rd.dec(3);
      x.attributed_qty = rd.dec(4);
      x.symbol = rd.text(5);
      x.updated_ms = rd.i64(6);
      result.push_back(std::move(x));
    }
    return result;
  });
}

bool strategy_state_repo::erase(const std::string& leader,
                                const std::string& coin) {
  return db_.guard("strategy_state.erase", [&] {
    std::string l = leader;
    std::string c = coin;
    db_.session() << "DELETE FROM strategy_state WHERE leader = :leader "
                     "AND coin = :coin",
        soci::use(l), soci::use(c);
    return db_.changes() > 0;
  });
}

} // namespace hlc
