#include "adapters/binance/client_order_id.hpp"
#include "adapters/binance/signing.hpp"

#include <catch2/catch.hpp>

using namespace hlc::binance;

namespace {

// Official vectors, protocol_facts §B.3 (not real credentials).
const std::string futures_secret
    = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
const std::string spot_secret
    = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

} // namespace

TEST_CASE("futures docs example 1: query string signature", "[bn][signing]") {
  CHECK(hmac_sha256_hex(futures_secret,
                        "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price="
                        "9000&timeInForce=GTC&recvWindow=5000&timestamp="
                        "1591702613943")
        == "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
  query_params params{{"symbol", "BTCUSDT"}, {"side", "BUY"},
                      {"type", "LIMIT"},     {"quantity", "1"},
                      {"price", "9000"},     {"timeInForce", "GTC"}};
  CHECK(signed_query(params, 1591702613943, 5000, futures_secret)
        == "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&"
           "timeInForce=GTC&recvWindow=5000&timestamp=1591702613943&signature="
           "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
}

TEST_CASE("futures docs example 3: mixed query and body, no & between",
          "[bn][signing]") {
  std::string query = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC";
  // The docs' own signed string has a stray space after "timestamp=".
  CHECK(sign_query_and_body(
            query,
            "quantity=1&price=9000&recvWindow=5000&timestamp= 1591702613943",
            futures_secret)
        == "f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2");
  CHECK(sign_query_and_body(
            query,
            "quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943",
            futures_secret)
        == "30baaf0fab549bbeda7f5ef201898b34122da25fd23c646cac2c529aebe670a4");
}

TEST_CASE("spot docs vector", "[bn][signing]") {
  query_params params{{"symbol", "LTCBTC"}, {"side", "BUY"},
                      {"type", "LIMIT"},    {"timeInForce", "GTC"},
                      {"quantity", "1"},    {"price", "0.1"}};
  CHECK(signed_query(params, 1499827319559, 5000, spot_secret)
        == "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&"
           "price=0.1&recvWindow=5000&timestamp=1499827319559&signature="
           "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

TEST_CASE("values are URL-encoded and signed as sent", "[bn][signing]") {
  CHECK(url_encode("abc-._~XYZ09") == "abc-._~XYZ09");
  CHECK(url_encode("hl:0x1/a b+c") == "hl%3A0x1%2Fa%20b%2Bc");
  query_params params{{"newClientOrderId", "hl:1/2"}};
  auto q = signed_query(params, 1, 5000, "s");
  auto sig_at = q.find("&signature=");
  REQUIRE(sig_at != std::string::npos);
  auto signed_part = q.substr(0, sig_at);
  CHECK(signed_part
        == "newClientOrderId=hl%3A1%2F2&recvWindow=5000&timestamp=1");
  CHECK(q.substr(sig_at + 11) == hmac_sha256_hex("s", signed_part));
  // Without parameters the string starts with recvWindow.
  CHECK(signed_query({}, 7, 100, "s").rfind("recvWindow=100&timestamp=7&", 0)
        == 0);
}

TEST_CASE("client order id validation", "[bn][client_id]") {
  CHECK(is_valid_client_order_id(std::string(36, 'a')));
  CHECK_FALSE(is_valid_client_order_id(std::string(37, 'a')));
  CHECK_FALSE(is_valid_client_order_id(""));
  CHECK(is_valid_client_order_id(".:/_-AZaz09"));
  for (char c : std::string{" #+=%@!,;?\"'\\\x7f"}) {
    INFO("char code " << static_cast<int>(c));
    CHECK_FALSE(is_valid_client_order_id(std::string{"abc"} + c));
  }
  // Ids seen in real captures.
  CHECK(is_valid_client_order_id("android_MLA5BSDBdSD12WPlEyMh"));
  CHECK(is_valid_client_order_id("O-20240930-081155-001-000-29"));
  CHECK(is_valid_client_order_id("x-xcKtGhcu04075babaeb34c55af79ba"));
  // A Hyperliquid cloid (34 chars) fits, a tx hash (66 chars) does not.
  CHECK(is_valid_client_order_id("0xa1f0cddc17303d07f3fd128d5b35071d"));
  CHECK_FALSE(is_valid_client_order_id(
      "0x3d4770d0527317ef77c404017559cb0103000b34010cc95e97b437cbc3b6087a"));
}
