#include "persistence/alert_repo.hpp"
#include "persistence/audit_repo.hpp"
#include "persistence/quarantine_repo.hpp"
#include "persistence/reconciliation_repo.hpp"
#include "persistence/skip_repo.hpp"

#include <catch2/catch.hpp>

using namespace hlc;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

skip_record skip(skip_reason reason, int64_t time_ms) {
  skip_record x;
  x.reason = reason;
  x.leader = "0xabc";
  x.coin = "kPEPE";
  x.symbol = "1000PEPEUSDT";
  x.correlation = "kPEPE:1:2:3";
  x.detail = "notional 4.2 < 5";
  x.time_ms = 1700000000000 + time_ms;
  return x;
}

} // namespace

TEST_CASE("skips round-trip and count by reason", "[db][skips]") {
  auto db = database::open(":memory:");
  skip_repo repo{db};
  repo.append(skip(skip_reason::min_notional_pending, 10));
  repo.append_all({skip(skip_reason::min_notional_pending, 20),
                   skip(skip_reason::missing_open, 30)});
  auto recent = repo.load_recent(2);
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].reason == skip_reason::missing_open); // newest first
  CHECK(recent[0].time_ms == 1700000000030);
  CHECK(recent[1].reason == skip_reason::min_notional_pending);
  CHECK(recent[1].leader == "0xabc");
  CHECK(recent[1].coin == "kPEPE");
  CHECK(recent[1].symbol == "1000PEPEUSDT");
  CHECK(recent[1].correlation == "kPEPE:1:2:3");
  CHECK(recent[1].detail == "notional 4.2 < 5");
  auto counts = repo.counts_by_reason();
  CHECK(counts.size() == 2);
  CHECK(counts[skip_reason::min_notional_pending] == 2);
  CHECK(counts[skip_reason::missing_open] == 1);
  auto later = repo.counts_by_reason(1700000000020);
  CHECK(later[skip_reason::min_notional_pending] == 1);
}

TEST_CASE("quarantine keeps the raw input verbatim", "[db][quarantine]") {
  auto db = database::open(":memory:");
  quarantine_repo repo{db};
  std::string raw = "{\"px\":\"abc\",\n\t\"x\":\"\xe2\x82\xac\"}";
  auto id = repo.append(
      {0, 1700000000042, "hl_ws", "fills[3].px: not a decimal", raw});
  CHECK(id > 0);
  repo.append_all(
      {{0, 43, "hl_rest", "bad", "x"}, {0, 44, "hl_rest", "b", ""}});
  CHECK(repo.count() == 3);
  auto rows = repo.load_recent(10);
  REQUIRE(rows.size() == 3);
  CHECK(rows[2].id == id);
  CHECK(rows[2].time_ms == 1700000000042);
  CHECK(rows[2].source == "hl_ws");
  CHECK(rows[2].reason == "fills[3].px: not a decimal");
  CHECK(rows[2].raw == raw);
  CHECK(rows[0].raw.empty());
}

TEST_CASE("audit and alert rows round-trip newest first", "[db][audit]") {
  auto db = database::open(":memory:");
  audit_repo audit{db};
  alert_repo alerts{db};
  audit.append(
      {0, 1700000000001, "operator", "pause", "operator_command", "by cli"});
  audit.append_all({{0, 2, "supervisor", "resume", "startup", ""}});
  auto a = audit.load_recent(5);
  REQUIRE(a.size() == 2);
  CHECK(a[0].action == "resume");
  CHECK(a[1].actor == "operator");
  CHECK(a[1].reason == "operator_command");
  CHECK(a[1].detail == "by cli");
  CHECK(a[1].time_ms == 1700000000001);
  CHECK(audit.load_recent(1).size() == 1);

  alerts.append({0, 1700000000007, "critical", "gap:0xabc", "gap of 20 min"});
  alerts.append_all({{0, 8, "info", "k", "t"}});
  auto b = alerts.load_recent(5);
  REQUIRE(b.size() == 2);
  CHECK(b[1].severity == "critical");
  CHECK(b[1].key == "gap:0xabc");
  CHECK(b[1].text == "gap of 20 min");
  CHECK(b[1].time_ms == 1700000000007);
}

TEST_CASE("reconciliation rows keep exact decimals", "[db][recon]") {
  auto db = database::open(":memory:");
  reconciliation_repo repo{db};
  reconciliation_row x;
  x.time_ms = 1700000000099;
  x.symbol = "ETHUSDT";
  x.local_qty = dec("-1839.2");
  x.venue_qty = dec("-1839.20000001");
  x.target_qty = dec("0.00000001");
  x.drift_usd = dec("0.0000321");
  x.drift_pct = dec("0.000000000000000001");
  x.band = "ok";
  x.action = "none";
  auto id = repo.append(x);
  auto rows = repo.load_recent(1);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].id == id);
  CHECK(rows[0].time_ms == 1700000000099);
  CHECK(rows[0].symbol == "ETHUSDT");
  CHECK(rows[0].local_qty.to_string() == "-1839.2");
  CHECK(rows[0].venue_qty.to_string() == "-1839.20000001");
  CHECK(rows[0].target_qty.to_string() == "0.00000001");
  CHECK(rows[0].drift_usd.to_string() == "0.0000321");
  CHECK(rows[0].drift_pct.to_string() == "0.000000000000000001");
  CHECK(rows[0].band == "ok");
  CHECK(rows[0].action == "none");
}
