// Sends signed MARKET orders to an in-process binance_sim over 2 keep-alive
// loopback connections for a few seconds and prints
// {"orders_per_s": N, "orders": n, "errors": e, "seconds": s}.

// Asio's scheduler trips GCC's -Wnull-dereference at -O2 (Boost headers).
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "sim/binance/binance_sim.hpp"
#include "sim/binance/signature.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace hlc::sim;
using namespace hlc::sim::binance;

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  venue_config cfg;
  // The bench measures the simulator, not Binance's limits.
  cfg.limits.orders_per_10s = 1 << 30;
  cfg.limits.orders_per_minute = 1 << 30;
  cfg.limits.weight_per_minute = 1 << 30;
  real_clock clock;
  binance_sim sim{cfg, &clock};
  auto port = sim.start(0);
  std::atomic<long> done{0};
  std::atomic<long> errors{0};
  auto deadline
      = std::chrono::steady_clock::now()
        + std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  auto worker = [&](int id) {
    net::io_context ioc;
    tcp::socket sock{ioc};
    sock.connect({net::ip::make_address("127.0.0.1"), port});
    beast::flat_buffer buf;
    const char* symbol = id == 0 ? "BTCUSDT" : "ETHUSDT";
    const char* qty = id == 0 ? "0.002" : "0.010";
    for (long n = 0; std::chrono::steady_clock::now() < deadline; ++n) {
      // Alternate BUY/SELL so the position (and margin) stays small.
      std::string params = std::string{"symbol="} + symbol
                           + (n % 2 == 0 ? "&side=BUY" : "&side=SELL")
                           + "&type=MARKET&quantity=" + qty
                           + "&newClientOrderId=b" + std::to_string(id) + "-"
                           + std::to_string(n)
                           + "&timestamp=" + std::to_string(clock.now_ms());
      params += "&signature=" + hmac_sha256_hex(test_api_secret, params);
      http::request<http::string_body> req{http::verb::post, "/fapi/v1/order",
                                           11};
      req.set(http::field::host, "127.0.0.1");
      req.set("X-MBX-APIKEY", test_api_key);
      req.set(http::field::content_type, "application/x-www-form-urlencoded");
      req.body() = std::move(params);
      req.prepare_payload();
      http::write(sock, req);
      http::response<http::string_body> res;
      http::read(sock, buf, res);
      if (res.result_int() != 200) ++errors;
      ++done;
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back(worker, i);
  for (auto& t : threads)
    t.join();
  auto elapsed
      = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  sim.stop();
  std::printf("{\"orders_per_s\": %.0f, \"orders\": %ld, \"errors\": %ld, "
              "\"seconds\": %.2f}\n",
              static_cast<double>(done.load()) / elapsed, done.load(),
              errors.load(), elapsed);
  return errors.load() == 0 ? 0 : 1;
}
