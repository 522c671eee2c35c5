#include "persistence/quarantine_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

int64_t quarantine_repo::append(const quarantine_row& x) {
  append_all({x});
  return db_.last_insert_rowid();
}

void quarantine_repo::append_all(const std::vector<quarantine_row>& xs) {
  if (xs.empty()) return;
  db_.guard("quarantine.append", [&] {
    database::transaction tx{db_, "quarantine.append"};
    long long time_ms = 0;
    std::string source, reason, raw;
    soci::statement st
        = (db_.session().prepare
               << "INSERT INTO quarantine (time_ms, source, reason, raw) "
                  "VALUES (:t, :source, :reason, :raw)",
           soci::use(time_ms), soci::use(source), soci::use(reason),
           soci::use(raw));
    for (const auto& x : xs) {
      time_ms = x.time_ms;
      source = x.source;
      reason = x.reason;
      raw = x.raw;
      st.execute(true);
    }
    tx.commit();
  });
}

std::vector<quarantine_row> quarantine_repo::load_recent(std::size_t limit) {
  return db_.guard("quarantine.load_recent", [&] {
    std::vector<quarantine_row> result;
    long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs
        = (db_.session().prepare << "SELECT +id, time_ms, source, reason, raw "
                                    "FROM quarantine ORDER BY id DESC LIMIT :n",
           soci::use(n));
    for (const auto& r : rs) {
      db::row_reader rd{r, "quarantine"};
      quarantine_row x;
      x.id = rd.i64(0);
      x.time_ms = rd.i64(1);
      x.source = rd.text(2);
      x.reason = rd.text(3);
      x.raw = rd.text(4);
      result.push_back(std::move(x));
    }
    return result;
  });
}

int64_t quarantine_repo::count() {
  return db_.guard("quarantine.count", [&] {
    long long n = 0;
    db_.session() << "SELECT count(*) FROM quarantine", soci::into(n);
    return static_cast<int64_t>(n);
  });
}

} // namespace hlc
