// The server's connection ends and its TLS side: a `Connection: close`
// answer arrives whole, clients are told apart by IP, an admission hook
// refuses upgrades, and https/wss work on the same port with a test CA.

#include "sim/common/server.hpp"

#include "sim/common/wall_clock.hpp"
#include "sim_client.hpp"
#include "sim_tls_client.hpp"
#include "tls_ca.hpp"

#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

using namespace hlc::sim;
using namespace std::chrono_literals;
using hlc::sim::test::http_client;
using hlc::sim::test::make_test_ca;
using hlc::sim::test::raw_exchange;
using hlc::sim::test::tls_request;
using hlc::sim::test::tls_target;
using hlc::sim::test::ws_client;

namespace {

/// `/big` answers `big_size` bytes; `/ws` greets; `/full` is refused by
/// the admission hook with a 429.
struct close_fixture {
  static constexpr size_t big_size = 1u << 20; // well above 170 KB
  manual_clock clock{1'000'000};
  std::mutex mtx;
  std::vector<http_request> seen;
  server srv{make_handlers(), clock};

  static std::string big_body() {
    std::string body(big_size, 'x');
    for (size_t i = 0; i < body.size(); i += 1000)
      body[i] = static_cast<char>('a' + (i / 1000) % 26);
    return body;
  }

  handlers make_handlers() {
    handlers h;
    h.on_http = [this](const http_request& r) {
      std::lock_guard<std::mutex> guard{mtx};
      seen.push_back(r);
      http_response resp;
      resp.content_type = "text/plain";
      resp.body = r.path == "/big" ? big_body() : "ok " + r.remote_ip;
      return resp;
    };
    h.on_ws_admit = [](const http_request& r) -> std::optional<http_response> {
      if (r.path != "/full") return std::nullopt;
      http_response refusal;
      refusal.status = 429;
      refusal.content_type = "text/plain";
      refusal.body = "too many connections";
      return refusal;
    };
    h.on_ws_open = [](const http_request&, ws_peer_ptr peer) {
      peer->send_text("hello");
      return true;
    };
    return h;
  }
};

std::string body_of(const std::string& raw) {
  auto at = raw.find("\r\n\r\n");
  return at == std::string::npos ? std::string{} : raw.substr(at + 4);
}

} // namespace

TEST_CASE("a Connection: close answer arrives whole before the close",
          "[sim][server]") {
  close_fixture f;
  auto port = f.srv.start(0);
  auto r = raw_exchange(
      port, "GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(r.error.empty()); // a clean FIN, not a reset
  REQUIRE(r.data.rfind("HTTP/1.1 200", 0) == 0);
  auto body = body_of(r.data);
  CHECK(body.size() == close_fixture::big_size);
  CHECK(body == close_fixture::big_body());
}

TEST_CASE("an HTTP/1.0 request without keep-alive also gets its whole answer",
          "[sim][server]") {
  close_fixture f;
  auto port = f.srv.start(0);
  auto r = raw_exchange(port, "GET /big HTTP/1.0\r\nHost: x\r\n\r\n");
  CHECK(r.error.empty());
  CHECK(body_of(r.data).size() == close_fixture::big_size);
}

TEST_CASE("requests carry the client's IP; any 127.0.0.x is another client",
          "[sim][server]") {
  close_fixture f;
  auto port = f.srv.start(0);
  auto a = raw_exchange(
      port, "GET /ip HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000ms,
      "127.0.0.3");
  CHECK(body_of(a.data) == "ok 127.0.0.3");
  http_client c{port};
  CHECK(c.get("/ip").body == "ok 127.0.0.1");
}

TEST_CASE("on_ws_admit refuses an upgrade with its own answer",
          "[sim][server][ws]") {
  close_fixture f;
  auto port = f.srv.start(0);
  CHECK_THROWS_WITH(ws_client(port, "/full"), Catch::Contains("declined"));
  // The raw answer to the upgrade request is the hook's 429.
  http_client c{port};
  auto r = c.request("GET", "/full", "",
                     {{"Upgrade", "websocket"},
                      {"Connection", "Upgrade"},
                      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                      {"Sec-WebSocket-Version", "13"}});
  CHECK(r.status == 429);
  CHECK(r.body == "too many connections");
  ws_client ok{port, "/ws"};
  CHECK(ok.read() == std::optional<std::string>("hello"));
}

TEST_CASE("use_tls: https and wss on the same port, plain still answered",
          "[sim][server][tls]") {
  const auto& ca = make_test_ca("good");
  close_fixture f;
  f.srv.use_tls(ca.cert_file, ca.key_file);
  CHECK(f.srv.tls());
  auto port = f.srv.start(0);
  tls_target good{port, "api.hyperliquid.test", ca.ca_file};

  auto r = tls_request(good, "GET", "/ip");
  INFO(r.error);
  REQUIRE(r.status == 200);
  CHECK(r.body == "ok 127.0.0.1");

  // A large Connection: close answer over TLS arrives whole too.
  auto big = tls_request(good, "GET", "/big");
  REQUIRE(big.status == 200);
  CHECK(big.body.size() == close_fixture::big_size);

  CHECK(hlc::sim::test::tls_ws_first_frame(good, "/ws") == "hello");
  // The IP SAN: a client that dials 127.0.0.1 by address verifies too.
  CHECK(tls_request({port, "127.0.0.1", ca.ca_file}, "GET", "/ip").status
        == 200);
  // Plain HTTP keeps working on the same port (tests' control traffic).
  http_client plain{port};
  CHECK(plain.get("/ip").status == 200);
}

TEST_CASE("TLS verification fails for a wrong host name or an unknown CA",
          "[sim][server][tls]") {
  const auto& ca = make_test_ca("good");
  const auto& other = make_test_ca("other");
  close_fixture f;
  f.srv.use_tls(ca.cert_file, ca.key_file);
  auto port = f.srv.start(0);
  auto wrong_host
      = tls_request({port, "api.hyperliquid.xyz", ca.ca_file}, "GET", "/ip");
  CHECK(wrong_host.status == 0);
  CHECK_THAT(wrong_host.error, Catch::Contains("certificate verify failed"));
  auto unknown_ca = tls_request({port, "api.hyperliquid.test", other.ca_file},
                                "GET", "/ip");
  CHECK(unknown_ca.status == 0);
  CHECK_THAT(unknown_ca.error, Catch::Contains("certificate verify failed"));
  // The server survives failed handshakes.
  CHECK(tls_request({port, "api.hyperliquid.test", ca.ca_file}, "GET", "/ip")
            .status
        == 200);
}

TEST_CASE("use_tls names the file it cannot load", "[sim][server][tls]") {
  close_fixture f;
  CHECK_THROWS_WITH(f.srv.use_tls("/nonexistent/cert.pem", "/nonexistent/k"),
                    Catch::Contains("--tls-cert /nonexistent/cert.pem"));
  const auto& ca = make_test_ca("good");
  CHECK_THROWS_WITH(f.srv.use_tls(ca.cert_file, "/nonexistent/key.pem"),
                    Catch::Contains("--tls-key /nonexistent/key.pem"));
  CHECK_FALSE(f.srv.tls());
}
