#include "tests/sim/binance/venue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace {

const char* kind(const rapidjson::Value& v) {
  if (v.IsString()) return "string";
  if (v.IsBool()) return "bool";
  if (v.IsNumber()) return "number";
  if (v.IsArray()) return "array";
  return v.IsObject() ? "object" : "null";
}

// Same key names, order and JSON types, recursively.
void same_shape(const rapidjson::Value& ours, const rapidjson::Value& real,
                const std::string& at) {
  INFO("at " << at);
  REQUIRE(std::string{kind(ours)} == kind(real));
  if (real.IsObject()) {
    std::vector<std::string> a;
    std::vector<std::string> b;
    for (auto& m : ours.GetObject())
      a.emplace_back(m.name.GetString());
    for (auto& m : real.GetObject())
      b.emplace_back(m.name.GetString());
    REQUIRE(a == b);
    for (auto& m : real.GetObject())
      same_shape(ours[m.name], m.value, at + "." + m.name.GetString());
  } else if (real.IsArray() && real.Size() > 0 && ours.Size() > 0) {
    same_shape(ours[0], real[0], at + "[0]");
  }
}

const rapidjson::Value& seq(const rapidjson::Document& d, const char* prefix) {
  for (auto& m : d.GetObject())
    if (std::string{m.name.GetString()}.rfind(prefix, 0) == 0) return m.value;
  throw std::runtime_error(std::string{"no sequence "} + prefix);
}

} // namespace

TEST_CASE("user-stream events follow the REAL capture (seq A)",
          "[sim][binance][user_stream]") {
  auto real = parse(read_fixture("binance_usdm_user_stream_captures.json"));
  auto& a = seq(real, "seq_A");
  auto& dseq = seq(real, "seq_D");
  venue_fixture f;
  auto peer = f.connect_user_stream();
  // A limit order that fills immediately, like seq A's first order.
  f.order("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
          "&quantity=0.002&price=95001.0&newClientOrderId=android_x");
  REQUIRE(peer->frames.size() == 4);
  std::vector<std::string> real_types;
  for (rapidjson::SizeType i = 0; i < 4; ++i)
    real_types.emplace_back(a[i]["e"].GetString());
  CHECK(event_types(peer->frames) == real_types);
  auto tl = parse(peer->frames[0]);
  auto otu_new = parse(peer->frames[1]);
  auto au = parse(peer->frames[2]);
  auto otu_trade = parse(peer->frames[3]);
  same_shape(tl, a[0], "TRADE_LITE");
  same_shape(au, a[2], "ACCOUNT_UPDATE");
  // The 2026 capture (seq D) carries the newer `er` field; compare with it.
  same_shape(otu_new, dseq[1], "OTU NEW");
  same_shape(otu_trade, dseq[1], "OTU TRADE");
  CHECK(std::string{otu_new["o"]["x"].GetString()} == "NEW");
  CHECK(std::string{otu_trade["o"]["x"].GetString()} == "TRADE");
  CHECK(std::string{otu_trade["o"]["X"].GetString()} == "FILLED");
  REQUIRE(otu_trade["o"]["i"].IsUint64());
  CHECK(otu_trade["o"]["i"].GetUint64() > (uint64_t{1} << 53));
  CHECK(tl["i"].GetUint64() == otu_trade["o"]["i"].GetUint64());
  CHECK(tl["t"].GetUint64() == otu_trade["o"]["t"].GetUint64());
  CHECK(std::string{otu_trade["o"]["L"].GetString()} == "95000.10");
  CHECK(std::string{otu_trade["o"]["ap"].GetString()} == "95000.10000");
  CHECK(std::string{otu_trade["o"]["n"].GetString()} == "0.09500010");
  CHECK(std::string{au["a"]["P"][0]["pa"].GetString()} == "0.002");
  CHECK(std::string{au["a"]["P"][0]["bep"].GetString()} == "95047.60005");
  CHECK(otu_trade["E"].GetInt64() == f.now_ms());
  // A MARKET reduce-only close: TRADE_LITE p is "0.00" as captured.
  peer->frames.clear();
  f.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.002"
          "&reduceOnly=true");
  REQUIRE(peer->frames.size() == 4);
  auto tl2 = parse(peer->frames[0]);
  CHECK(std::string{tl2["p"].GetString()}
        == std::string{a[4]["p"].GetString()});
  auto trade2 = parse(peer->frames[3]);
  CHECK(trade2["o"]["R"].GetBool());
  CHECK(std::string{trade2["o"]["p"].GetString()} == "0");
  CHECK(std::string{parse(peer->frames[2])["a"]["P"][0]["pa"].GetString()}
        == "0");
}

TEST_CASE("event order is configurable (OTU first)",
          "[sim][binance][user_stream]") {
  venue_config cfg;
  cfg.order = event_order::otu_first;
  venue_fixture f{cfg};
  auto peer = f.connect_user_stream();
  f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
  CHECK(event_types(peer->frames)
        == std::vector<std::string>{"ORDER_TRADE_UPDATE", "ORDER_TRADE_UPDATE",
                                    "ACCOUNT_UPDATE", "TRADE_LITE"});
  // Resting orders: NEW only, then CANCELED; no ACCOUNT_UPDATE.
  peer->frames.clear();
  f.order("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
          "&quantity=0.002&price=90000&newClientOrderId=rest");
  f.signed_req("DELETE", "/fapi/v1/order",
               "symbol=BTCUSDT&origClientOrderId=rest");
  REQUIRE(peer->frames.size() == 2);
  CHECK(std::string{parse(peer->frames[1])["o"]["x"].GetString()}
        == "CANCELED");
}

TEST_CASE("listenKey lifecycle: same key, keepalive, expiry then silence",
          "[sim][binance][user_stream]") {
  venue_fixture f;
  auto k1 = parse(f.raw("POST", "/fapi/v1/listenKey", "").body);
  auto k2 = parse(f.raw("POST", "/fapi/v1/listenKey", "").body);
  std::string key = k1["listenKey"].GetString();
  CHECK(key.size() == 64);
  CHECK(key == k2["listenKey"].GetString());
  auto peer = std::make_shared<fake_peer>(7);
  CHECK_FALSE(f.venue.ws_open("/private/ws?listenKey=unknown", peer));
  CHECK(f.venue.ws_open("/private/ws?listenKey=" + key, peer));
  // Keepalive at 59 min extends the key by 60 min.
  f.now_us += 59LL * 60 * 1000 * 1000;
  CHECK(f.raw("PUT", "/fapi/v1/listenKey", "").status == 200);
  f.now_us += 59LL * 60 * 1000 * 1000;
  f.venue.poll();
  CHECK(f.venue.listen_key() == key);
  // 60 min without keepalive: listenKeyExpired, then nothing.
  f.now_us += 2LL * 60 * 1000 * 1000;
  f.venue.poll();
  REQUIRE(peer->frames.size() == 1);
  auto ev = parse(peer->frames[0]);
  CHECK(std::string{ev["e"].GetString()} == "listenKeyExpired");
  CHECK(std::string{ev["listenKey"].GetString()} == key);
  f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
  CHECK(peer->frames.size() == 1);
  CHECK(venue_fixture::code_of(f.raw("PUT", "/fapi/v1/listenKey", ""))
        == -1125);
  auto k3 = parse(f.raw("POST", "/fapi/v1/listenKey", "").body);
  CHECK(std::string{k3["listenKey"].GetString()} != key);
  SECTION("forced expiry via the control route") {
    auto p2 = std::make_shared<fake_peer>(8);
    CHECK(f.venue.ws_open(
        std::string{"/private/ws/"} + k3["listenKey"].GetString(), p2));
    auto r = f.raw("POST", "/_sim/expire_listen_key", "");
    CHECK(r.status == 200);
    REQUIRE(p2->frames.size() == 1);
    CHECK(event_types(p2->frames)[0] == "listenKeyExpired");
  }
  SECTION("DELETE closes the stream") {
    CHECK(f.raw("DELETE", "/fapi/v1/listenKey", "").status == 200);
    CHECK(venue_fixture::code_of(f.raw("PUT", "/fapi/v1/listenKey", ""))
          == -1125);
  }
}

TEST_CASE("listenKey needs an API key but no signature",
          "[sim][binance][user_stream]") {
  venue_fixture f;
  CHECK(venue_fixture::code_of(
            f.raw("POST", "/fapi/v1/listenKey", "", "", nullptr))
        == -2014);
  CHECK(f.raw("POST", "/fapi/v1/listenKey", "").status == 200);
}

TEST_CASE("the legacy /ws/<listenKey> path is refused; both new paths work",
          "[sim][binance][user_stream]") {
  venue_fixture f;
  std::string key
      = parse(f.raw("POST", "/fapi/v1/listenKey", "").body)["listenKey"]
            .GetString();
  CHECK_FALSE(f.venue.ws_open("/ws/" + key, std::make_shared<fake_peer>(1)));
  CHECK(f.venue.ws_connections() == 0);
  CHECK(f.venue.ws_open("/private/ws?listenKey=" + key,
                        std::make_shared<fake_peer>(2)));
  CHECK(f.venue.ws_open("/private/ws/" + key, std::make_shared<fake_peer>(3)));
  CHECK(f.venue.ws_connections() == 2);
}
