#include "sim/common/ws_outbox.hpp"

#include "sim/common/fault_plan.hpp"
#include "sim/common/json_util.hpp"
#include "sim/common/recorder.hpp"
#include "sim/common/server.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim_client.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>

using namespace hlc::sim;
using namespace std::chrono_literals;
using hlc::sim::test::ws_client;

namespace {

/// A venue that, on "go N", sends frames "0".."N-1" on channel "c".
struct outbox_fixture {
  explicit outbox_fixture(uint64_t seed = 1) : faults(seed) {
    handlers h;
    h.on_ws_open = [](const http_request&, ws_peer_ptr) { return true; };
    h.on_ws_text = [this](const ws_peer_ptr& p, const std::string& text) {
      auto n = std::stoi(text.substr(3));
      for (int i = 0; i < n; ++i)
        outbox->send(p, std::to_string(i), "c");
    };
    h.on_ws_close = [this](const ws_peer_ptr& p) { outbox->forget(p->id()); };
    srv = std::make_unique<server>(h, clock);
    outbox = std::make_unique<ws_outbox>(*srv, rec, faults, clock);
    port = srv->start(0);
  }

  ~outbox_fixture() { srv->stop(); }

  void add(const std::string& json) {
    auto doc = parse_json(json, "rule");
    faults.add(parse_fault(doc, "rule"));
  }

  /// Sends "go n" and reads frames until none arrive for `quiet`.
  std::vector<std::string> run(int n, std::chrono::milliseconds quiet = 300ms) {
    ws_client ws{port};
    ws.send("go " + std::to_string(n));
    std::vector<std::string> got;
    while (auto f = ws.read(quiet))
      got.push_back(*f);
    last_closed = ws.closed();
    last_reason = ws.close_reason();
    return got;
  }

  manual_clock clock;
  recorder rec;
  fault_plan faults;
  std::unique_ptr<server> srv;
  std::unique_ptr<ws_outbox> outbox;
  uint16_t port = 0;
  bool last_closed = false;
  std::string last_reason;
};

using strings = std::vector<std::string>;

} // namespace

TEST_CASE("outbox without faults sends and records every frame",
          "[sim][outbox]") {
  outbox_fixture f;
  CHECK(f.run(3) == strings{"0", "1", "2"});
  auto frames = f.rec.frames();
  REQUIRE(frames.size() == 3);
  CHECK(frames[2].text == "2");
}

TEST_CASE("ws fault: disconnect after N frames", "[sim][outbox]") {
  outbox_fixture f;
  f.add(R"({"on":"ws","channel":"c","after_n":2,"action":"disconnect"})");
  CHECK(f.run(5) == strings{"0", "1"});
  CHECK(f.last_closed);
  CHECK(f.last_reason != "close frame");
}

TEST_CASE("ws fault: close frame", "[sim][outbox]") {
  outbox_fixture f;
  f.add(R"({"on":"ws","nth":2,"action":"close"})");
  CHECK(f.run(4) == strings{"0"});
  CHECK(f.last_closed);
  CHECK(f.last_reason == "close frame");
}

TEST_CASE("ws fault: silent stall keeps the socket open", "[sim][outbox]") {
  outbox_fixture f;
  f.add(R"({"on":"ws","nth":3,"action":"ws_stall"})");
  CHECK(f.run(6) == strings{"0", "1"});
  CHECK_FALSE(f.last_closed);
}

TEST_CASE("ws fault: duplicate frame", "[sim][outbox]") {
  outbox_fixture f;
  f.add(R"({"on":"ws","nth":2,"action":"duplicate"})");
  CHECK(f.run(3) == strings{"0", "1", "1", "2"});
}

TEST_CASE("ws fault: reorder swaps a frame with the next", "[sim][outbox]") {
  outbox_fixture f;
  f.add(R"({"on":"ws","nth":2,"action":"reorder"})");
  CHECK(f.run(4) == strings{"0", "2", "1", "3"});
}

TEST_CASE("ws fault: malformed frame", "[sim][outbox]") {
  outbox_fixture f;
  f.add(R"({"on":"ws","nth":1,"action":"malformed","malform":"garble"})");
  auto got = f.run(2);
  REQUIRE(got.size() == 2);
  CHECK(got[0] == "#0");
  CHECK(got[1] == "1");
}

TEST_CASE("ws fault: delay holds this and later frames", "[sim][outbox]") {
  outbox_fixture f;
  f.add(R"({"on":"ws","nth":2,"action":"delay","delay_ms":200})");
  ws_client ws{f.port};
  ws.send("go 3");
  CHECK(ws.read() == std::optional<std::string>{"0"});
  // Nothing for a while: frame 1 is delayed and frame 2 waits behind it.
  CHECK_FALSE(ws.read(100ms));
  CHECK(ws.read() == std::optional<std::string>{"1"});
  CHECK(ws.read() == std::optional<std::string>{"2"});
}

TEST_CASE("ws faults with a probability repeat for the same seed",
          "[sim][outbox]") {
  auto run = [](uint64_t seed) {
    outbox_fixture f{seed};
    f.add(R"({"on":"ws","probability":0.5,"action":"duplicate"})");
    return f.run(20);
  };
  auto a = run(11);
  CHECK(a == run(11));
  CHECK(a.size() > 20);
  CHECK(a != run(12));
}
