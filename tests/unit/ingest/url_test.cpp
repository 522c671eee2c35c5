#include "adapters/net/url.hpp"

#include <catch2/catch.hpp>

using hlc::net::parse_url;
using hlc::net::url_error;

TEST_CASE("urls parse into bare host, port and target", "[net][url]") {
  auto u = hlc::net::parse_url_or_throw("wss://api.hyperliquid.xyz/ws");
  CHECK(u.tls);
  CHECK(u.host == "api.hyperliquid.xyz");
  CHECK(u.port == 443);
  CHECK(u.target == "/ws");
  CHECK(u.host_header() == "api.hyperliquid.xyz");
  auto h = hlc::net::parse_url_or_throw("HTTP://127.0.0.1:8080");
  CHECK(h.scheme == "http");
  CHECK(h.port == 8080);
  CHECK(h.target == "/");
  CHECK(h.host_header() == "127.0.0.1:8080");
  auto q = hlc::net::parse_url_or_throw("https://x.io:8443?a=1");
  CHECK(q.target == "/?a=1");
  CHECK(q.host_header() == "x.io:8443");
}

TEST_CASE("plain ws:// and http:// only to loopback", "[net][url]") {
  CHECK(std::holds_alternative<hlc::net::endpoint_url>(
      parse_url("ws://127.0.0.1:1/ws")));
  CHECK(std::holds_alternative<hlc::net::endpoint_url>(
      parse_url("ws://127.0.0.7:1/ws")));
  CHECK(std::holds_alternative<hlc::net::endpoint_url>(
      parse_url("http://localhost:1/info")));
  CHECK(std::holds_alternative<hlc::net::endpoint_url>(
      parse_url("http://[::1]:1/info")));
  auto bad = parse_url("ws://api.hyperliquid.xyz/ws");
  REQUIRE(std::holds_alternative<url_error>(bad));
  CHECK(std::get<url_error>(bad).message
        == "url: plain ws:// is only allowed for loopback hosts (127.0.0.x, "
           "localhost); use wss:// for \"api.hyperliquid.xyz\"");
  CHECK(std::holds_alternative<url_error>(parse_url("http://10.0.0.1/x")));
  CHECK(std::holds_alternative<url_error>(parse_url("http://127.0.0.256/x")));
  CHECK(std::holds_alternative<url_error>(parse_url("http://127.evil.com/")));
}

TEST_CASE("bad urls name the problem", "[net][url]") {
  CHECK(std::get<url_error>(parse_url("api.hyperliquid.xyz")).message
        == "url: missing scheme in \"api.hyperliquid.xyz\"");
  CHECK(std::get<url_error>(parse_url("ftp://x/")).message
        == "url: unsupported scheme \"ftp\"");
  CHECK(std::get<url_error>(parse_url("https://x:99999/")).message
        == "url: bad port \"99999\"");
  CHECK(std::get<url_error>(parse_url("https:///x")).message
        == "url: empty host");
}

#include "adapters/hyperliquid/ingest_settings.hpp"

TEST_CASE("ingest settings refuse more than 10 leaders and plain remote urls",
          "[net][settings]") {
  hlc::hyperliquid::ingest_settings s;
  CHECK(validate(s) == "leaders: at least one leader is needed");
  for (int i = 0; i < 11; ++i)
    s.leaders.push_back("0x" + std::string(39, '0') + std::to_string(i % 10)
                        + (i == 10 ? "a" : ""));
  CHECK(validate(s)
        == "leaders: 11 leaders, but Hyperliquid tracks at most 10 users per "
           "IP across user subscriptions");
  s.leaders.resize(10);
  CHECK(validate(s).empty());
  s.ws_url = "ws://api.hyperliquid.xyz/ws";
  CHECK(validate(s).rfind("ws_url: url: plain ws:// is only allowed", 0) == 0);
  s.ws_url = "wss://api.hyperliquid.xyz/ws";
  s.ping_interval_ms = 60'000;
  CHECK(validate(s).rfind("ping_interval_ms:", 0) == 0);
}
