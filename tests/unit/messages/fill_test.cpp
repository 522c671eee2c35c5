#include "messages/fill.hpp"

#include <catch2/catch.hpp>

using hlc::decimal;

TEST_CASE("coins are classified as perp, spot or HIP-3", "[fill]") {
  CHECK(hlc::classify_coin("BTC") == hlc::coin_kind::perp);
  CHECK(hlc::classify_coin("kPEPE") == hlc::coin_kind::perp);
  CHECK(hlc::classify_coin("@107") == hlc::coin_kind::spot);
  CHECK(hlc::classify_coin("PURR/USDC") == hlc::coin_kind::spot);
  CHECK(hlc::classify_coin("xyz:XYZ100") == hlc::coin_kind::hip3);
}

TEST_CASE("end position follows start position and side", "[fill]") {
  hlc::leader_fill f;
  f.start_position = decimal::parse_or_throw("4623.5");
  f.sz = decimal::parse_or_throw("142.7");
  f.side = hlc::side::sell;
  CHECK(f.end_position() == decimal::parse_or_throw("4480.8"));
  f.start_position = decimal::parse_or_throw("-1");
  f.sz = decimal::parse_or_throw("3");
  f.side = hlc::side::buy;
  CHECK(f.end_position() == decimal::parse_or_throw("2"));
}

TEST_CASE("fill keys differ when any component differs", "[fill]") {
  hlc::fill_key a{"0xabc",
                  "BTC",
                  1,
                  2,
                  3,
                  hlc::decimal::from_int(5),
                  hlc::decimal::from_int(1)};
  auto b = a;
  CHECK(a == b);
  CHECK(std::hash<hlc::fill_key>{}(a) == std::hash<hlc::fill_key>{}(b));
  b.tid = 0;
  CHECK(a != b);
  // partial fills of one order in one block without tid (2023 recordings)
  // differ only by the position they start from
  b = a;
  b.start_position = hlc::decimal::from_int(4);
  CHECK(a != b);
  CHECK(hlc::to_string(a) == "BTC:1:2:3");
}
