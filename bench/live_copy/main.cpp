// bench_live_copy (SPEC PERF-1, PERF-2): `hlcopy run` in live mode, end to
// end on loopback, as a user runs it.
//
//   bench_live_copy [--mode latency|burst] [--fills N] [--rate R]
//                   [--hlcopy BIN] [--keep]
//
// latency (PERF-1): N leader fills (default 2000) at R fills/s (default 100),
// round-robin over four coins, each moving its target by a tradable delta,
// so each fill is one order. The latency of an order is binance-sim's
// receive stamp of `POST /fapi/v1/order` minus the moment hl-sim was asked
// to push the leader's fill (taken just before the push: an upper bound of
// "HL frame sent → Binance order received"). Both simulators run in this
// process on one clock.
// burst (PERF-2): N fills (default 10 000) pushed as fast as hl-sim takes
// them (< 1 s); then every fill must be processed once, orders coalesced,
// and every position equal its target.
// Prints one JSON line; exit code 1 when a fill was lost or a position is
// off target.

#include "persistence/database.hpp"
#include "sim/binance/binance_sim.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
namespace bsim = hlc::sim::binance;
using hlc::decimal;
using clock_type = std::chrono::steady_clock;

const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

struct options {
  std::string mode = "latency";
  size_t fills = 0;
  double rate = 100;
  std::string hlcopy = HLCOPY_BIN;
  bool keep = false;
};

int64_t wall_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

template <class Pred>
bool wait_for(Pred p, std::chrono::seconds bound) {
  auto deadline = clock_type::now() + bound;
  while (!p()) {
    if (clock_type::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

struct coin_leg {
  const char* coin;
  const char* symbol;
  const char* size; ///< leader trade size; half of it clears min notional
};

const std::vector<coin_leg> legs{{"BTC", "BTCUSDT", "0.004"},
                                 {"ETH", "ETHUSDT", "0.02"},
                                 {"SOL", "SOLUSDT", "0.2"},
                                 {"DOGE", "DOGEUSDT", "40"}};

/// Nearest rank below, in whole per-mille (no floating point).
int64_t percentile(std::vector<int64_t> xs, size_t permille) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  return xs[(xs.size() - 1) * permille / 1000];
}

int64_t count(const std::string& db_path, const std::string& sql) {
  auto db = hlc::database::open(db_path);
  int64_t n = 0;
  db.session() << sql, soci::into(n);
  return n;
}

} // namespace

int main(int argc, char** argv) {
  options o;
  for (int i = 1;
       i + 1 < argc || (i < argc && std::string{argv[i]} == "--keep"); ++i) {
    std::string a = argv[i];
    if (a == "--keep") {
      o.keep = true;
    } else if (a == "--mode") {
      o.mode = argv[++i];
    } else if (a == "--fills") {
      o.fills = std::stoul(argv[++i]);
    } else if (a == "--rate") {
      o.rate = std::stod(argv[++i]);
    } else if (a == "--hlcopy") {
      o.hlcopy = argv[++i];
    } else {
      std::cerr << "bench_live_copy: unknown option " << a << "\n";
      return 2;
    }
  }
  const bool burst = o.mode == "burst";
  if (o.fills == 0) o.fills = burst ? 10000 : 2000;

  hlc::sim::real_clock sim_clock;
  hlc::sim::hl::hl_sim hl{sim_clock, 5};
  auto hl_port = hl.start(0);
  bsim::venue_config vc;
  vc.balance = decimal::from_int(1000000);
  bsim::binance_sim bn{vc};
  auto bn_port = bn.start(0);
  auto dir = fs::temp_directory_path()
             / ("hlc-live-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto cfg_path = (dir / "live.json").string();
  auto db_path = (dir / "live.db").string();
  {
    std::ofstream cfg{cfg_path};
    cfg << R"({"mode": "live", "instance": "bench",
      "leaders": [{"address": ")"
        << leader << R"(", "sizing": {"mode": "ratio", "ratio": "0.5"}}],
      "hyperliquid": {"ws_url": "ws://127.0.0.1:)"
        << hl_port << R"(/ws", "info_url": "http://127.0.0.1:)" << hl_port
        << R"(/info"},
      "binance": {"rest_url": "http://127.0.0.1:)"
        << bn_port << R"(", "ws_url": "ws://127.0.0.1:)" << bn_port << R"("},
      "risk": {"max_position_usd": "1000000", "max_gross_usd": "10000000"},
      "storage": {"path": ")"
        << db_path << R"("},
      "logging": {"format": "json", "level": "warn"},
      "metrics": {"enabled": false}})";
  }
  setenv("HLC_BINANCE_API_KEY", bsim::test_api_key, 1);
  setenv("HLC_BINANCE_API_SECRET", bsim::test_api_secret, 1);
  std::vector<std::string> args{o.hlcopy, "run", "--config", cfg_path};
  std::vector<char*> argv_c;
  for (auto& a : args)
    argv_c.push_back(a.data());
  argv_c.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, o.hlcopy.c_str(), nullptr, nullptr, argv_c.data(),
                  environ)
      != 0) {
    std::cerr << "bench_live_copy: cannot start " << o.hlcopy << "\n";
    return 1;
  }
  if (!wait_for([&] { return hl.snapshot().tracked_users == 1; },
                std::chrono::seconds(30))) {
    std::cerr << "bench_live_copy: hlcopy did not subscribe\n";
    kill(pid, SIGKILL);
    return 1;
  }

  // Latency: leader orders of `group` fills each (one Hyperliquid order
  // filled in parts), a new one every group / rate seconds, round-robin
  // over the coins, alternately opening and closing: each leader order is
  // one follower order, well inside Binance's order-rate limits (300 per
  // 10 s, 1200 per minute). Burst: single fills back to back.
  const size_t group = burst ? 1 : 6;
  std::map<uint64_t, int64_t> pushed_us; ///< leader tid → push stamp
  std::map<std::string, int> units;      ///< signed leader position, in sizes
  std::map<std::string, bool> buying;
  auto period
      = std::chrono::duration<double>(static_cast<double>(group) / o.rate);
  auto start = clock_type::now();
  for (size_t g = 0; g * group < o.fills; ++g) {
    if (!burst) std::this_thread::sleep_until(start + period * g);
    auto& leg = legs[g % legs.size()];
    auto& buy = buying.try_emplace(leg.coin, false).first->second;
    // Burst: between one and two sizes long, so the end is never flat.
    buy = burst ? units[leg.coin] <= 1 : !buy;
    for (size_t j = 0; j < group && g * group + j < o.fills; ++j) {
      hlc::sim::hl::trade_spec t;
      t.leader = leader;
      t.coin = leg.coin;
      t.side = buy ? 'B' : 'A';
      t.sz = leg.size;
      units[leg.coin] += buy ? 1 : -1;
      auto stamp = wall_us();
      auto fill = hl.push_trade(t);
      pushed_us[fill.tid.value_or(0)] = stamp;
    }
  }
  auto push_s
      = std::chrono::duration<double>(clock_type::now() - start).count();
  bool processed = wait_for(
      [&] {
        return count(db_path, "SELECT COUNT(*) FROM processed_fills")
               >= static_cast<int64_t>(o.fills);
      },
      std::chrono::seconds(300));
  std::map<std::string, decimal> expected;
  for (auto& leg : legs)
    expected[leg.symbol] = decimal::parse_or_throw(leg.size)
                           * decimal::from_int(units[leg.coin])
                           * decimal::parse_or_throw("0.5");
  auto positions = [&] {
    std::map<std::string, decimal> got;
    for (auto& p : bn.venue().positions())
      got[p.symbol] = p.amount;
    return got;
  };
  // Settled: on target and binance-sim took no new order for 2 s.
  size_t last_orders = 0;
  auto quiet_since = clock_type::now();
  bool on_target = wait_for(
      [&] {
        auto n = bn.venue().orders().size();
        if (n != last_orders) {
          last_orders = n;
          quiet_since = clock_type::now();
          return false;
        }
        if (clock_type::now() - quiet_since < std::chrono::seconds(2))
          return false;
        auto got = positions();
        for (auto& [symbol, qty] : expected)
          if (got[symbol] != qty) return false;
        return true;
      },
      std::chrono::seconds(120));
  // The last order's arrival, not the end of the quiet wait.
  auto settled_s = std::chrono::duration<double>(quiet_since - start).count();
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);

  // Latency: order received at binance-sim − leader fill pushed at hl-sim.
  std::map<std::string, uint64_t> tid_of; ///< client id → leader tid
  {
    auto db = hlc::database::open(db_path);
    soci::rowset<soci::row> rows
        = (db.session().prepare << "SELECT client_id, correlation FROM orders");
    for (auto& r : rows) {
      auto corr = r.get<std::string>(1);
      auto a = corr.find(':');
      auto b = corr.find(':', a + 1);
      auto c = corr.find(':', b + 1);
      if (c == std::string::npos) continue;
      tid_of[r.get<std::string>(0)]
          = std::stoull(corr.substr(b + 1, c - b - 1));
    }
  }
  std::vector<int64_t> lat;
  std::set<std::string> ids;
  size_t duplicates = 0;
  for (auto& r : bn.venue().requests()) {
    if (r.method != "POST" || r.path != "/fapi/v1/order") continue;
    auto k = r.query.find("newClientOrderId=");
    if (k == std::string::npos) continue;
    auto id = r.query.substr(k + 17, r.query.find('&', k) - k - 17);
    if (!ids.insert(id).second) ++duplicates;
    auto t = tid_of.find(id);
    if (t == tid_of.end()) continue;
    auto p = pushed_us.find(t->second);
    if (p != pushed_us.end()) lat.push_back(r.received_us - p->second);
  }
  auto orders = bn.venue().orders().size();
  bn.stop();
  hl.stop();
  if (!o.keep) fs::remove_all(dir);

  std::cout << "{\"bench\":\"live_copy\",\"mode\":\"" << o.mode
            << "\",\"fills\":" << o.fills << ",\"push_seconds\":" << push_s
            << ",\"settled_seconds\":" << settled_s
            << ",\"processed\":" << (processed ? "true" : "false")
            << ",\"on_target\":" << (on_target ? "true" : "false")
            << ",\"orders\":" << orders << ",\"resent_ids\":" << duplicates
            << ",\"latency_samples\":" << lat.size()
            << ",\"hl_sent_to_bn_received_us\":{\"p50\":"
            << percentile(lat, 500) << ",\"p99\":" << percentile(lat, 990)
            << ",\"p999\":" << percentile(lat, 999)
            << ",\"max\":" << percentile(lat, 1000) << "}}\n";
  return processed && on_target ? 0 : 1;
}
