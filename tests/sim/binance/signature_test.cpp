#include "sim/binance/params.hpp"
#include "sim/binance/signature.hpp"
#include "tests/sim/binance/venue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace hlc::sim;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

namespace {

const std::string vector_params
    = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000"
      "&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
const std::string vector_sig
    = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

// The docs' vector places a BTCUSDT buy at 9000; move the mark so the
// PERCENT_PRICE cap accepts it and the book far away so it rests.
venue_config docs_config() {
  venue_config cfg;
  cfg.marks["BTCUSDT"] = hlc::decimal::from_int(9000);
  return cfg;
}

} // namespace

TEST_CASE("HMAC-SHA256 matches the documented vectors", "[sim][binance]") {
  CHECK(hmac_sha256_hex(test_api_secret, vector_params) == vector_sig);
  // Mixed query+body, without the docs' stray space.
  CHECK(hmac_sha256_hex(test_api_secret,
                        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                        "quantity=1&price=9000&recvWindow=5000"
                        "&timestamp=1591702613943")
        == "30baaf0fab549bbeda7f5ef201898b34122da25fd23c646cac2c529aebe670a4");
  // Spot docs vector.
  CHECK(hmac_sha256_hex(
            "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1"
            "&price=0.1&recvWindow=5000&timestamp=1499827319559")
        == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  CHECK(verify_signature(test_api_secret, vector_params,
                         "3C661234138461FCC7A7D8746C6558C9842D4E10870D2ECBEDF77"
                         "77CAD694AF9"));
}

TEST_CASE("the venue accepts the docs' signed requests", "[sim][binance]") {
  venue_fixture f{docs_config()};
  SECTION("example 1: all in the query string") {
    auto r = f.raw("POST", "/fapi/v1/order",
                   vector_params + "&signature=" + vector_sig);
    CHECK(r.status == 200);
    CHECK(venue_fixture::code_of(r) == 0);
  }
  SECTION("example 2: all in the body") {
    auto r = f.raw("POST", "/fapi/v1/order", "",
                   vector_params + "&signature=" + vector_sig);
    CHECK(r.status == 200);
  }
  SECTION("example 3: mixed query and body, no '&' between") {
    auto r = f.raw(
        "POST", "/fapi/v1/order",
        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC",
        "quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943"
        "&signature="
        "30baaf0fab549bbeda7f5ef201898b34122da25fd23c646cac2c529aebe670a4");
    CHECK(r.status == 200);
  }
}

TEST_CASE("authentication errors carry Binance's codes", "[sim][binance]") {
  venue_fixture f{docs_config()};
  SECTION("tampered signature -> -1022") {
    auto tampered = vector_sig;
    tampered[0] = tampered[0] == 'a' ? 'b' : 'a';
    auto r = f.raw("POST", "/fapi/v1/order",
                   vector_params + "&signature=" + tampered);
    CHECK(r.status == 400);
    CHECK(venue_fixture::code_of(r) == -1022);
  }
  SECTION("tampered parameter -> -1022") {
    auto params = vector_params;
    params.replace(params.find("quantity=1"), 10, "quantity=2");
    auto r
        = f.raw("POST", "/fapi/v1/order", params + "&signature=" + vector_sig);
    CHECK(venue_fixture::code_of(r) == -1022);
  }
  SECTION("signature not last -> -1022") {
    auto r = f.raw("POST", "/fapi/v1/order",
                   "signature=" + vector_sig + "&" + vector_params);
    CHECK(venue_fixture::code_of(r) == -1022);
  }
  SECTION("missing API key -> -2014") {
    auto r = f.raw("POST", "/fapi/v1/order",
                   vector_params + "&signature=" + vector_sig, "", nullptr);
    CHECK(venue_fixture::code_of(r) == -2014);
  }
  SECTION("unknown API key -> -2015") {
    auto r = f.raw("POST", "/fapi/v1/order",
                   vector_params + "&signature=" + vector_sig, "", "nope");
    CHECK(venue_fixture::code_of(r) == -2015);
  }
  SECTION("missing signature -> -1102") {
    auto r = f.raw("GET", "/fapi/v2/positionRisk", "timestamp=1");
    CHECK(venue_fixture::code_of(r) == -1102);
  }
  SECTION("missing timestamp -> -1102") {
    auto r = f.signed_req("GET", "/fapi/v3/positionRisk", "");
    auto q = std::string{"recvWindow=5000"};
    q += "&signature=" + hmac_sha256_hex(test_api_secret, q);
    r = f.raw("GET", "/fapi/v3/positionRisk", q);
    CHECK(venue_fixture::code_of(r) == -1102);
  }
  SECTION("timestamp older than recvWindow -> -1021") {
    f.now_us += 5001 * 1000;
    auto r = f.raw("POST", "/fapi/v1/order",
                   vector_params + "&signature=" + vector_sig);
    CHECK(venue_fixture::code_of(r) == -1021);
    f.now_us -= 1000; // exactly 5000 ms old is still inside the window
    r = f.raw("POST", "/fapi/v1/order",
              vector_params + "&signature=" + vector_sig);
    CHECK(r.status == 200);
  }
  SECTION("timestamp 1000 ms ahead -> -1021") {
    f.now_us -= 1000 * 1000;
    auto r = f.raw("POST", "/fapi/v1/order",
                   vector_params + "&signature=" + vector_sig);
    CHECK(venue_fixture::code_of(r) == -1021);
    f.now_us += 1000; // 999 ms ahead passes
    r = f.raw("POST", "/fapi/v1/order",
              vector_params + "&signature=" + vector_sig);
    CHECK(r.status == 200);
  }
  SECTION("a custom key pair replaces the default") {
    venue_config cfg;
    cfg.api_key = "k";
    cfg.api_secret = "s";
    venue_fixture g{cfg};
    http_request req;
    auto r = g.signed_req("GET", "/fapi/v3/positionRisk", "", "s");
    CHECK(venue_fixture::code_of(r) == -2015); // default key header
    req.method = "GET";
    req.path = "/fapi/v3/positionRisk";
    req.query = "timestamp=" + std::to_string(g.now_ms());
    req.query += "&signature=" + hmac_sha256_hex("s", req.query);
    req.headers["x-mbx-apikey"] = "k";
    CHECK(g.venue.handle(req).status == 200);
  }
}

TEST_CASE("parameters: query wins over body, escapes decode",
          "[sim][binance]") {
  auto p = param_set::parse("a=1&c=x%3Ay", "a=2&b=3");
  CHECK(p.get("a") == std::optional<std::string>{"1"});
  CHECK(p.get("b") == std::optional<std::string>{"3"});
  CHECK(p.get("c") == std::optional<std::string>{"x:y"});
  CHECK_FALSE(param_set::parse("a=%zz", "").valid());
}

TEST_CASE("signed POST/PUT/DELETE are counted, GETs are not",
          "[sim][binance]") {
  venue_fixture f;
  CHECK(f.venue.signed_write_count() == 0);
  f.signed_req("GET", "/fapi/v3/positionRisk", "");
  f.raw("POST", "/fapi/v1/listenKey", "");
  CHECK(f.venue.signed_write_count() == 0);
  f.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
  f.signed_req("DELETE", "/fapi/v1/order", "symbol=BTCUSDT&orderId=1");
  CHECK(f.venue.signed_write_count() == 2);
}
