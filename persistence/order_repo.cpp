#include "persistence/order_repo.hpp"

#include "persistence/codec.hpp"

namespace hlc {

namespace {

constexpr const char* order_columns
    = "client_id, symbol, side, type, tif, qty, price, reduce_only, state, "
      "exchange_order_id, filled_qty, avg_price, correlation, error_code, "
      "error_text, created_ms, updated_ms";

order_record read_order(const soci::row& r) {
  db::row_reader rd{r, "orders"};
  order_record x;
  x.intent.client_id = rd.text(0);
  x.intent.symbol = rd.text(1);
  x.intent.side = db::side_from_db(rd.text(2), "orders.side");
  x.intent.type = db::order_type_from_db(rd.text(3), "orders.type");
  x.intent.tif = db::tif_from_db(rd.text(4), "orders.tif");
  x.intent.qty = rd.dec(5);
  x.intent.price = rd.dec(6);
  x.intent.reduce_only = rd.flag(7);
  x.state = db::order_state_from_db(rd.text(8), "orders.state");
  x.exchange_order_id = rd.id(9);
  x.filled_qty = rd.dec(10);
  x.avg_px = rd.dec(11);
  x.intent.correlation = rd.text(12);
  x.error_code = rd.i32(13);
  x.error_text = rd.text(14);
  x.intent.created_ms = rd.i64(15);
  x.updated_ms = rd.i64(16);
  return x;
}

// "('filled', 'canceled', ...)" from `is_terminal`, so the SQL can never
// disagree with the FSM's notion of terminal.
std::string terminal_states_sql() {
  std::string result = "(";
  for (int i = 0; i <= static_cast<int>(order_state::unknown); ++i) {
    auto s = static_cast<order_state>(i);
    if (!is_terminal(s)) continue;
    if (result.size() > 1) result += ", ";
    result += "'" + std::string{to_string(s)} + "'";
  }
  return result + ")";
}

} // namespace

void order_repo::insert_intent(const order_intent& x) {
  db_.guard("orders.insert_intent", [&] {
    db_.exec_cached(
        "orders.insert_intent",
        "INSERT INTO orders (client_id, symbol, side, type, tif, qty, price, "
        "reduce_only, state, exchange_order_id, filled_qty, avg_price, "
        "correlation, error_code, error_text, created_ms, updated_ms) "
        "VALUES (:client_id, :symbol, :side, :type, :tif, :qty, :price, "
        ":reduce_only, :state, 0, :filled, :avg, :correlation, 0, '', "
        ":created, :updated)",
        {x.client_id, x.symbol, to_string(x.side), to_string(x.type),
         to_string(x.tif), db::to_db(x.qty), db::to_db(x.price),
         x.reduce_only ? 1 : 0, to_string(order_state::pending), "0", "0",
         x.correlation, x.created_ms, x.created_ms});
  });
}

void order_repo::upsert(const order_record& x) {
  upsert_all({x});
}

void order_repo::upsert_all(const std::vector<order_record>& xs) {
  if (xs.empty()) return;
  db_.guard("orders.upsert", [&] {
    database::transaction tx{db_, "orders.upsert"};
    std::string client_id, symbol, side, type, tif, qty, price, state, filled,
        avg, correlation, error_text;
    int reduce_only = 0;
    int error_code = 0;
    long long exchange_id = 0;
    long long created = 0;
    long long updated = 0;
    soci::statement st
        = (db_.session().prepare
               << "INSERT INTO orders (client_id, symbol, side, type, tif, "
                  "qty, price, reduce_only, state, exchange_order_id, "
                  "filled_qty, avg_price, correlation, error_code, "
                  "error_text, created_ms, updated_ms) VALUES (:client_id, "
                  ":symbol, :side, :type, :tif, :qty, :price, :reduce_only, "
                  ":state, :eid, :filled, :avg, :correlation, :code, :text, "
                  ":created, :updated) ON CONFLICT (client_id) DO UPDATE SET "
                  "state = excluded.state, exchange_order_id = "
                  "COALESCE(NULLIF(excluded.exchange_order_id, 0), "
                  "orders.exchange_order_id), "
                  "filled_qty = excluded.filled_qty, "
                  "avg_price = excluded.avg_price, "
                  "error_code = excluded.error_code, "
                  "error_text = excluded.error_text, "
                  "updated_ms = excluded.updated_ms",
           soci::use(client_id), soci::use(symbol), soci::use(side),
           soci::use(type), soci::use(tif), soci::use(qty), soci::use(price),
           soci::use(reduce_only), soci::use(state), soci::use(exchange_id),
           soci::use(filled), soci::use(avg), soci::use(correlation),
           soci::use(error_code), soci::use(error_text), soci::use(created),
           soci::use(updated));
    for (const auto& x : xs) {
      client_id = x.intent.client_id;
      symbol = x.intent.symbol;
      side = std::string{to_string(x.intent.side)};
      type = std::string{to_string(x.intent.type)};
      tif = std::string{to_string(x.intent.tif)};
      qty = db::to_db(x.intent.qty);
      price = db::to_db(x.intent.price);
      reduce_only = x.intent.reduce_only ? 1 : 0;
      state = std::string{to_string(x.state)};
      exchange_id
          = db::id_to_db(x.exchange_order_id, "orders.exchange_order_id");
      filled = db::to_db(x.filled_qty);
      avg = db::to_db(x.avg_px);
      correlation = x.intent.correlation;
      error_code = x.error_code;
      error_text = x.error_text;
      created = x.intent.created_ms;
      updated = x.updated_ms;
      st.execute(true);
    }
    tx.commit();
  });
}

void order_repo::update(const order_record& x) {
  update_all({x});
}

void order_repo::update_all(const std::vector<order_record>& xs) {
  if (xs.empty()) return;
  db_.guard("orders.update", [&] {
    database::transaction tx{db_, "orders.update"};
    for (const auto& x : xs) {
      // exchange_order_id 0 means "not named by this event": keep the stored.
      db_.exec_cached(
          "orders.update",
          "UPDATE orders SET state = :state, "
          "exchange_order_id = COALESCE(NULLIF(:eid, 0), exchange_order_id), "
          "filled_qty = :filled, avg_price = :avg, error_code = :code, "
          "error_text = :text, updated_ms = :updated "
          "WHERE client_id = :client_id",
          {to_string(x.state),
           db::id_to_db(x.exchange_order_id, "orders.exchange_order_id"),
           db::to_db(x.filled_qty), db::to_db(x.avg_px), x.error_code,
           x.error_text, x.updated_ms, x.intent.client_id});
      if (db_.changes() != 1)
        throw db_error("orders.update",
                       "unknown client id \"" + x.intent.client_id + "\"");
    }
    tx.commit();
  });
}

std::vector<order_record> order_repo::load_where(const char* op,
                                                 const std::string& where) {
  return db_.guard(op, [&] {
    std::vector<order_record> result;
    soci::rowset<soci::row> rs
        = db_.session().prepare << "SELECT " << order_columns << " FROM orders "
                                << where << " ORDER BY created_ms, client_id";
    for (const auto& r : rs)
      result.push_back(read_order(r));
    return result;
  });
}

std::optional<order_record> order_repo::load(const std::string& client_id) {
  return db_.guard("orders.load", [&]() -> std::optional<order_record> {
    std::string id = client_id;
    soci::rowset<soci::row> rs
        = (db_.session().prepare << "SELECT " << order_columns
                                 << " FROM orders WHERE client_id = :id",
           soci::use(id));
    for (const auto& r : rs)
      return read_order(r);
    return std::nullopt;
  });
}

std::vector<order_record> order_repo::load_non_terminal() {
  return load_where("orders.load_non_terminal",
                    "WHERE state NOT IN " + terminal_states_sql());
}

std::vector<order_record> order_repo::load_all() {
  return load_where("orders.load_all", "");
}

std::vector<order_record>
order_repo::load_for_correlation(const std::string& key) {
  auto ids = db_.guard("orders.load_for_correlation", [&] {
    std::vector<std::string> result;
    std::string k = key;
    soci::rowset<std::string> rs
        = (db_.session().prepare << "SELECT client_id FROM orders WHERE "
                                    "correlation = :k ORDER BY created_ms, "
                                    "rowid",
           soci::use(k));
    for (auto& id : rs)
      result.push_back(id);
    return result;
  });
  std::vector<order_record> result;
  for (auto& id : ids)
    if (auto x = load(id)) result.push_back(std::move(*x));
  return result;
}

std::vector<order_record>
order_repo::load_recent_for_symbol(const std::string& symbol,
                                   std::size_t limit) {
  auto ids = db_.guard("orders.load_recent_for_symbol", [&] {
    std::vector<std::string> result;
    std::string s = symbol;
    long long n = static_cast<long long>(limit);
    soci::rowset<std::string> rs
        = (db_.session().prepare << "SELECT client_id FROM orders WHERE "
                                    "symbol = :s ORDER BY created_ms DESC, "
                                    "rowid DESC LIMIT :n",
           soci::use(s), soci::use(n));
    for (auto& id : rs)
      result.push_back(id);
    return result;
  });
  std::vector<order_record> result;
  for (auto& id : ids)
    if (auto x = load(id)) result.push_back(std::move(*x));
  return result;
}

void order_repo::append_event(const order_update& x, int64_t recorded_ms) {
  order_event_row row;
  row.update = x;
  row.recorded_ms = recorded_ms;
  append_events({row});
}

void order_repo::append_events(const std::vector<order_event_row>& xs) {
  if (xs.empty()) return;
  db_.guard("order_events.append", [&] {
    database::transaction tx{db_, "order_events.append"};
    for (const auto& row : xs) {
      const auto& x = row.update;
      db_.exec_cached(
          "order_events.append",
          "INSERT INTO order_events (client_id, kind, exchange_order_id, "
          "trade_id, last_qty, last_px, cum_qty, avg_px, error_code, "
          "error_text, event_time_ms, recorded_ms) VALUES (:client_id, "
          ":kind, :eid, :tid, :last_qty, :last_px, :cum_qty, :avg_px, "
          ":code, :text, :event_time, :recorded)",
          {x.client_id, to_string(x.kind),
           db::id_to_db(x.exchange_order_id, "order_events.exchange_order_id"),
           db::id_to_db(x.trade_id, "order_events.trade_id"),
           db::to_db(x.last_qty), db::to_db(x.last_px), db::to_db(x.cum_qty),
           db::to_db(x.avg_px), x.error_code, x.error_text, x.event_time_ms,
           row.recorded_ms});
    }
    tx.commit();
  });
}

std::vector<order_event_row>
order_repo::load_events(const std::string& client_id) {
  return db_.guard("order_events.load", [&] {
    std::vector<order_event_row> result;
    std::string id = client_id;
    soci::rowset<soci::row> rs
        = (db_.session().prepare
               << "SELECT +e.id, e.client_id, o.symbol, o.side, e.kind, "
                  "e.exchange_order_id, e.trade_id, e.last_qty, e.last_px, "
                  "e.cum_qty, e.avg_px, e.error_code, e.error_text, "
                  "e.event_time_ms, e.recorded_ms FROM order_events e "
                  "JOIN orders o ON o.client_id = e.client_id "
                  "WHERE e.client_id = :id ORDER BY e.id",
           soci::use(id));
    for (const auto& r : rs) {
      db::row_reader rd{r, "order_events"};
      order_event_row row;
      auto& x = row.update;
      row.id = rd.i64(0);
      x.client_id = rd.text(1);
      x.symbol = rd.text(2);
      x.side = db::side_from_db(rd.text(3), "orders.side");
      x.kind = db::event_kind_from_db(rd.text(4), "order_events.kind");
      x.exchange_order_id = rd.id(5);
      x.trade_id = rd.id(6);
      x.last_qty = rd.dec(7);
      x.last_px = rd.dec(8);
      x.cum_qty = rd.dec(9);
      x.avg_px = rd.dec(10);
      x.error_code = rd.i32(11);
      x.error_text = rd.text(12);
      x.event_time_ms = rd.i64(13);
      row.recorded_ms = rd.i64(14);
      result.push_back(std::move(row));
    }
    return result;
  });
}

int64_t order_repo::count_for_symbol(const std::string& symbol) {
  return db_.guard("orders.count_for_symbol", [&] {
    // count(*) comes back as text through SOCI (see codec.hpp), parse exactly
    std::string n;
    std::string s = symbol;
    db_.session() << "SELECT CAST(count(*) AS TEXT) FROM orders "
                     "WHERE symbol = :s",
        soci::into(n), soci::use(s);
    return static_cast<int64_t>(std::stoll(n));
  });
}

std::map<order_state, int64_t> order_repo::counts_by_state() {
  return db_.guard("orders.counts_by_state", [&] {
    std::map<order_state, int64_t> result;
    soci::rowset<soci::row> rs
        = db_.session().prepare
          << "SELECT state, count(*) FROM orders GROUP BY state";
    for (const auto& r : rs) {
      db::row_reader rd{r, "orders"};
      result[db::order_state_from_db(rd.text(0), "orders.state")] = rd.i64(1);
    }
    return result;
  });
}

void order_repo::for_each_traded(
    const std::function<void(const std::string&, order_state, decimal)>& f) {
  db_.guard("orders.for_each_traded", [&] {
    soci::rowset<soci::row> rs
        = db_.session().prepare
          << "SELECT symbol, state, filled_qty FROM orders "
             "WHERE state = 'FILLED' OR filled_qty NOT IN ('0', '')";
    for (const auto& r : rs) {
      db::row_reader rd{r, "orders"};
      f(rd.text(0), db::order_state_from_db(rd.text(1), "orders.state"),
        rd.dec(2));
    }
  });
}

} // namespace hlc
