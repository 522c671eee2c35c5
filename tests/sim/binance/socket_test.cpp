// A few end-to-end checks through the Beast server on loopback.

// Asio's scheduler trips GCC's -Wnull-dereference at -O2 (a false positive
// inside Boost headers); sim/common/server.cpp silences it the same way.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "sim/binance/binance_sim.hpp"
#include "sim/binance/signature.hpp"
#include "tests/sim/binance/venue_fixture.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

struct client {
  net::io_context ioc;
  tcp::socket sock{ioc};
  beast::flat_buffer buf;

  explicit client(uint16_t port) {
    sock.connect({net::ip::make_address("127.0.0.1"), port});
  }

  http::response<http::string_body> send(http::verb verb,
                                         const std::string& target,
                                         const std::string& body = "",
                                         bool sign_key = true) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (sign_key) req.set("X-MBX-APIKEY", test_api_key);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/x-www-form-urlencoded");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(sock, req);
    http::response<http::string_body> res;
    http::read(sock, buf, res);
    return res;
  }
};

std::string signed_query(const wall_clock& clock, std::string params) {
  params += "&timestamp=" + std::to_string(clock.now_ms());
  return params + "&signature=" + hmac_sha256_hex(test_api_secret, params);
}

} // namespace

TEST_CASE("REST over loopback: signed order, headers, keep-alive",
          "[sim][binance][socket]") {
  real_clock clock;
  binance_sim sim{venue_config{}, &clock};
  auto port = sim.start(0);
  REQUIRE(port != 0);
  client c{port};
  auto t = c.send(http::verb::get, "/fapi/v1/time");
  CHECK(t.result_int() == 200);
  CHECK(t["X-MBX-USED-WEIGHT-1M"] == "1");
  auto body
      = signed_query(clock, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
                            "&newOrderRespType=RESULT");
  auto r = c.send(http::verb::post, "/fapi/v1/order", body);
  CHECK(r.result_int() == 200);
  CHECK(r["X-MBX-ORDER-COUNT-10S"] == "1");
  auto doc = parse(r.body());
  CHECK(doc["orderId"].GetUint64() == 8389765739703625592ULL);
  CHECK(std::string{doc["status"].GetString()} == "FILLED");
  // Tampered signature on the same keep-alive connection.
  body.back() = body.back() == '0' ? '1' : '0';
  r = c.send(http::verb::post, "/fapi/v1/order", body);
  CHECK(r.result_int() == 400);
  CHECK(parse(r.body())["code"].GetInt() == -1022);
  CHECK(sim.venue().signed_write_count() == 2);
  auto recs = c.send(http::verb::get, "/_sim/requests");
  CHECK(parse(recs.body()).Size() == 3);
}

TEST_CASE("a reset fault drops the connection after the order executed",
          "[sim][binance][socket]") {
  real_clock clock;
  binance_sim sim{venue_config{}, &clock};
  auto port = sim.start(0);
  client c{port};
  auto f
      = c.send(http::verb::post, "/_sim/fault",
               R"({"http":{)"
               R"("path":"/fapi/v1/order","kind":"reset","executed":true}})");
  REQUIRE(f.result_int() == 200);
  auto body = signed_query(clock, "symbol=BTCUSDT&side=BUY&type=MARKET"
                                  "&quantity=0.002&newClientOrderId=gone");
  CHECK_THROWS(c.send(http::verb::post, "/fapi/v1/order", body));
  auto o = sim.venue().find_order("BTCUSDT", "gone");
  REQUIRE(o);
  CHECK(o->status == "FILLED");
}

TEST_CASE("user-data WebSocket at /private/ws?listenKey=; legacy /ws/ refused",
          "[sim][binance][socket]") {
  real_clock clock;
  binance_sim sim{venue_config{}, &clock};
  auto port = sim.start(0);
  client c{port};
  auto lk = parse(c.send(http::verb::post, "/fapi/v1/listenKey").body());
  std::string key = lk["listenKey"].GetString();
  net::io_context ioc;
  beast::websocket::stream<tcp::socket> ws{ioc};
  ws.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
  ws.handshake("127.0.0.1", "/private/ws?listenKey=" + key);
  // The server calls on_ws_open before it completes the handshake.
  REQUIRE(sim.venue().ws_connections() == 1);
  auto r = c.send(http::verb::post, "/fapi/v1/order",
                  signed_query(clock, "symbol=BTCUSDT&side=BUY&type=MARKET"
                                      "&quantity=0.002"));
  REQUIRE(r.result_int() == 200);
  std::vector<std::string> frames;
  for (int i = 0; i < 4; ++i) {
    beast::flat_buffer b;
    ws.read(b);
    frames.push_back(beast::buffers_to_string(b.data()));
  }
  CHECK(event_types(frames)
        == std::vector<std::string>{"TRADE_LITE", "ORDER_TRADE_UPDATE",
                                    "ACCOUNT_UPDATE", "ORDER_TRADE_UPDATE"});
  // An unknown key is refused.
  beast::websocket::stream<tcp::socket> bad{ioc};
  bad.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
  CHECK_THROWS(bad.handshake("127.0.0.1", "/private/ws?listenKey=nope"));
  // The legacy path is retired (2026-04-23): refused even for the live key.
  beast::websocket::stream<tcp::socket> legacy{ioc};
  legacy.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
  CHECK_THROWS(legacy.handshake("127.0.0.1", "/ws/" + key));
  CHECK(sim.venue().ws_connections() == 1);
}
