// `hlcopy run` in dry-run against hl-sim and binance-sim (issue 7): the real
// binary follows a leader live over six coins and mirrors it onto the paper
// exchange at binance-sim's marks; binance-sim sees no signed write; SIGTERM
// exits 0 within the grace time. A symbol whose Binance mark disagrees with
// HL's mid is disabled at start and not copied (STR-1).

#include "persistence/database.hpp"
#include "run_hlcopy.hpp"
#include "sim/binance/binance_sim.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

using namespace std::chrono_literals;
using hlc::decimal;
using hlc::test::eventually;

namespace {

const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

std::map<std::string, decimal> paper_positions(const std::string& db_path) {
  std::map<std::string, decimal> out;
  auto db = hlc::database::open(db_path);
  soci::rowset<soci::row> rows
      = (db.session().prepare << "SELECT symbol, qty FROM positions "
                                 "WHERE book = 'paper'");
  for (auto& r : rows)
    out[r.get<std::string>(0)] = decimal::parse_or_throw(r.get<std::string>(1));
  return out;
}

int64_t count(const std::string& db_path, const std::string& sql) {
  auto db = hlc::database::open(db_path);
  int64_t n = 0;
  db.session() << sql, soci::into(n);
  return n;
}

} // namespace

TEST_CASE("hlcopy run dry-run copies a live leader onto the paper exchange "
          "at Binance marks, signs nothing, stops on SIGTERM",
          "[scenario][run]") {
  hlc::sim::real_clock clock;
  hlc::sim::hl::hl_sim hl{clock, 5};
  auto hl_port = hl.start(0);
  hlc::sim::binance::binance_sim bn{hlc::sim::binance::venue_config{}};
  auto bn_port = bn.start(0);
  // SUI's mark disagrees with HL's mid by 43 %: the start-up price sanity
  // check (STR-1) disables SUIUSDT, and SUI is not copied.
  bn.venue().set_mark("SUIUSDT", decimal::parse_or_throw("5.0"));
  hlc::test::scratch_dir dir;
  auto cfg_path = dir.path + "/run.json";
  auto db_path = dir.path + "/run.db";
  {
    std::ofstream cfg{cfg_path};
    cfg << R"({"mode": "dry-run", "instance": "t",
      "leaders": [{"address": ")"
        << leader << R"(", "sizing": {"mode": "ratio", "ratio": "0.5"}}],
      "hyperliquid": {"ws_url": "ws://127.0.0.1:)"
        << hl_port << R"(/ws", "info_url": "http://127.0.0.1:)" << hl_port
        << R"(/info", "ping_interval_ms": 1000, "ws_stale_ms": 5000},
      "binance": {"rest_url": "http://127.0.0.1:)"
        << bn_port << R"(", "ws_url": "ws://127.0.0.1:)" << bn_port << R"("},
      "storage": {"path": ")"
        << db_path << R"("},
      "safety": {"shutdown_grace_ms": 3000},
      "logging": {"format": "json", "level": "info"},
      "metrics": {"enabled": false}})";
  }
  std::string bin = HLCOPY_BIN;
  std::vector<std::string> args{bin, "run", "--config", cfg_path};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, bin.c_str(), nullptr, nullptr, argv.data(), environ)
          == 0);
  REQUIRE(eventually([&] { return hl.snapshot().tracked_users == 1; }));

  // The leader opens six coins at the mids (no px: the simulator fills at
  // the mid, which both simulators share), then reduces two and closes one.
  auto trade = [&](const char* coin, char side, const char* sz) {
    hlc::sim::hl::trade_spec t;
    t.leader = leader;
    t.coin = coin;
    t.side = side;
    t.sz = sz;
    hl.push_trade(t);
  };
  trade("BTC", 'B', "0.04");
  trade("ETH", 'B', "1.0");
  trade("SOL", 'A', "20");
  trade("DOGE", 'B', "6000");
  trade("SUI", 'B', "400");
  trade("kPEPE", 'A', "100000");
  trade("BTC", 'A', "0.02");  // BTC 0.04 → 0.02
  trade("SOL", 'B', "20");    // SOL flat
  trade("DOGE", 'A', "2000"); // DOGE 6000 → 4000
  // Ratio 0.5 of the leader's final positions (each a whole number of the
  // symbol's step, so "within one step" is exact here).
  std::map<std::string, decimal> expected{
      {"BTCUSDT", decimal::parse_or_throw("0.01")},
      {"ETHUSDT", decimal::parse_or_throw("0.5")},
      {"DOGEUSDT", decimal::parse_or_throw("2000")},
      {"SUIUSDT", decimal::parse_or_throw("0")},
      {"1000PEPEUSDT", decimal::parse_or_throw("-50000")}};
  auto on_target = [&] {
    auto got = paper_positions(db_path);
    for (auto& [symbol, qty] : expected)
      if (got[symbol] != qty) return false;
    return got["SOLUSDT"].is_zero();
  };
  bool reached = eventually(on_target);
  if (!reached) {
    for (auto& [symbol, qty] : paper_positions(db_path))
      UNSCOPED_INFO(symbol << " " << qty.to_string());
  }
  CHECK(reached);
  CHECK(count(db_path, "SELECT COUNT(*) FROM processed_fills") == 9);
  CHECK(count(db_path, "SELECT COUNT(*) FROM skips WHERE symbol = 'SUIUSDT' "
                       "AND reason = 'symbol_disabled'")
        >= 1);
  // The leader's SUI fill itself is skipped for the same reason.
  CHECK(count(db_path, "SELECT COUNT(*) FROM skips WHERE reason = "
                       "'symbol_disabled' AND detail LIKE 'SUIUSDT disabled:%'")
        == 1);
  CHECK(count(db_path, "SELECT COUNT(*) FROM skips WHERE reason = "
                       "'symbol_disabled' AND symbol NOT IN ('SUIUSDT', '')")
        == 0);
  CHECK(count(db_path, "SELECT COUNT(*) FROM orders WHERE state IN "
                       "('PENDING','UNKNOWN','SUBMITTED')")
        == 0);
  // dry-run: Binance was only read, never written to with a signature.
  CHECK(bn.venue().signed_write_count() == 0);

  // `status` and `why` read the DB while the service runs (issue 9).
  auto st = hlc::test::run_hlcopy(dir.path,
                                  "status --config " + cfg_path + " --json");
  CHECK(st.status == 0);
  CHECK(st.out.find("\"1000PEPEUSDT\"") != std::string::npos);
  auto why
      = hlc::test::run_hlcopy(dir.path, "why SOLUSDT --config " + cfg_path);
  CHECK(why.status == 0);
  CHECK(why.out.find("SOLUSDT") != std::string::npos);
  INFO(st.out << why.out);

  auto sent = std::chrono::steady_clock::now();
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = -1;
  REQUIRE(
      eventually([&] { return waitpid(pid, &status, WNOHANG) == pid; }, 10s));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(std::chrono::steady_clock::now() - sent < 5s);
  bn.stop();
  hl.stop();
}
