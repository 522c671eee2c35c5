#include "persistence/system_state_repo.hpp"

#include "persistence/audit_repo.hpp"
#include "persistence/codec.hpp"

namespace hlc {

std::optional<system_state_row> system_state_repo::load() {
  return db_.guard(
      "system_state.load", [&]() -> std::optional<system_state_row> {
        soci::rowset<soci::row> rs
            = db_.session().prepare
              << "SELECT trading_state, reason, detail, actor, "
                 "config_hash, run_id, updated_ms "
                 "FROM system_state WHERE id = 1";
        for (const auto& r : rs) {
          db::row_reader rd{r, "system_state"};
          system_state_row x;
          x.change.state = db::trading_state_from_db(
              rd.text(0), "system_state.trading_state");
          x.change.reason
              = db::state_reason_from_db(rd.text(1), "system_state.reason");
          x.change.detail = rd.text(2);
          x.change.actor = rd.text(3);
          x.config_hash = rd.text(4);
          x.run_id = rd.text(5);
          x.change.time_ms = rd.i64(6);
          return x;
        }
        return std::nullopt;
      });
}

void system_state_repo::store(const system_state_row& x) {
  db_.guard("system_state.store", [&] {
    database::transaction tx{db_, "system_state.store"};
    std::string state{to_string(x.change.state)};
    std::string reason{to_string(x.change.reason)};
    std::string detail = x.change.detail;
    std::string actor = x.change.actor;
    std::string config_hash = x.config_hash;
    std::string run_id = x.run_id;
    long long updated = x.change.time_ms;
    db_.session()
        << "INSERT INTO system_state (id, trading_state, reason, detail, "
           "actor, "
           "config_hash, run_id, updated_ms) VALUES (1, :state, :reason, "
           ":detail, :actor, :hash, :run, :updated) ON CONFLICT (id) DO UPDATE "
           "SET trading_state = excluded.trading_state, "
           "reason = excluded.reason, detail = excluded.detail, "
           "actor = excluded.actor, config_hash = excluded.config_hash, "
           "run_id = excluded.run_id, updated_ms = excluded.updated_ms",
        soci::use(state), soci::use(reason), soci::use(detail),
        soci::use(actor), soci::use(config_hash), soci::use(run_id),
        soci::use(updated);
    audit_row audit;
    audit.time_ms = x.change.time_ms;
    audit.actor = x.change.actor;
    audit.action = "state_change";
    audit.reason = reason;
    audit.detail = detail.empty() ? state : state + ": " + detail;
    audit_repo{db_}.append_all({audit});
    tx.commit();
  });
}

void system_state_repo::apply_change(const state_change& x) {
  db_.guard("system_state.apply_change", [&] {
    database::transaction tx{db_, "system_state.apply_change"};
    system_state_row row;
    if (auto old = load()) {
      row.config_hash = std::move(old->config_hash);
      row.run_id = std::move(old->run_id);
    }
    row.change = x;
    store(row);
    tx.commit();
  });
}

} // namespace hlc
