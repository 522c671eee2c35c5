// When the WRITER makes an order intent durable (ADR 0008, ADR 0038):
// at once (write-ahead, `run`) or with the next group commit (replay).

#include "actors/writer/writer.hpp"
#include "messages/type_ids.hpp"
#include "persistence/database.hpp"
#include "persistence/order_repo.hpp"

#include "../unit/persistence/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <string>

using namespace hlc;

namespace {

order_record intent_row(const std::string& client_id) {
  order_record row;
  row.intent.client_id = client_id;
  row.intent.symbol = "BTCUSDT";
  row.intent.qty = decimal::parse_or_throw("0.01");
  row.intent.correlation = "fill";
  row.state = order_state::pending;
  return row;
}

/// Asks `w` to persist an intent; the answer (true, or false on an error).
bool persist(caf::scoped_actor& self, const writer_actor& w,
             const std::string& client_id) {
  bool ok = false;
  self->request(w, caf::infinite, atom::persist_v, intent_row(client_id))
      .receive([&](bool x) { ok = x; }, [&](const caf::error&) { ok = false; });
  return ok;
}

/// True when another connection sees the intent (it is committed).
bool committed(const std::string& db_path, const std::string& client_id) {
  auto db = database::open(db_path);
  return order_repo{db}.load(client_id).has_value();
}

struct writer_setup {
  test::temp_dir dir;
  std::string db_path = dir.file("writer.db");
  caf::actor_system_config cfg;
  caf::actor_system sys;
  caf::scoped_actor self;

  static caf::actor_system_config& prepare(caf::actor_system_config& c) {
    c.add_message_types<caf::id_block::hlcopy>();
    return c;
  }

  writer_setup() : sys(prepare(cfg)), self(sys) {
    // nop
  }

  writer_actor spawn(intent_commit commit) {
    storage_settings storage;
    storage.path = db_path;
    storage.writer_flush_ms = 3600 * 1000; // no timer commit in the test
    storage.writer_batch = 1000000;        // nor a full batch
    return sys.spawn(writer, storage, std::string{"hash"}, std::string{"run"},
                     supervisor_actor{}, commit);
  }
};

} // namespace

TEST_CASE_METHOD(writer_setup,
                 "write-ahead: the intent is committed before persist answers",
                 "[writer][intent_commit]") {
  auto w = spawn(intent_commit::at_once);
  REQUIRE(persist(self, w, "a1"));
  CHECK(committed(db_path, "a1"));
  self->send_exit(w, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(writer_setup,
                 "grouped: the intent commits with the next group commit",
                 "[writer][intent_commit]") {
  auto w = spawn(intent_commit::grouped);
  REQUIRE(persist(self, w, "g1"));
  REQUIRE(persist(self, w, "g2"));
  CHECK_FALSE(committed(db_path, "g1")); // queued, not durable yet
  SECTION("a second intent with a queued id is refused at once") {
    CHECK_FALSE(persist(self, w, "g1"));
  }
  bool flushed = false;
  self->request(w, caf::infinite, atom::flush_v)
      .receive([&](bool ok) { flushed = ok; }, [](const caf::error&) {});
  REQUIRE(flushed);
  CHECK(committed(db_path, "g1"));
  CHECK(committed(db_path, "g2"));
  self->send_exit(w, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(writer_setup, "grouped: queued intents commit on exit",
                 "[writer][intent_commit]") {
  {
    auto w = spawn(intent_commit::grouped);
    REQUIRE(persist(self, w, "e1"));
    self->send_exit(w, caf::exit_reason::user_shutdown);
    self->wait_for(w);
  }
  CHECK(committed(db_path, "e1"));
}
