#pragma once

// `hlcopy run --config F` in live mode as a child process against an
// in-process hl-sim and binance-sim on loopback (issue 8): the config, the
// keys in the environment (SAF-4), and reads of both sides' state.

#include "persistence/database.hpp"
#include "run_hlcopy.hpp"
#include "sim/binance/binance_sim.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <map>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace live_test {

using namespace std::chrono_literals;
using hlc::decimal;
using hlc::test::eventually;
namespace bsim = hlc::sim::binance;

inline const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

inline decimal d(const char* x) {
  return decimal::parse_or_throw(x);
}

/// Both simulators, a live config pointing at them, and the hlcopy child.
struct live_session {
  explicit live_session(bsim::venue_config vc = {},
                        const std::string& extra = {})
      : hl(clock, 5), bn(std::move(vc)) {
    hl_port = hl.start(0);
    bn_port = bn.start(0);
    // SAF-4: the keys come from the environment, never from the file.
    setenv("HLC_BINANCE_API_KEY", bsim::test_api_key, 1);
    setenv("HLC_BINANCE_API_SECRET", bsim::test_api_secret, 1);
    cfg_path = dir.path + "/live.json";
    db_path = dir.path + "/live.db";
    std::ofstream cfg{cfg_path};
    cfg << R"({"mode": "live", "instance": "t",
      "leaders": [{"address": ")"
        << leader << R"(", "sizing": {"mode": "ratio", "ratio": "0.5"}}],
      "hyperliquid": {"ws_url": "ws://127.0.0.1:)"
        << hl_port << R"(/ws", "info_url": "http://127.0.0.1:)" << hl_port
        << R"(/info", "ping_interval_ms": 1000, "ws_stale_ms": 5000},
      "binance": {"rest_url": "http://127.0.0.1:)"
        << bn_port << R"(", "ws_url": "ws://127.0.0.1:)" << bn_port
        << R"(", "leverage": 3, "margin_type": "isolated"},
      "storage": {"path": ")"
        << db_path << R"("},
      "safety": {"shutdown_grace_ms": 3000},
      "logging": {"format": "json", "level": "info"},
      "metrics": {"enabled": false})"
        << extra << "}";
  }

  ~live_session() {
    if (pid > 0 && waitpid(pid, nullptr, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    bn.stop();
    hl.stop();
  }

  void start() {
    std::string bin = HLCOPY_BIN;
    std::vector<std::string> args{bin, "run", "--config", cfg_path};
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(
        posix_spawn(&pid, bin.c_str(), nullptr, nullptr, argv.data(), environ)
        == 0);
  }

  /// Sends SIGTERM; the exit status.
  int stop() {
    REQUIRE(kill(pid, SIGTERM) == 0);
    return wait_exit(10s);
  }

  /// SIGKILL (kill -9): no shutdown at all.
  void crash() {
    REQUIRE(kill(pid, SIGKILL) == 0);
    wait_exit(10s);
  }

  /// Waits for the child to exit; its exit status (128 + signal).
  int wait_exit(std::chrono::milliseconds bound) {
    int status = -1;
    REQUIRE(eventually([&] { return waitpid(pid, &status, WNOHANG) == pid; },
                       bound));
    pid = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  void trade(const char* coin, char side, const char* sz) {
    hlc::sim::hl::trade_spec t;
    t.leader = leader;
    t.coin = coin;
    t.side = side;
    t.sz = sz;
    hl.push_trade(t);
  }

  std::map<std::string, decimal> venue_positions() {
    std::map<std::string, decimal> out;
    for (auto& p : bn.venue().positions())
      if (!p.amount.is_zero()) out[p.symbol] = p.amount;
    return out;
  }

  int64_t count(const std::string& sql) {
    auto db = hlc::database::open(db_path);
    int64_t n = 0;
    db.session() << sql, soci::into(n);
    return n;
  }

  hlc::sim::real_clock clock;
  hlc::sim::hl::hl_sim hl;
  bsim::binance_sim bn;
  uint16_t hl_port = 0;
  uint16_t bn_port = 0;
  hlc::test::scratch_dir dir;
  std::string cfg_path;
  std::string db_path;
  pid_t pid = 0;
};

} // namespace live_test
