// binance-sim: serves the simulated Binance USDⓈ-M Futures REST API and
// user-data WebSocket on 127.0.0.1 (docs/simulators-binance.md).

#include "sim/binance/binance_sim.hpp"
#include "sim/binance/scenario.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

void print_usage(std::ostream& out) {
  out << "usage: binance-sim [--port N] [--scenario FILE] [--seed N]\n"
         "                   [--api-key K --api-secret S]\n"
         "                   [--tls-cert FILE --tls-key FILE] [--help]\n"
         "\n"
         "Simulated Binance USD-M Futures (REST, /private/ws?listenKey=K,\n"
         "market "
         "streams under /market/ and /public/) on 127.0.0.1. The first\n"
         "stdout line is `listening on 127.0.0.1:PORT`.\n"
         "\n"
         "  --port N         port to bind; 0 (default) picks a free one\n"
         "  --scenario FILE  JSON scenario (symbols, marks, books, balance,\n"
         "                   positions, rate limits, faults, stream faults)\n"
         "  --seed N         seed for faults and generated ids (overrides\n"
         "                   the scenario's)\n"
         "  --api-key K      accepted X-MBX-APIKEY\n"
         "  --api-secret S   HMAC-SHA256 secret\n"
         "  --tls-cert FILE  PEM certificate chain: the port also serves\n"
         "                   https/wss (plain http/ws keep working)\n"
         "  --tls-key FILE   PEM private key of --tls-cert\n"
         "\n"
         "Default key pair (the official docs' test vector):\n"
         "  api key    "
      << hlc::sim::binance::test_api_key
      << "\n"
         "  api secret "
      << hlc::sim::binance::test_api_secret
      << "\n"
         "\n"
         "Control routes: POST /_sim/mark, POST /_sim/fault, GET "
         "/_sim/requests,\n"
         "GET /_sim/frames, GET /_sim/orders, GET /_sim/positions, GET "
         "/_sim/stats,\n"
         "POST /_sim/reset, POST /_sim/expire_listen_key.\n";
}

bool parse_number(const std::string& text, unsigned long long max,
                  unsigned long long& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  try {
    out = std::stoull(text);
  } catch (const std::exception&) {
    return false;
  }
  return out <= max;
}

} // namespace

int main(int argc, char** argv) {
  using namespace hlc::sim::binance;
  unsigned long long port = 0;
  std::string scenario;
  std::string key;
  std::string secret;
  std::string tls_cert;
  std::string tls_key;
  bool have_seed = false;
  unsigned long long seed = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "binance-sim: " << name << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      print_usage(std::cout);
      return 0;
    } else if (arg == "--port") {
      auto v = value("--port");
      if (!parse_number(v, 65535, port)) {
        std::cerr << "binance-sim: --port: not a port number: \"" << v
                  << "\"\n";
        return 2;
      }
    } else if (arg == "--scenario") {
      scenario = value("--scenario");
    } else if (arg == "--seed") {
      auto v = value("--seed");
      if (!parse_number(v, ~0ULL, seed)) {
        std::cerr << "binance-sim: --seed: not a number: \"" << v << "\"\n";
        return 2;
      }
      have_seed = true;
    } else if (arg == "--api-key") {
      key = value("--api-key");
    } else if (arg == "--api-secret") {
      secret = value("--api-secret");
    } else if (arg == "--tls-cert") {
      tls_cert = value("--tls-cert");
    } else if (arg == "--tls-key") {
      tls_key = value("--tls-key");
    } else {
      std::cerr << "binance-sim: unknown option \"" << arg << "\"\n";
      print_usage(std::cerr);
      return 2;
    }
  }
  if (key.empty() != secret.empty()) {
    std::cerr << "binance-sim: --api-key and --api-secret go together\n";
    return 2;
  }
  if (tls_cert.empty() != tls_key.empty()) {
    std::cerr << "binance-sim: --tls-cert and --tls-key go together\n";
    return 2;
  }
  venue_config cfg;
  try {
    if (!scenario.empty()) cfg = load_scenario_file(scenario);
  } catch (const std::exception& e) {
    std::cerr << "binance-sim: " << e.what() << "\n";
    return 2;
  }
  if (have_seed) cfg.seed = seed;
  if (!key.empty()) {
    cfg.api_key = key;
    cfg.api_secret = secret;
  }
  // Block the stop signals before the server thread exists so only
  // sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    binance_sim sim{std::move(cfg)};
    if (!tls_cert.empty()) {
      try {
        sim.use_tls(tls_cert, tls_key);
      } catch (const std::exception& e) {
        std::cerr << "binance-sim: " << e.what() << "\n";
        return 2;
      }
    }
    auto bound = sim.start(static_cast<uint16_t>(port));
    std::cout << "listening on 127.0.0.1:" << bound << std::endl;
    int sig = 0;
    sigwait(&stop_signals, &sig);
    sim.stop();
  } catch (const std::exception& e) {
    std::cerr << "binance-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
