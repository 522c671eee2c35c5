#include "adapters/binance/market_stream.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::binance;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

// The Binance docs' example (nautilus_trader's mark_price_stream.json, a
// DOC-EXAMPLE: no recording of this stream exists in fixtures/real).
constexpr const char* mark_event
    = R"({"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT",)"
      R"("p":"11794.15000000","i":"11784.62659091","P":"11784.25641265",)"
      R"("r":"0.00038167","T":1562306400000,"st":1})";

template <class T>
T expect(const market_stream_event& e) {
  if (auto err = std::get_if<parse_error>(&e))
    FAIL("parse error: " << err->to_string());
  REQUIRE(std::holds_alternative<T>(e));
  return std::get<T>(e);
}

std::string parse_error_field(std::string_view text) {
  auto e = parse_market_stream_frame(text);
  REQUIRE(std::holds_alternative<parse_error>(e));
  return std::get<parse_error>(e).field;
}

} // namespace

TEST_CASE("markPriceUpdate: the mark at event time", "[bn][market_stream]") {
  auto m = expect<mark_price>(parse_market_stream_frame(mark_event));
  CHECK(m.symbol == "BTCUSDT");
  CHECK(m.mark == dec("11794.15"));
  CHECK(m.time_ms == 1562305380000);
}

TEST_CASE("combined stream frames are unwrapped", "[bn][market_stream]") {
  auto wrapped = std::string{R"({"stream":"btcusdt@markPrice@1s","data":)"}
                 + mark_event + "}";
  auto m = expect<mark_price>(parse_market_stream_frame(wrapped));
  CHECK(m.mark == dec("11794.15"));
}

TEST_CASE("bookTicker: the REAL capture", "[bn][market_stream]") {
  auto text = test::fixture_member(
      "binance/binance_usdm_user_stream_captures.json",
      {"seq_B_2025-03-21_limit_NEW_and_market_FILLED_with_TRADE_LITE_and_"
       "ACCOUNT_UPDATE (index file id 66520421278, Rust test)",
       "0"});
  auto t = expect<book_ticker>(parse_market_stream_frame(text));
  CHECK(t.symbol == "BTCUSDT");
  CHECK(t.bid == dec("84158.30"));
  CHECK(t.bid_qty == dec("6.454"));
  CHECK(t.ask == dec("84158.40"));
  CHECK(t.ask_qty == dec("9.533"));
  CHECK(t.time_ms == 1742582931601);
}

TEST_CASE("subscription answers and unused events are ignored, with why",
          "[bn][market_stream]") {
  CHECK(expect<ignored_market_frame>(
            parse_market_stream_frame(R"({"result":null,"id":1})"))
            .why
        == "subscription answer");
  CHECK(expect<ignored_market_frame>(
            parse_market_stream_frame(R"({"e":"aggTrade","s":"BTCUSDT"})"))
            .why
        == "event type aggTrade is not used");
}

TEST_CASE("malformed market frames name the field", "[bn][market_stream]") {
  CHECK(parse_error_field("not json") == "frame");
  CHECK(parse_error_field("[1,2]") == "frame");
  CHECK(parse_error_field(R"({"s":"BTCUSDT"})") == "e");
  CHECK(parse_error_field(R"({"e":"markPriceUpdate","E":1,"s":"BTCUSDT"})")
        == "p");
  CHECK(parse_error_field(
            R"({"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"abc"})")
        == "p");
  CHECK(parse_error_field(
            R"({"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"0"})")
        == "p");
  CHECK(parse_error_field(R"({"e":"markPriceUpdate","s":"BTCUSDT","p":"1"})")
        == "E");
  CHECK(
      parse_error_field(R"({"e":"bookTicker","s":"X","b":"1","B":"1","a":"1"})")
      == "A");
}

TEST_CASE("stream paths follow the 2026-04-23 layout", "[bn][market_stream]") {
  CHECK(mark_price_stream_path("BTCUSDT") == "/market/ws/btcusdt@markPrice@1s");
  CHECK(book_ticker_stream_path("1000PEPEUSDT")
        == "/public/ws/1000pepeusdt@bookTicker");
}
