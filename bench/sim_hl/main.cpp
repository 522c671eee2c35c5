// Pushes N leader fills through hl_sim's /ws to a loopback client that
// subscribed to userFills, and prints {"fills_per_s": N, ...} measured from
// the first push to the last fill received.

#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

// Same Asio/GCC 12 false positive as in sim/common/server.cpp.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

int main(int argc, char** argv) {
  size_t total = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100'000;
  const size_t batch = 500;
  const std::string leader = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  hlc::sim::real_clock clock;
  hlc::sim::hl::hl_sim sim{clock};
  sim.requests().keep_frames(false); // measure transport, not the recorder
  auto port = sim.start(0);

  net::io_context ioc;
  beast::websocket::stream<tcp::socket> ws{ioc};
  ws.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
  ws.handshake("127.0.0.1", "/ws");
  beast::flat_buffer buf;
  ws.read(buf); // greeting
  buf.consume(buf.size());
  ws.write(net::buffer(std::string(
      R"({"method":"subscribe","subscription":{"type":"userFills","user":")"
      + leader + "\"}}")));
  ws.read(buf); // ack
  buf.consume(buf.size());
  ws.read(buf); // snapshot
  buf.consume(buf.size());

  auto t0 = std::chrono::steady_clock::now();
  std::thread pusher([&] {
    hlc::sim::hl::trade_spec t;
    t.leader = leader;
    t.coin = "BTC";
    t.px = "63000.0";
    t.sz = "0.001";
    for (size_t done = 0; done < total; done += batch) {
      sim.with_venue([&](hlc::sim::hl::hl_venue& v) {
        for (size_t i = 0; i < batch && done + i < total; ++i) {
          t.side = (done + i) % 2 ? 'A' : 'B';
          v.push_trade(t);
        }
      });
    }
  });
  size_t received = 0;
  while (received < total) {
    ws.read(buf);
    auto text = beast::buffers_to_string(buf.data());
    buf.consume(buf.size());
    if (text.find("\"channel\":\"userFills\"") != std::string::npos) ++received;
  }
  auto elapsed
      = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
  pusher.join();
  beast::error_code ignored;
  ws.next_layer().close(ignored);
  sim.stop();
  std::cout << "{\"fills_per_s\": " << static_cast<uint64_t>(received / elapsed)
            << ", \"fills\": " << received << ", \"seconds\": " << elapsed
            << "}" << std::endl;
  return 0;
}
