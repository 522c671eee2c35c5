// hl-sim: serves the Hyperliquid simulator on 127.0.0.1 until SIGINT or
// SIGTERM. The first stdout line is exactly "listening on 127.0.0.1:PORT".

#include "sim/common/json_util.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace {

const char* const usage = R"(usage: hl-sim [options]
  --port N                 listen on 127.0.0.1:N (0 = pick a free port; default 0)
  --scenario FILE          scenario JSON: coins, leaders, trades, faults, settings
  --fills FILE             recorded fills to replay (array or {"response":[...]})
  --leader ADDR            the leader the recorded fills belong to (with --fills)
  --time-compression X     replay X times faster than recorded (default 1)
  --seed N                 fault-plan seed (default 0)
  --page-size N            userFillsByTime page cap (default 2000; 500 = 2023)
  --idle-timeout-ms N      close WS connections silent for N ms (default 60000)
  --tls-cert FILE          PEM certificate chain: the port also serves
                           https/wss (plain http/ws keep working)
  --tls-key FILE           PEM private key of --tls-cert
  --help                   this text
Serves POST /info and ws://127.0.0.1:PORT/ws (with TLS also https/wss);
control routes under /_sim/ (see docs/simulators.md). The first stdout line is "listening on 127.0.0.1:PORT".
)";

struct options {
  uint16_t port = 0;
  std::string scenario;
  std::string fills;
  std::string leader;
  double compression = 1.0;
  uint64_t seed = 0;
  std::optional<size_t> page_size;
  std::optional<int64_t> idle_ms;
  std::string tls_cert;
  std::string tls_key;
};

uint64_t number(const std::string& flag, const std::string& text) {
  try {
    size_t used = 0;
    auto v = std::stoull(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
    // fall through to the error below
  }
  throw hlc::sim::input_error(flag + ": not a non-negative integer: \"" + text
                              + "\"");
}

options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << usage;
      std::exit(0);
    }
    if (i + 1 >= argc)
      throw hlc::sim::input_error(a + ": missing value (see --help)");
    std::string v = argv[++i];
    if (a == "--port") {
      auto p = number(a, v);
      if (p > 65535) throw hlc::sim::input_error("--port: out of range: " + v);
      o.port = static_cast<uint16_t>(p);
    } else if (a == "--scenario") {
      o.scenario = v;
    } else if (a == "--fills") {
      o.fills = v;
    } else if (a == "--leader") {
      o.leader = v;
    } else if (a == "--time-compression") {
      try {
        o.compression = std::stod(v);
      } catch (const std::exception&) {
        o.compression = -1;
      }
      if (!(o.compression > 0))
        throw hlc::sim::input_error("--time-compression: must be a positive "
                                    "number: \""
                                    + v + "\"");
    } else if (a == "--seed") {
      o.seed = number(a, v);
    } else if (a == "--page-size") {
      o.page_size = number(a, v);
      if (*o.page_size == 0)
        throw hlc::sim::input_error("--page-size: must be positive");
    } else if (a == "--idle-timeout-ms") {
      o.idle_ms = static_cast<int64_t>(number(a, v));
    } else if (a == "--tls-cert") {
      o.tls_cert = v;
    } else if (a == "--tls-key") {
      o.tls_key = v;
    } else {
      throw hlc::sim::input_error("unknown option " + a + " (see --help)");
    }
  }
  if (!o.fills.empty() && o.leader.empty())
    throw hlc::sim::input_error("--fills needs --leader ADDR");
  if (o.tls_cert.empty() != o.tls_key.empty())
    throw hlc::sim::input_error("--tls-cert and --tls-key go together");
  return o;
}

} // namespace

int main(int argc, char** argv) {
  // Block the stop signals before any thread starts so that only sigwait
  // below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    auto o = parse(argc, argv);
    hlc::sim::real_clock clock;
    hlc::sim::hl::hl_sim sim{clock, o.seed};
    if (!o.scenario.empty()) sim.load_scenario_file(o.scenario);
    if (!o.fills.empty()) sim.load_fills_file(o.fills, o.leader, o.compression);
    if (o.page_size || o.idle_ms) {
      sim.with_venue([&](hlc::sim::hl::hl_venue& v) {
        auto s = v.settings();
        if (o.page_size) s.page_size = *o.page_size;
        if (o.idle_ms) s.idle_timeout_us = *o.idle_ms * 1000;
        v.settings(s);
      });
    }
    if (!o.tls_cert.empty()) sim.use_tls(o.tls_cert, o.tls_key);
    auto port = sim.start(o.port);
    std::cout << "listening on 127.0.0.1:" << port << std::endl;
    int sig = 0;
    sigwait(&stop_signals, &sig);
    sim.stop();
    std::cerr << "hl-sim: stopped by signal " << sig << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "hl-sim: " << e.what() << "\n";
    return 2;
  }
}
