#include "persistence/audit_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

int64_t audit_repo::append(const audit_row& x) {
  append_all({x});
  return db_.last_insert_rowid();
}

void audit_repo::append_all(const std::vector<audit_row>& xs) {
  if (xs.empty()) return;
  db_.guard("audit_log.append", [&] {
    database::transaction tx{db_, "audit_log.append"};
    long long time_ms = 0;
    std::string actor, action, reason, detail;
    soci::statement st
        = (db_.session().prepare
               << "INSERT INTO audit_log (time_ms, actor, action, reason, "
                  "detail) "
                  "VALUES (:t, :actor, :action, :reason, :detail)",
           soci::use(time_ms), soci::use(actor), soci::use(action),
           soci::use(reason), soci::use(detail));
    for (const auto& x : xs) {
      time_ms = x.time_ms;
      actor = x.actor;
      action = x.action;
      reason = x.reason;
      detail = x.detail;
      st.execute(true);
    }
    tx.commit();
  });
}

std::vector<audit_row> audit_repo::load_recent(std::size_t limit) {
  return db_.guard("audit_log.load_recent", [&] {
    std::vector<audit_row> result;
    long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << "SELECT +id, time_ms, actor, action, reason, detail "
                  "FROM audit_log ORDER BY id DESC LIMIT :n",
           soci::use(n));
    for (const auto& r : rs) {
      db::row_reader rd{r, "audit_log"};
      audit_row x;
      x.id = rd.i64(0);
      x.time_ms = rd.i64(1);
      x.actor = rd.text(2);
      x.action = rd.text(3);
      x.reason = rd.text(4);
      x.detail = rd.text(5);
      result.push_back(std::move(x));
    }
    return result;
  });
}

} // namespace hlc
