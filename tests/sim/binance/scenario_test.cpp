#include "sim/binance/scenario.hpp"
#include "tests/sim/binance/venue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::sim::binance;
using namespace hlc::sim::binance::test;

TEST_CASE("scenario files configure the venue", "[sim][binance]") {
  auto cfg = parse_scenario(R"({
    // comments are allowed
    "seed": 42,
    "balance": "500",
    "event_order": "otu_first",
    "symbols": [{"symbol": "XRPUSDT", "tick_size": "0.0001",
                 "step_size": "0.1", "min_qty": "0.1", "mark": "0.5000",
                 "min_notional": "5"},
                {"symbol": "BTCUSDT", "min_notional": "50"}],
    "marks": {"ETHUSDT": "3000.00"},
    "books": {"SOLUSDT": {"bids": [["149.9900", "1.00"]],
                          "asks": [["150.0100", "1.00"]]}},
    "positions": [{"symbol": "BTCUSDT", "amount": "-0.010",
                   "entry_price": "90000"}],
    "rate_limits": {"weight_per_minute": 100},
    "faults": [{"path": "/fapi/v1/order", "kind": "unknown_503",
                "executed": true, "count": 1}],
    "user_stream": {"duplicate": 0.25, "disconnect_after_frames": 9}
  })");
  CHECK(cfg.seed == 42);
  CHECK(cfg.balance == decimal::from_int(500));
  CHECK(cfg.order == event_order::otu_first);
  CHECK(cfg.symbols.back().symbol == "XRPUSDT");
  CHECK(cfg.symbols[0].min_notional == decimal::from_int(50));
  CHECK(cfg.limits.weight_per_minute == 100);
  REQUIRE(cfg.faults.size() == 1);
  CHECK(cfg.faults[0].executed);
  CHECK(cfg.stream.disconnect_after_frames == 9);
  venue_fixture f{cfg};
  CHECK(f.venue.mark("ETHUSDT") == decimal::from_int(3000));
  CHECK(f.venue.positions().at(0).amount == decimal::parse_or_throw("-0.01"));
  auto bt = parse(
      f.raw("GET", "/fapi/v1/ticker/bookTicker", "symbol=SOLUSDT").body);
  CHECK(std::string{bt["askPrice"].GetString()} == "150.0100");
  CHECK(f.raw("GET", "/fapi/v1/depth", "symbol=XRPUSDT").status == 200);
}

TEST_CASE("scenario errors name the field", "[sim][binance]") {
  auto message = [](const std::string& text) {
    try {
      parse_scenario(text);
    } catch (const std::invalid_argument& e) {
      return std::string{e.what()};
    }
    return std::string{"no error"};
  };
  CHECK(
      message(R"({"symbols":[{"symbol":"A"},{"symbol":"B","tick_size":"x"}]})")
      == "symbols[1].tick_size: not a decimal: \"x\"");
  CHECK(message(R"({"marks":{"NOPE":"1"}})") == "marks.NOPE: unknown symbol");
  CHECK(message(R"({"faults":[{"kind":"zap"}]})").find("faults[0].kind") == 0);
  CHECK(message("{").find("scenario: invalid JSON") == 0);
}

TEST_CASE("a scenario timeline moves the mark and fills resting orders",
          "[sim][binance]") {
  auto cfg = parse_scenario(R"({
    "marks": {"BTCUSDT": "95000.0"},
    "timeline": [{"after_ms": 500, "symbol": "BTCUSDT", "mark": "94000.0"},
                 {"after_ms": 900, "symbol": "BTCUSDT", "mark": "96000.0"}]
  })");
  REQUIRE(cfg.timeline.size() == 2);
  venue_fixture f{cfg};
  auto placed = f.order("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                        "&quantity=0.010&price=94500.0&newClientOrderId=rest1");
  REQUIRE(venue_fixture::code_of(placed) == 0);
  auto status = [&f] {
    auto r = f.signed_req("GET", "/fapi/v1/order",
                          "symbol=BTCUSDT&origClientOrderId=rest1");
    return std::string{parse(r.body)["status"].GetString()};
  };
  CHECK(status() == "NEW");
  f.now_us += 400'000; // 400 ms: before the first step
  CHECK(status() == "NEW");
  CHECK(f.venue.mark("BTCUSDT") == decimal::parse_or_throw("95000"));
  f.now_us += 200'000; // 600 ms: the mark fell through the limit
  CHECK(status() == "FILLED");
  CHECK(f.venue.mark("BTCUSDT") == decimal::parse_or_throw("94000"));
  f.now_us += 400'000; // 1000 ms: second step applied in order
  f.venue.poll();
  CHECK(f.venue.mark("BTCUSDT") == decimal::parse_or_throw("96000"));
}

TEST_CASE("timeline errors name the step", "[sim][binance]") {
  CHECK_THROWS_WITH(parse_scenario(R"({"timeline": [{"after_ms": 5}]})"),
                    Catch::Contains("timeline[0]"));
  CHECK_THROWS_WITH(
    parse_scenario(R"({"timeline": [
      {"after_ms": 9, "symbol": "BTCUSDT", "mark": "1"},
      {"after_ms": 5, "symbol": "BTCUSDT", "mark": "1"}]})"),
    Catch::Contains("timeline[1].after_ms"));
  auto unknown = parse_scenario(
    R"({"timeline": [{"after_ms": 1, "symbol": "NOPEUSDT", "mark": "1"}]})");
  CHECK_THROWS_WITH(venue_fixture{unknown}, Catch::Contains("NOPEUSDT"));
}
