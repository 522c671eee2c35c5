#include "sim/common/recorder.hpp"

#include "sim/common/json_util.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace hlc::sim;

TEST_CASE("recorder keeps requests and frames in order and dumps JSON",
          "[sim][recorder]") {
  recorder rec;
  http_request r;
  r.method = "POST";
  r.path = "/fapi/v1/order";
  r.query = "symbol=BTCUSDT";
  r.headers["x-mbx-apikey"] = "test-key";
  r.body = "{\"a\":\"b\"}";
  r.received_us = 5;
  r.connection = 9;
  rec.record(r);
  rec.record_ws_in(3, "{\"method\":\"ping\"}", 6, "/ws");
  rec.record_frame(3, "{\"channel\":\"pong\"}", 7);
  auto reqs = rec.requests();
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[0].seq == 1);
  CHECK(reqs[1].method == "WS");
  auto doc = parse_json(rec.requests_json(), "requests");
  const auto& a = doc["requests"];
  REQUIRE(a.Size() == 2);
  CHECK(std::string(a[0]["path"].GetString()) == "/fapi/v1/order");
  CHECK(std::string(a[0]["query"].GetString()) == "symbol=BTCUSDT");
  CHECK(std::string(a[0]["headers"]["x-mbx-apikey"].GetString()) == "test-key");
  CHECK(std::string(a[0]["body"].GetString()) == "{\"a\":\"b\"}");
  CHECK(a[0]["received_us"].GetInt64() == 5);
  CHECK(a[0]["connection"].GetUint64() == 9);
  auto frames = parse_json(rec.frames_json(), "frames");
  REQUIRE(frames["frames"].Size() == 1);
  CHECK(std::string(frames["frames"][0]["text"].GetString())
        == "{\"channel\":\"pong\"}");
  CHECK(frames["frames"][0]["sent_us"].GetInt64() == 7);
  rec.clear();
  CHECK(rec.requests().empty());
  CHECK(rec.frames().empty());
}

TEST_CASE("recorder is safe to use from several threads", "[sim][recorder]") {
  recorder rec;
  auto work = [&rec](uint64_t conn) {
    for (int i = 0; i < 500; ++i)
      rec.record_frame(conn, "x", i);
  };
  std::thread a{work, 1};
  std::thread b{work, 2};
  a.join();
  b.join();
  auto frames = rec.frames();
  REQUIRE(frames.size() == 1000);
  for (size_t i = 0; i < frames.size(); ++i)
    CHECK(frames[i].seq == i + 1);
}

TEST_CASE("recorder can stop keeping frames", "[sim][recorder]") {
  recorder rec;
  rec.keep_frames(false);
  rec.record_frame(1, "x", 1);
  CHECK(rec.frames().empty());
}
