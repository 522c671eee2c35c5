#include "persistence/alert_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

int64_t alert_repo::append(const alert_row& x) {
  append_all({x});
  return db_.last_insert_rowid();
}

void alert_repo::append_all(const std::vector<alert_row>& xs) {
  if (xs.empty()) return;
  db_.guard("alerts.append", [&] {
    database::transaction tx{db_, "alerts.append"};
    long long time_ms = 0;
    std::string severity, key, text;
    soci::statement st
        = (db_.session().prepare
               << "INSERT INTO alerts (time_ms, severity, key, text) "
                  "VALUES (:t, :severity, :key, :text)",
           soci::use(time_ms), soci::use(severity), soci::use(key),
           soci::use(text));
    for (const auto& x : xs) {
      time_ms = x.time_ms;
      severity = x.severity;
      key = x.key;
      text = x.text;
      st.execute(true);
    }
    tx.commit();
  });
}

std::vector<alert_row> alert_repo::load_recent(std::size_t limit) {
  return db_.guard("alerts.load_recent", [&] {
    std::vector<alert_row> result;
    long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs
        = (db_.session().prepare << "SELECT +id, time_ms, severity, key, text "
                                    "FROM alerts ORDER BY id DESC LIMIT :n",
           soci::use(n));
    for (const auto& r : rs) {
      db::row_reader rd{r, "alerts"};
      alert_row x;
      x.id = rd.i64(0);
      x.time_ms = rd.i64(1);
      x.severity = rd.text(2);
      x.key = rd.text(3);
      x.text = rd.text(4);
      result.push_back(std::move(x));
    }
    return result;
  });
}

} // namespace hlc
