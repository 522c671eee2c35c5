#include "actors/executor/client_order_id.hpp"

#include <catch2/catch.hpp>

namespace {

bool valid(const std::string& id) {
  if (id.empty() || id.size() > 36) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '/'
              || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

} // namespace

TEST_CASE("client order ids are deterministic and valid", "[client_id]") {
  auto a = hlc::make_client_order_id("hlc", "0", "SUIUSDT", 1);
  CHECK(a == "hlc-0-SUIUSDT-1");
  CHECK(a == hlc::make_client_order_id("hlc", "0", "SUIUSDT", 1));
  CHECK(hlc::make_client_order_id("hlc", "0", "SUIUSDT", 36)
        == "hlc-0-SUIUSDT-10");
  CHECK(valid(a));
}

TEST_CASE("long client order ids fall back to a symbol hash", "[client_id]") {
  auto id = hlc::make_client_order_id("abcdefgh", "zzzzzzz",
                                      "1000000BOBUSDTXYZ", 123456789);
  CHECK(id.size() <= 36);
  CHECK(valid(id));
  CHECK(id.find("1000000BOB") == std::string::npos);
  CHECK(id
        != hlc::make_client_order_id("abcdefgh", "zzzzzzz", "1000000BOBUSDTXYW",
                                     123456789));
}
