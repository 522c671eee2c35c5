#include "persistence/cursor_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

namespace {

// The WHERE of the upsert is what keeps a cursor from moving backwards.
constexpr const char* advance_sql
    = "INSERT INTO leader_cursors (leader, last_time_ms, updated_ms) "
      "VALUES (:leader, :t, :u) ON CONFLICT (leader) DO UPDATE SET "
      "last_time_ms = excluded.last_time_ms, updated_ms = excluded.updated_ms "
      "WHERE excluded.last_time_ms > leader_cursors.last_time_ms";

} // namespace

std::optional<int64_t> cursor_repo::load(const std::string& leader) {
  return db_.guard("leader_cursors.load", [&]() -> std::optional<int64_t> {
    long long t = 0;
    std::string who = leader;
    db_.session() << "SELECT last_time_ms FROM leader_cursors "
                     "WHERE leader = :leader",
        soci::into(t), soci::use(who);
    if (!db_.session().got_data()) return std::nullopt;
    return static_cast<int64_t>(t);
  });
}

std::vector<cursor_row> cursor_repo::load_all() {
  return db_.guard("leader_cursors.load_all", [&] {
    std::vector<cursor_row> result;
    soci::rowset<soci::row> rs = db_.session().prepare
                                 << "SELECT leader, last_time_ms, updated_ms "
                                    "FROM leader_cursors ORDER BY leader";
    for (const auto& r : rs) {
      db::row_reader rd{r, "leader_cursors"};
      result.push_back(cursor_row{rd.text(0), rd.i64(1), rd.i64(2)});
    }
    return result;
  });
}

bool cursor_repo::advance(const cursor_row& x) {
  return db_.guard("leader_cursors.advance", [&] {
    std::string leader = x.leader;
    long long t = x.last_time_ms;
    long long u = x.updated_ms;
    db_.session() << advance_sql, soci::use(leader), soci::use(t), soci::use(u);
    return db_.changes() > 0;
  });
}

void cursor_repo::advance_all(const std::vector<cursor_row>& xs) {
  if (xs.empty()) return;
  db_.guard("leader_cursors.advance", [&] {
    database::transaction tx{db_, "leader_cursors.advance"};
    for (const auto& x : xs)
      db_.exec_cached("leader_cursors.advance", advance_sql,
                      {x.leader, x.last_time_ms, x.updated_ms});
    tx.commit();
  });
}

} // namespace hlc
