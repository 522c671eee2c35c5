#include "sim/common/server.hpp"

#include "sim/common/wall_clock.hpp"
#include "sim_client.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

using namespace hlc::sim;
using namespace std::chrono_literals;
using hlc::sim::test::http_client;
using hlc::sim::test::ws_client;

namespace {

/// Echo venue: answers HTTP with what it saw; WS greets and echoes.
struct echo_fixture {
  manual_clock clock{1'000'000};
  std::mutex mtx;
  std::vector<http_request> seen;
  std::vector<uint64_t> closed;
  std::promise<uint64_t> close_promise;
  std::atomic<bool> close_signalled{false};
  http_response next; // template answer
  ws_peer_ptr last_peer;
  server srv{make_handlers(), clock};

  handlers make_handlers() {
    handlers h;
    h.on_http = [this](const http_request& r) {
      std::lock_guard<std::mutex> guard{mtx};
      seen.push_back(r);
      auto resp = next;
      if (resp.body.empty())
        resp.body = r.method + " " + r.path + "?" + r.query + " " + r.body;
      return resp;
    };
    h.on_ws_open = [this](const http_request& r, ws_peer_ptr peer) {
      if (r.path != "/ws") return false;
      last_peer = peer;
      peer->send_text("hello " + std::to_string(peer->id()));
      return true;
    };
    h.on_ws_text = [](const ws_peer_ptr& p, const std::string& text) {
      if (text == "close")
        p->close();
      else if (text == "reset")
        p->reset();
      else
        p->send_text("echo " + text);
    };
    h.on_ws_close = [this](const ws_peer_ptr& p) {
      std::lock_guard<std::mutex> guard{mtx};
      closed.push_back(p->id());
      if (!close_signalled.exchange(true)) close_promise.set_value(p->id());
    };
    return h;
  }
};

} // namespace

TEST_CASE("server answers HTTP with keep-alive and parsed requests",
          "[sim][server]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  REQUIRE(port != 0);
  REQUIRE(f.srv.port() == port);
  http_client c{port};
  auto r1 = c.request("POST", "/info?a=1&b=2", "{\"x\":1}",
                      {{"X-MBX-APIKEY", "k"}});
  REQUIRE(r1.status == 200);
  CHECK(r1.body == "POST /info?a=1&b=2 {\"x\":1}");
  CHECK(r1.headers["content-type"] == "application/json");
  auto r2 = c.get("/other");
  REQUIRE(r2.status == 200);
  std::lock_guard<std::mutex> guard{f.mtx};
  REQUIRE(f.seen.size() == 2);
  CHECK(f.seen[0].target == "/info?a=1&b=2");
  CHECK(f.seen[0].headers.at("x-mbx-apikey") == "k");
  CHECK(f.seen[0].received_us == 1'000'000);
  // Keep-alive: both requests arrived on the same connection.
  CHECK(f.seen[0].connection == f.seen[1].connection);
}

TEST_CASE("server honours status, headers and delay_us", "[sim][server]") {
  echo_fixture f;
  f.next.status = 429;
  f.next.headers = {{"Retry-After", "7"}};
  f.next.body = "{\"code\":-1003}";
  f.next.delay_us = 150'000;
  auto port = f.srv.start(0);
  http_client c{port};
  auto t0 = std::chrono::steady_clock::now();
  auto r = c.get("/x");
  auto elapsed = std::chrono::steady_clock::now() - t0;
  REQUIRE(r.status == 429);
  CHECK(r.headers["retry-after"] == "7");
  CHECK(r.body == "{\"code\":-1003}");
  CHECK(elapsed >= 150ms);
}

TEST_CASE("server reset closes the connection without an answer",
          "[sim][server]") {
  echo_fixture f;
  f.next.reset = true;
  auto port = f.srv.start(0);
  http_client c{port};
  auto r = c.get("/x");
  CHECK(r.status == 0);
  CHECK_FALSE(r.error.empty());
}

TEST_CASE("server stall keeps the socket open and never answers",
          "[sim][server]") {
  echo_fixture f;
  f.next.stall = true;
  auto port = f.srv.start(0);
  http_client c{port};
  auto r = c.request("GET", "/x", "", {}, 300ms);
  CHECK(r.status == -1);
  CHECK(r.error == "timeout");
}

TEST_CASE("server upgrades to WebSocket on the same port and greets first",
          "[sim][server][ws]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  ws_client ws{port, "/ws"};
  auto greeting = ws.read();
  REQUIRE(greeting);
  CHECK(greeting->rfind("hello ", 0) == 0);
  ws.send("a");
  ws.send("b");
  CHECK(ws.read() == std::optional<std::string>{"echo a"});
  CHECK(ws.read() == std::optional<std::string>{"echo b"});
  // Plain HTTP still works on the same port.
  http_client c{port};
  CHECK(c.get("/y").status == 200);
}

TEST_CASE("server rejects an upgrade when on_ws_open says no",
          "[sim][server][ws]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  CHECK_THROWS_WITH(ws_client(port, "/nope"), Catch::Contains("declined"));
  // The raw answer to the upgrade request is a 404.
  http_client c{port};
  auto r = c.request("GET", "/nope", "",
                     {{"Upgrade", "websocket"},
                      {"Connection", "Upgrade"},
                      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                      {"Sec-WebSocket-Version", "13"}});
  CHECK(r.status == 404);
}

TEST_CASE("ws_peer close sends a close frame and reports on_ws_close once",
          "[sim][server][ws]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  ws_client ws{port};
  REQUIRE(ws.read());
  ws.send("close");
  REQUIRE(ws.wait_closed());
  CHECK(ws.close_reason() == "close frame");
  auto fut = f.close_promise.get_future();
  REQUIRE(fut.wait_for(5s) == std::future_status::ready);
  std::lock_guard<std::mutex> guard{f.mtx};
  CHECK(f.closed.size() == 1);
}

TEST_CASE("ws_peer reset drops the TCP connection without a close frame",
          "[sim][server][ws]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  ws_client ws{port};
  REQUIRE(ws.read());
  ws.send("reset");
  REQUIRE(ws.wait_closed());
  CHECK(ws.close_reason() != "close frame");
  auto fut = f.close_promise.get_future();
  CHECK(fut.wait_for(5s) == std::future_status::ready);
}

TEST_CASE("client close triggers on_ws_close", "[sim][server][ws]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  ws_client ws{port};
  REQUIRE(ws.read());
  ws.close();
  auto fut = f.close_promise.get_future();
  REQUIRE(fut.wait_for(5s) == std::future_status::ready);
}

TEST_CASE("send_text from another thread is delivered in order",
          "[sim][server][ws]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  ws_client ws{port};
  REQUIRE(ws.read());
  // Wait until the server saw the upgrade (the greeting proves it).
  for (int i = 0; i < 100; ++i)
    f.last_peer->send_text(std::to_string(i));
  for (int i = 0; i < 100; ++i)
    REQUIRE(ws.read() == std::optional<std::string>{std::to_string(i)});
}

TEST_CASE("schedule runs later on the io thread; cancel prevents it",
          "[sim][server]") {
  echo_fixture f;
  f.srv.start(0);
  std::promise<bool> ran;
  std::atomic<bool> cancelled_ran{false};
  auto id = f.srv.schedule(50'000, [&] { cancelled_ran = true; });
  f.srv.cancel(id);
  f.srv.schedule(100'000, [&] { ran.set_value(f.srv.in_io_thread()); });
  auto fut = ran.get_future();
  REQUIRE(fut.wait_for(5s) == std::future_status::ready);
  CHECK(fut.get());
  CHECK_FALSE(cancelled_ran.load());
  CHECK_FALSE(f.srv.in_io_thread());
}

TEST_CASE("stop closes open connections and is idempotent", "[sim][server]") {
  echo_fixture f;
  auto port = f.srv.start(0);
  ws_client ws{port};
  REQUIRE(ws.read());
  f.srv.stop();
  CHECK(ws.wait_closed());
  f.srv.stop();
  http_client c{port};
  CHECK(c.get("/x").status == 0);
}

TEST_CASE("start fails clearly when the port is taken", "[sim][server]") {
  echo_fixture a;
  auto port = a.srv.start(0);
  manual_clock clock;
  server b{handlers{}, clock};
  CHECK_THROWS_AS(b.start(port), std::runtime_error);
}
