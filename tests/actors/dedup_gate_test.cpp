#include "actors/dedup/dedup_gate.hpp"

#include "caf_fixture.hpp"
#include "fakes.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace std::chrono_literals;

namespace {

leader_fill fill(uint64_t oid, uint64_t tid, int64_t time) {
  leader_fill f;
  f.key = fill_key{"0xleader", "SUI", oid, tid, time, {}, {}};
  f.sz = decimal::from_int(1);
  f.px = decimal::from_int(1);
  return f;
}

struct gate_fixture : test::caf_fixture {
  test::log_ptr log = std::make_shared<test::event_log>();

  ingest_result ingest(dedup_gate_actor gate, std::vector<leader_fill> xs) {
    self->send(gate, std::move(xs));
    run();
    ingest_result result;
    self->receive([&](ingest_result& r) { result = r; },
                  caf::after(0s) >> [] { FAIL("no ingest reply"); });
    return result;
  }
};

} // namespace

TEST_CASE_METHOD(gate_fixture, "the dedup gate forwards fresh fills once",
                 "[dedup_gate]") {
  auto writer = sys.spawn(test::fake_writer, log);
  auto strat = sys.spawn(test::fake_strategy, log);
  auto gate = sys.spawn(dedup_gate, strat, writer, int64_t{0});
  run();
  auto first
      = ingest(gate, {fill(1, 1, 100), fill(2, 1, 100), fill(1, 1, 100)});
  CHECK(first.received == 3);
  CHECK(first.fresh == 2);
  CHECK(first.duplicates == 1);
  // an overlapping page: the boundary fill again plus a new one
  auto second = ingest(gate, {fill(2, 1, 100), fill(3, 1, 101)});
  CHECK(second.fresh == 1);
  CHECK(second.duplicates == 1);
  REQUIRE(log->strategy_fills.size() == 3);
  CHECK(log->strategy_fills[2].key.oid == 3);
}

TEST_CASE_METHOD(gate_fixture,
                 "the dedup gate remembers what the DB says "
                 "was processed",
                 "[dedup_gate]") {
  log->dedup_keys = {fill(1, 1, 100).key};
  auto writer = sys.spawn(test::fake_writer, log);
  auto strat = sys.spawn(test::fake_strategy, log);
  auto gate = sys.spawn(dedup_gate, strat, writer, int64_t{0});
  run();
  // a snapshot after restart repeats a processed fill: never traded again
  auto r = ingest(gate, {fill(1, 1, 100), fill(2, 1, 100)});
  CHECK(r.duplicates == 1);
  REQUIRE(log->strategy_fills.size() == 1);
  CHECK(log->strategy_fills[0].key.oid == 2);
}

TEST_CASE_METHOD(gate_fixture, "fills the strategy failed on can be retried",
                 "[dedup_gate]") {
  auto writer = sys.spawn(test::fake_writer, log);
  // a strategy that is gone: requests fail
  auto dead = sys.spawn(test::fake_strategy, log);
  self->send_exit(dead, caf::exit_reason::kill);
  run();
  auto gate = sys.spawn(dedup_gate, dead, writer, int64_t{0});
  run();
  self->send(gate, std::vector<leader_fill>{fill(1, 1, 100)});
  run();
  bool failed = false;
  self->receive([](ingest_result&) {}, [&](caf::error&) { failed = true; },
                caf::after(0s) >> [] { FAIL("no reply"); });
  CHECK(failed);
  auto strat = sys.spawn(test::fake_strategy, log);
  self->send(gate, strat);
  run();
  auto r = ingest(gate, {fill(1, 1, 100)});
  CHECK(r.fresh == 1); // not swallowed as a duplicate
  CHECK(log->strategy_fills.size() == 1);
}
