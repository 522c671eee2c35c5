// `hlcopy run` in backfill-only mode against hl-sim: the real binary follows
// a leader live, records every fill and the cursor, places no order, and
// exits 0 on SIGTERM within the grace time.

#include "persistence/cursor_repo.hpp"
#include "persistence/database.hpp"
#include "run_hlcopy.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

using namespace std::chrono_literals;
using hlc::test::eventually;

namespace {

const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

int64_t count(const std::string& db_path, const std::string& table) {
  auto db = hlc::database::open(db_path);
  int64_t n = 0;
  db.session() << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

} // namespace

TEST_CASE("hlcopy run backfill-only follows a leader, orders nothing, "
          "stops on SIGTERM and continues from the DB after a restart",
          "[scenario][run]") {
  hlc::sim::real_clock clock;
  hlc::sim::hl::hl_sim sim{clock, 5};
  auto port = sim.start(0);
  hlc::test::scratch_dir dir;
  auto cfg_path = dir.path + "/run.json";
  auto db_path = dir.path + "/run.db";
  {
    std::ofstream cfg{cfg_path};
    cfg << R"({"mode": "backfill-only", "instance": "t",
      "leaders": [{"address": ")"
        << leader << R"(", "sizing": {"mode": "ratio", "ratio": "0.5"}}],
      "hyperliquid": {"ws_url": "ws://127.0.0.1:)"
        << port << R"(/ws", "info_url": "http://127.0.0.1:)" << port
        << R"(/info", "ping_interval_ms": 1000, "ws_stale_ms": 5000},
      "storage": {"path": ")"
        << db_path << R"("},
      "safety": {"shutdown_grace_ms": 3000},
      "logging": {"format": "json", "level": "info"},
      "metrics": {"enabled": false}})";
  }
  std::string bin = HLCOPY_BIN;
  std::vector<std::string> args{bin, "run", "--config", cfg_path};
  auto start = [&] {
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t p = 0;
    REQUIRE(posix_spawn(&p, bin.c_str(), nullptr, nullptr, argv.data(), environ)
            == 0);
    return p;
  };
  auto trade = [&](int i) {
    hlc::sim::hl::trade_spec t;
    t.leader = leader;
    t.coin = i % 2 ? "SUI" : "BTC";
    t.side = i % 3 ? 'B' : 'A';
    t.px = i % 2 ? "1.3" : "63000.0";
    t.sz = i % 2 ? "10.0" : "0.001";
    return sim.push_trade(t).time;
  };
  auto cursor_is = [&](int64_t t) {
    auto db = hlc::database::open(db_path);
    auto c = hlc::cursor_repo{db}.load(leader);
    return c && *c == t;
  };
  auto stop = [&](pid_t p) {
    auto sent = std::chrono::steady_clock::now();
    REQUIRE(kill(p, SIGTERM) == 0);
    int status = -1;
    REQUIRE(eventually([&] { return waitpid(p, &status, WNOHANG) == p; }, 10s));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    // Within the grace time (3 s), plus the process exit.
    CHECK(std::chrono::steady_clock::now() - sent < 5s);
  };

  auto pid = start();
  // Subscribed: the simulator tracks our leader.
  REQUIRE(eventually([&] { return sim.snapshot().tracked_users == 1; }));
  int64_t newest = 0;
  for (int i = 0; i < 20; ++i)
    newest = trade(i);
  REQUIRE(eventually([&] { return cursor_is(newest); }));
  CHECK(count(db_path, "processed_fills") == 20);
  stop(pid);
  CHECK(count(db_path, "orders") == 0); // backfill-only: never an order
  CHECK(count(db_path, "processed_fills") == 20);

  // While it is down the leader trades 5 times: the restart continues from
  // the DB's cursor, and snapshot + backfill add exactly those 5.
  for (int i = 20; i < 25; ++i)
    newest = trade(i);
  pid = start();
  REQUIRE(eventually([&] { return cursor_is(newest); }));
  CHECK(count(db_path, "processed_fills") == 25);
  stop(pid);
  CHECK(count(db_path, "processed_fills") == 25);
  CHECK(count(db_path, "orders") == 0);
  sim.stop();
}
