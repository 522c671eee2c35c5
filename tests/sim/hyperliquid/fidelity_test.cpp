// SIM-5: the simulator's answers have the keys, JSON types and exact bytes
// (where comparable) of REAL Hyperliquid recordings.

#include "hl_test_util.hpp"
#include "sim_client.hpp"

#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"
#include "sim/hyperliquid/hl_venue.hpp"

#include <catch2/catch.hpp>

using namespace hlc::sim;
using namespace hlc::sim::hl;
using namespace hl_test;
using hlc::sim::test::ws_client;

namespace {

const std::string leader_addr = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

trade_spec spec(const std::string& coin, char side, const std::string& px,
                const std::string& sz) {
  trade_spec t;
  t.leader = leader_addr;
  t.coin = coin;
  t.side = side;
  t.px = px;
  t.sz = sz;
  return t;
}

const rapidjson::Value& captured(const rapidjson::Document& d,
                                 const char* name) {
  for (const auto& group : d.GetObject()) {
    if (!group.value.IsObject()) continue;
    for (const auto& kind : group.value.GetObject())
      if (kind.value.IsObject() && kind.value.HasMember(name))
        return kind.value[name];
  }
  FAIL("no capture named " << name);
  static rapidjson::Value none;
  return none;
}

} // namespace

TEST_CASE("replayed 2023 userFills recording is served unchanged",
          "[sim][hl][fidelity]") {
  auto rec = load("test_get_user_fills.json");
  const auto& real = rec["response"];
  REQUIRE(real.Size() == 500);
  auto fills = parse_recorded_fills(to_json(rec), "cassette");
  manual_clock clock;
  hl_venue v{clock};
  // Put the recording into history as-is (times unchanged).
  v.queue_replay(leader_addr, {}, 1.0);
  for (auto& f : fills) {
    clock.set_us(f.time * 1000);
    v.push_recorded(leader_addr, f);
  }
  auto [status, body] = v.info(
      R"({"type":"userFills","user":"0xB7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"})");
  CHECK(status == 200);
  CHECK(body == "[]"); // a different user has no fills
  auto [s2, b2]
      = v.info(R"({"type":"userFills","user":")" + leader_addr + "\"}");
  REQUIRE(s2 == 200);
  auto served = parse(b2);
  REQUIRE(served.Size() == real.Size());
  // Same fills, same order (newest first), same keys, same values.
  for (rapidjson::SizeType i = 0; i < real.Size(); ++i) {
    INFO("fill " << i);
    REQUIRE(shape_diff(real[i], served[i]).empty());
    CHECK(real[i] == served[i]);
  }
}

TEST_CASE("simulated fills have the keys and types of real fills",
          "[sim][hl][fidelity]") {
  manual_clock clock;
  hl_venue v{clock};
  auto t = spec("BTC", 'A', "66653.0", "0.001");
  t.crossed = false;
  t.cloid = "0xe8d5fd7ebbb4c3cff4d1803472a11463";
  t.liquidation = hl_liquidation{
      std::string("0x360878d351f05975e25f1807a27895e1e5e004fb"), "66607.0",
      "market"};
  v.push_trade(t);
  auto [status, body]
      = v.info(R"({"type":"userFills","user":")" + leader_addr + "\"}");
  REQUIRE(status == 200);
  auto served = parse(body);
  REQUIRE(served.Size() == 1);
  SECTION("against the nautilus liquidation capture (userEvents)") {
    auto real = load("ws_user_fill_liquidation.json");
    const auto& fill = real["data"]["fills"][0];
    CHECK(shape_diff(fill, served[0]) == std::vector<std::string>{});
  }
  SECTION("against ccxt's 2024-2026 userFills (ints stringified by ccxt)") {
    auto real = load("hyperliquid.httpResponse.excerpt.json");
    const auto& fills
        = real["fetchMyTrades.userFills.builderFee_liquidation_hip3"];
    const auto& with_liq = fills[1]; // liquidation, no builderFee
    REQUIRE(with_liq.HasMember("liquidation"));
    rapidjson::Document copy;
    copy.CopyFrom(served[0], copy.GetAllocator());
    copy.RemoveMember("cloid"); // that recording's order had no cloid
    CHECK(shape_diff(with_liq, copy, {"time", "oid", "tid"})
          == std::vector<std::string>{});
  }
  SECTION("oid, tid and time are JSON integers; money fields are strings") {
    CHECK(served[0]["oid"].IsUint64());
    CHECK(served[0]["tid"].IsUint64());
    CHECK(served[0]["time"].IsInt64());
    for (const char* k : {"px", "sz", "startPosition", "closedPnl", "fee"})
      CHECK(served[0][k].IsString());
  }
}

TEST_CASE("clearinghouseState matches the captured schema",
          "[sim][hl][fidelity]") {
  manual_clock clock;
  hl_venue v{clock};
  auto req = R"({"type":"clearinghouseState","user":")" + leader_addr + "\"}";
  SECTION("flat account: the REAL testnet capture, key for key") {
    auto caps = load("hyperliquid_ws_rest_captures.json");
    const auto& flat = captured(caps, "REST_clearinghouseState_FLAT");
    auto [status, body] = v.info(req);
    REQUIRE(status == 200);
    auto served = parse(body);
    CHECK(shape_diff(flat, served) == std::vector<std::string>{});
    CHECK(served["assetPositions"].IsArray());
    CHECK(served["assetPositions"].Empty());
  }
  SECTION("with positions: ccxt's cross short and long recording") {
    v.push_trade(spec("SOL", 'A', "138.76", "0.5"));
    v.push_trade(spec("ETH", 'B', "1100.0", "1.6"));
    auto [status, body] = v.info(req);
    REQUIRE(status == 200);
    auto served = parse(body);
    auto real = load("hyperliquid.httpResponse.excerpt.json");
    const auto& cs
        = real["fetchPositions.clearinghouseState.cross_short_and_long"];
    CHECK(shape_diff(cs, served, {"time", "value", "maxLeverage"})
          == std::vector<std::string>{});
    const auto& positions = served["assetPositions"];
    REQUIRE(positions.Size() == 2);
    // Positions are keyed by coin; szi carries the side.
    std::map<std::string, std::string> szi;
    for (const auto& p : positions.GetArray()) {
      CHECK(std::string(p["type"].GetString()) == "oneWay");
      szi[p["position"]["coin"].GetString()] = p["position"]["szi"].GetString();
      CHECK(p["position"]["leverage"]["value"].IsInt());
    }
    CHECK(szi["SOL"] == "-0.5");
    CHECK(szi["ETH"] == "1.6");
  }
}

TEST_CASE("meta and metaAndAssetCtxs match the captured schema",
          "[sim][hl][fidelity]") {
  manual_clock clock;
  hl_venue v{clock};
  auto caps = load("hyperliquid_ws_rest_captures.json");
  const auto& real = captured(caps, "REST_meta_CANONICAL_4_entries");
  auto [status, body] = v.info(R"({"type":"meta"})");
  REQUIRE(status == 200);
  auto served = parse(body);
  // The capture omits marginTables (trimmed by its author); everything it
  // has, the simulator has with the same types.
  for (const auto& m : real.GetObject())
    CHECK(served.HasMember(m.name.GetString()));
  CHECK(shape_diff(real["universe"][0], served["universe"][0])
        == std::vector<std::string>{});
  CHECK(served["collateralToken"].IsInt());
  std::map<std::string, int> decimals;
  for (const auto& u : served["universe"].GetArray())
    decimals[u["name"].GetString()] = u["szDecimals"].GetInt();
  CHECK(decimals["BTC"] == 5);
  CHECK(decimals["ETH"] == 4);
  CHECK(decimals["DOGE"] == 0);
  auto [s2, b2] = v.info(R"({"type":"metaAndAssetCtxs"})");
  REQUIRE(s2 == 200);
  auto ctxs = parse(b2);
  REQUIRE(ctxs.IsArray());
  REQUIRE(ctxs.Size() == 2);
  CHECK(ctxs[1].Size() == served["universe"].Size());
  for (const char* k :
       {"dayNtlVlm", "funding", "impactPxs", "markPx", "midPx", "openInterest",
        "oraclePx", "premium", "prevDayPx", "dayBaseVlm"})
    CHECK(ctxs[1][0].HasMember(k));
  auto [s3, b3] = v.info(R"({"type":"l2Book","coin":"BTC"})");
  REQUIRE(s3 == 200);
  auto book = parse(b3);
  const auto& real_book = captured(caps, "L2BOOK_FAST_BTC_1")["data"];
  rapidjson::Document trimmed;
  trimmed.CopyFrom(real_book, trimmed.GetAllocator());
  trimmed.RemoveMember("fast"); // only WS fast subscriptions echo it
  CHECK(shape_diff(trimmed, book) == std::vector<std::string>{});
  CHECK(book["levels"][0].Size() == 20);
  auto bid
      = hlc::decimal::parse_or_throw(book["levels"][0][0]["px"].GetString());
  auto ask
      = hlc::decimal::parse_or_throw(book["levels"][1][0]["px"].GetString());
  CHECK(bid < ask);
}

TEST_CASE("WS frames equal the REAL captured frames byte for byte",
          "[sim][hl][fidelity][ws]") {
  auto caps = load("hyperliquid_ws_rest_captures.json");
  real_clock clock;
  hl_sim sim{clock};
  auto port = sim.start(0);
  ws_client ws{port};
  CHECK(ws.read()
        == std::optional<std::string>{"Websocket connection established."});
  // Upper-case address in, lower-case and aggregateByTime:false out.
  ws.send(
      R"({"method":"subscribe","subscription":{"type":"userFills","user":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}})");
  auto ack = ws.read();
  REQUIRE(ack);
  CHECK(parse(*ack) == captured(caps, "USER_FILLS_ACK"));
  auto snap = ws.read();
  REQUIRE(snap);
  CHECK(parse(*snap) == captured(caps, "USER_FILLS_EMPTY_SNAPSHOT"));
  ws.send(R"({"method":"ping"})");
  auto pong = ws.read();
  REQUIRE(pong);
  CHECK(*pong == R"({"channel":"pong"})");
  CHECK(parse(*pong) == captured(caps, "PONG"));
  ws.send(
      R"({"method": "subscribe", "subscription": {"type": "noSuchType", "coin": "BTC"}})");
  auto err = ws.read();
  REQUIRE(err);
  CHECK(parse(*err) == captured(caps, "ERROR_FRAME_unknown_type"));
}
