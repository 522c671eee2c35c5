#include "persistence/skip_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

void skip_repo::append(const skip_record& x) {
  append_all({x});
}

void skip_repo::append_all(const std::vector<skip_record>& xs) {
  if (xs.empty()) return;
  db_.guard("skips.append", [&] {
    database::transaction tx{db_, "skips.append"};
    for (const auto& x : xs)
      db_.exec_cached(
          "skips.append",
          "INSERT INTO skips (time_ms, reason, leader, coin, symbol, "
          "correlation, detail) VALUES (:t, :reason, :leader, :coin, "
          ":symbol, :correlation, :detail)",
          {x.time_ms, to_string(x.reason), x.leader, x.coin, x.symbol,
           x.correlation, x.detail});
    tx.commit();
  });
}

std::vector<skip_record> skip_repo::load_recent(std::size_t limit) {
  return db_.guard("skips.load_recent", [&] {
    std::vector<skip_record> result;
    long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << "SELECT time_ms, reason, leader, coin, symbol, correlation, "
                  "detail FROM skips ORDER BY id DESC LIMIT :n",
           soci::use(n));
    for (const auto& r : rs) {
      db::row_reader rd{r, "skips"};
      skip_record x;
      x.time_ms = rd.i64(0);
      x.reason = db::skip_reason_from_db(rd.text(1), "skips.reason");
      x.leader = rd.text(2);
      x.coin = rd.text(3);
      x.symbol = rd.text(4);
      x.correlation = rd.text(5);
      x.detail = rd.text(6);
      result.push_back(std::move(x));
    }
    return result;
  });
}

std::map<skip_reason, int64_t> skip_repo::counts_by_reason(int64_t since_ms) {
  return db_.guard("skips.counts_by_reason", [&] {
    std::map<skip_reason, int64_t> result;
    long long since = since_ms;
    soci::rowset<soci::row> rs
        = (db_.session().prepare << "SELECT reason, count(*) FROM skips "
                                    "WHERE time_ms >= :since GROUP BY reason",
           soci::use(since));
    for (const auto& r : rs) {
      db::row_reader rd{r, "skips"};
      result[db::skip_reason_from_db(rd.text(0), "skips.reason")] = rd.i64(1);
    }
    return result;
  });
}

std::map<std::string, std::set<skip_reason>> skip_repo::reasons_by_symbol() {
  return db_.guard("skips.reasons_by_symbol", [&] {
    std::map<std::string, std::set<skip_reason>> result;
    soci::rowset<soci::row> rs = db_.session().prepare
                                 << "SELECT DISTINCT symbol, reason FROM skips "
                                    "WHERE symbol != ''";
    for (const auto& r : rs) {
      db::row_reader rd{r, "skips"};
      result[rd.text(0)].insert(
          db::skip_reason_from_db(rd.text(1), "skips.reason"));
    }
    return result;
  });
}

} // namespace hlc
