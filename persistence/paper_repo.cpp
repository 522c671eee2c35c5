#include "persistence/paper_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

void paper_repo::upsert_orders(const std::vector<paper_order_row>& xs) {
  if (xs.empty()) return;
  db_.guard("paper_orders.upsert", [&] {
    database::transaction tx{db_, "paper_orders.upsert"};
    for (const auto& x : xs)
      upsert_order(x);
    tx.commit();
  });
}

void paper_repo::upsert_order(const paper_order_row& x) {
  db_.guard("paper_orders.upsert", [&] {
    db_.exec_cached(
        "paper_orders.upsert",
        "INSERT INTO paper_orders (client_id, exchange_order_id, symbol, "
        "side, type, tif, qty, price, reduce_only, status, filled_qty, "
        "avg_px, created_ms, updated_ms) VALUES (:client_id, :eid, :symbol, "
        ":side, :type, :tif, :qty, :price, :reduce_only, :status, :filled, "
        ":avg, :created, :updated) ON CONFLICT (client_id) DO UPDATE SET "
        "exchange_order_id = excluded.exchange_order_id, "
        "symbol = excluded.symbol, side = excluded.side, "
        "type = excluded.type, tif = excluded.tif, qty = excluded.qty, "
        "price = excluded.price, reduce_only = excluded.reduce_only, "
        "status = excluded.status, filled_qty = excluded.filled_qty, "
        "avg_px = excluded.avg_px, created_ms = excluded.created_ms, "
        "updated_ms = excluded.updated_ms",
        {x.client_id,
         db::id_to_db(x.exchange_order_id, "paper_orders.exchange_order_id"),
         x.symbol, to_string(x.side), to_string(x.type), to_string(x.tif),
         db::to_db(x.qty), db::to_db(x.price), x.reduce_only ? 1 : 0, x.status,
         db::to_db(x.filled_qty), db::to_db(x.avg_px), x.created_ms,
         x.updated_ms});
  });
}

namespace {

constexpr const char* select_sql
    = "SELECT client_id, exchange_order_id, symbol, side, type, tif, qty, "
      "price, reduce_only, status, filled_qty, avg_px, created_ms, updated_ms "
      "FROM paper_orders ";

paper_order_row read_paper_order(const soci::row& r) {
  db::row_reader rd{r, "paper_orders"};
  paper_order_row x;
  x.client_id = rd.text(0);
  x.exchange_order_id = rd.id(1);
  x.symbol = rd.text(2);
  x.side = db::side_from_db(rd.text(3), "paper_orders.side");
  x.type = db::order_type_from_db(rd.text(4), "paper_orders.type");
  x.tif = db::tif_from_db(rd.text(5), "paper_orders.tif");
  x.qty = rd.dec(6);
  x.price = rd.dec(7);
  x.reduce_only = rd.flag(8);
  x.status = rd.text(9);
  x.filled_qty = rd.dec(10);
  x.avg_px = rd.dec(11);
  x.created_ms = rd.i64(12);
  x.updated_ms = rd.i64(13);
  return x;
}

} // namespace

std::optional<paper_order_row>
paper_repo::load_order(const std::string& client_id) {
  return db_.guard(
      "paper_orders.load", [&]() -> std::optional<paper_order_row> {
        std::string id = client_id;
        soci::rowset<soci::row> rs
            = (db_.session().prepare << select_sql << "WHERE client_id = :id",
               soci::use(id));
        for (const auto& r : rs)
          return read_paper_order(r);
        return std::nullopt;
      });
}

std::vector<paper_order_row> paper_repo::load_orders() {
  return db_.guard("paper_orders.load_all", [&] {
    std::vector<paper_order_row> result;
    soci::rowset<soci::row> rs = db_.session().prepare
                                 << select_sql
                                 << "ORDER BY exchange_order_id, client_id";
    for (const auto& r : rs)
      result.push_back(read_paper_order(r));
    return result;
  });
}

void paper_repo::set_meta(const std::string& key, const std::string& value) {
  db_.guard("paper_meta.set", [&] {
    db_.exec_cached("paper_meta.set",
                    "INSERT INTO paper_meta (key, value) VALUES (:k, :v) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    {key, value});
  });
}

std::optional<std::string> paper_repo::get_meta(const std::string& key) {
  return db_.guard("paper_meta.get", [&]() -> std::optional<std::string> {
    std::string k = key;
    std::string v;
    db_.session() << "SELECT value FROM paper_meta WHERE key = :k",
        soci::into(v), soci::use(k);
    if (!db_.session().got_data()) return std::nullopt;
    return v;
  });
}

} // namespace hlc
