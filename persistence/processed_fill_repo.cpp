#include "persistence/processed_fill_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

namespace {

constexpr const char* insert_sql
    = "INSERT OR IGNORE INTO processed_fills "
      "(leader, coin, oid, tid, time_ms, start_position, sz, processed_ms) "
      "VALUES (:leader, :coin, :oid, :tid, :t, :sp, :sz, :p)";

} // namespace

bool processed_fill_repo::insert_if_new(const fill_key& key,
                                        int64_t processed_ms) {
  return insert_all({processed_fill_row{key, processed_ms}}) == 1;
}

std::size_t
processed_fill_repo::insert_all(const std::vector<processed_fill_row>& xs) {
  if (xs.empty()) return 0;
  return db_.guard("processed_fills.insert", [&] {
    database::transaction tx{db_, "processed_fills.insert"};
    auto before = db_.total_changes();
    for (const auto& x : xs)
      // normalized text: "4623.50" and "4623.5" are one key
      db_.exec_cached("processed_fills.insert", insert_sql,
                      {x.key.leader, x.key.coin,
                       db::id_to_db(x.key.oid, "processed_fills.oid"),
                       db::id_to_db(x.key.tid, "processed_fills.tid"),
                       x.key.time_ms, x.key.start_position.to_string(),
                       x.key.sz.to_string(), x.processed_ms});
    auto inserted = static_cast<std::size_t>(db_.total_changes() - before);
    tx.commit();
    return inserted;
  });
}

bool processed_fill_repo::contains(const fill_key& key) {
  return db_.guard("processed_fills.contains", [&] {
    std::string leader = key.leader;
    std::string coin = key.coin;
    long long oid = db::id_to_db(key.oid, "processed_fills.oid");
    long long tid = db::id_to_db(key.tid, "processed_fills.tid");
    long long t = key.time_ms;
    std::string start = key.start_position.to_string();
    std::string size = key.sz.to_string();
    int n = 0;
    db_.session() << "SELECT count(*) FROM processed_fills WHERE leader = :l "
                     "AND coin = :c AND oid = :o AND tid = :d AND time_ms = :t "
                     "AND start_position = :sp AND sz = :sz",
        soci::into(n), soci::use(leader), soci::use(coin), soci::use(oid),
        soci::use(tid), soci::use(t), soci::use(start), soci::use(size);
    return n > 0;
  });
}

std::vector<fill_key>
processed_fill_repo::load_since(int64_t processed_since_ms) {
  return db_.guard("processed_fills.load_since", [&] {
    std::vector<fill_key> result;
    long long since = processed_since_ms;
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << "SELECT leader, coin, oid, tid, time_ms, start_position, sz "
                  "FROM processed_fills "
                  "WHERE processed_ms >= :since",
           soci::use(since));
    for (const auto& r : rs) {
      db::row_reader rd{r, "processed_fills"};
      fill_key k;
      k.leader = rd.text(0);
      k.coin = rd.text(1);
      k.oid = rd.id(2);
      k.tid = rd.id(3);
      k.time_ms = rd.i64(4);
      k.start_position = rd.dec(5);
      k.sz = rd.dec(6);
      result.push_back(std::move(k));
    }
    return result;
  });
}

std::vector<processed_fill_row>
processed_fill_repo::find(const std::string& coin, uint64_t oid, uint64_t tid,
                          int64_t time_ms) {
  return db_.guard("processed_fills.find", [&] {
    std::vector<processed_fill_row> result;
    std::string c = coin;
    long long o = db::id_to_db(oid, "processed_fills.oid");
    long long t = db::id_to_db(tid, "processed_fills.tid");
    long long ms = time_ms;
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << "SELECT leader, coin, oid, tid, time_ms, start_position, sz, "
                  "processed_ms FROM processed_fills WHERE time_ms = :ms AND "
                  "coin = :c AND oid = :o AND tid = :t",
           soci::use(ms), soci::use(c), soci::use(o), soci::use(t));
    for (const auto& r : rs) {
      db::row_reader rd{r, "processed_fills"};
      processed_fill_row x;
      x.key.leader = rd.text(0);
      x.key.coin = rd.text(1);
      x.key.oid = rd.id(2);
      x.key.tid = rd.id(3);
      x.key.time_ms = rd.i64(4);
      x.key.start_position = rd.dec(5);
      x.key.sz = rd.dec(6);
      x.processed_ms = rd.i64(7);
      result.push_back(std::move(x));
    }
    return result;
  });
}

std::size_t processed_fill_repo::prune_older_than(int64_t processed_before_ms) {
  return db_.guard("processed_fills.prune", [&] {
    long long before = processed_before_ms;
    db_.session() << "DELETE FROM processed_fills WHERE processed_ms < :b",
        soci::use(before);
    return static_cast<std::size_t>(db_.changes());
  });
}

int64_t processed_fill_repo::count() {
  return db_.guard("processed_fills.count", [&] {
    long long n = 0;
    db_.session() << "SELECT count(*) FROM processed_fills", soci::into(n);
    return static_cast<int64_t>(n);
  });
}

} // namespace hlc
