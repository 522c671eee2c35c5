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

namespace {

constexpr const char* skip_columns
    = "SELECT time_ms, reason, leader, coin, symbol, correlation, detail "
      "FROM skips ";

skip_record decode_skip(const soci::row& r) {
  db::row_reader rd{r, "skips"};
  skip_record x;
  x.time_ms = rd.i64(0);
  x.reason = db::skip_reason_from_db(rd.text(1), "skips.reason");
  x.leader = rd.text(2);
  x.coin = rd.text(3);
  x.symbol = rd.text(4);
  x.correlation = rd.text(5);
  x.detail = rd.text(6);
  return x;
}

} // namespace

std::vector<skip_record> skip_repo::load_recent(std::size_t limit) {
  return db_.guard("skips.load_recent", [&] {
    std::vector<skip_record> result;
    long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << std::string{skip_columns} + "ORDER BY id DESC LIMIT :n",
           soci::use(n));
    for (const auto& r : rs)
      result.push_back(decode_skip(r));
    return result;
  });
}

std::vector<skip_record>
skip_repo::load_for_correlation(const std::string& key) {
  return db_.guard("skips.load_for_correlation", [&] {
    std::vector<skip_record> result;
    std::string k = key;
    soci::rowset<soci::row> rs
        = (db_.session().prepare << std::string{skip_columns}
                                        + "WHERE correlation = :k ORDER BY id",
           soci::use(k));
    for (const auto& r : rs)
      result.push_back(decode_skip(r));
    return result;
  });
}

std::vector<skip_record>
skip_repo::load_for_symbol(const std::string& symbol_or_coin,
                           std::size_t limit) {
  return db_.guard("skips.load_for_symbol", [&] {
    std::vector<skip_record> result;
    std::string s = symbol_or_coin;
    long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << std::string{skip_columns}
                      + "WHERE symbol = :s OR (symbol = '' AND coin = :c) "
                        "ORDER BY id DESC LIMIT :n",
           soci::use(s), soci::use(s), soci::use(n));
    for (const auto& r : rs)
      result.push_back(decode_skip(r));
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
