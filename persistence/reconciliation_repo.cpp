#include "persistence/reconciliation_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

int64_t reconciliation_repo::append(const reconciliation_row& x) {
  return db_.guard("reconciliations.append", [&] {
    long long time_ms = x.time_ms;
    std::string symbol = x.symbol;
    std::string local = db::to_db(x.local_qty);
    std::string venue = db::to_db(x.venue_qty);
    std::string target = db::to_db(x.target_qty);
    std::string usd = db::to_db(x.drift_usd);
    std::string pct = db::to_db(x.drift_pct);
    std::string band = x.band;
    std::string action = x.action;
    db_.session() << "INSERT INTO reconciliations (time_ms, symbol, "
                     "local_qty, venue_qty, target_qty, drift_usd, drift_pct, "
                     "band, action) VALUES (:t, :symbol, :local, :venue, "
                     ":target, :usd, :pct, :band, :action)",
        soci::use(time_ms), soci::use(symbol), soci::use(local),
        soci::use(venue), soci::use(target), soci::use(usd), soci::use(pct),
        soci::use(band), soci::use(action);
    return db_.last_insert_rowid();
  });
}

std::vector<reconciliation_row>
reconciliation_repo::load_recent(std::size_t limit) {
  return db_.guard("reconciliations.load_recent", [&] {
    std::vector<reconciliation_row> result;
    long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << "SELECT +id, time_ms, symbol, local_qty, venue_qty, "
                  "target_qty, "
                  "drift_usd, drift_pct, band, action FROM reconciliations "
                  "ORDER BY id DESC LIMIT :n",
           soci::use(n));
    for (const auto& r : rs) {
      db::row_reader rd{r, "reconciliations"};
      reconciliation_row x;
      x.id = rd.i64(0);
      x.time_ms = rd.i64(1);
      x.symbol = rd.text(2);
      x.local_qty = rd.dec(3);
      x.venue_qty = rd.dec(4);
      x.target_qty = rd.dec(5);
      x.drift_usd = rd.dec(6);
      x.drift_pct = rd.dec(7);
      x.band = rd.text(8);
      x.action = rd.text(9);
      result.push_back(std::move(x));
    }
    return result;
  });
}

} // namespace hlc
