// Issue 6: 110 000 nested `[` overflowed the stack in every reader. Every
// text-level reader now refuses deep or oversize input with an error that
// names the input and the limit (ADR 0016), and none of them crashes.

#include "adapters/binance/exchange_info.hpp"
#include "adapters/binance/market.hpp"
#include "adapters/binance/orders.hpp"
#include "adapters/binance/user_stream.hpp"
#include "adapters/hyperliquid/info.hpp"
#include "adapters/hyperliquid/parse_fills.hpp"
#include "adapters/hyperliquid/ws_frames.hpp"
#include "json_input/limits.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <variant>

using namespace hlc;
using Catch::Contains;
using Catch::StartsWith;

namespace {

constexpr size_t users_depth = 110'000;

std::string deep_arrays() {
  return std::string(users_depth, '[');
}

std::string deep_objects() {
  std::string text;
  for (size_t i = 0; i < users_depth; ++i)
    text += R"({"a":)";
  return text;
}

std::string too_deep_by_one() { // 65 levels, each closed: valid JSON
  return std::string(json_input::max_depth + 1, '[')
         + std::string(json_input::max_depth + 1, ']');
}

std::string just_deep_enough() {
  return std::string(json_input::max_depth, '[')
         + std::string(json_input::max_depth, ']');
}

/// `limit + 1` bytes of valid JSON (a long string).
std::string oversize(const json_input::input_limits& limits) {
  return '"' + std::string(limits.max_bytes - 1, 'x') + '"';
}

/// The error of a `result<T>` (fails the test when it parsed).
template <class R>
adapters::parse_error error_of(const R& r) {
  REQUIRE(std::holds_alternative<adapters::parse_error>(r));
  return std::get<adapters::parse_error>(r);
}

adapters::parse_error first_error(const hyperliquid::fill_batch& b) {
  REQUIRE(b.errors.size() == 1);
  return b.errors[0];
}

adapters::parse_error first_error(const binance::exchange_info& x) {
  REQUIRE(x.errors.size() == 1);
  return x.errors[0];
}

struct reader {
  const char* name;
  json_input::input_limits limits;
  std::function<adapters::parse_error(const std::string&)> parse;
};

std::vector<reader> readers() {
  using namespace json_input::limits;
  auto leader = "0x0000000000000000000000000000000000000001";
  return {
      {"hl fills body", rest_body,
       [=](const std::string& t) {
         return first_error(
             hyperliquid::parse_fills_body(t, leader, fill_source::rest));
       }},
      {"hl one fill", rest_body,
       [=](const std::string& t) {
         return error_of(
             hyperliquid::parse_fill_json(t, leader, fill_source::rest));
       }},
      {"hl ws frame", ws_frame,
       [=](const std::string& t) {
         return error_of(hyperliquid::parse_ws_frame(t, leader));
       }},
      {"hl clearinghouseState", rest_body,
       [](const std::string& t) {
         return error_of(hyperliquid::parse_clearinghouse_state(t));
       }},
      {"hl meta", rest_body,
       [](const std::string& t) {
         return error_of(hyperliquid::parse_meta(t));
       }},
      {"hl allMids", rest_body,
       [](const std::string& t) {
         return error_of(hyperliquid::parse_all_mids(t));
       }},
      {"binance exchangeInfo", exchange_info,
       [](const std::string& t) {
         return first_error(binance::parse_exchange_info(t));
       }},
      {"binance premiumIndex", marks,
       [](const std::string& t) {
         return error_of(binance::parse_premium_index(t));
       }},
      {"binance bookTicker", rest_body,
       [](const std::string& t) {
         return error_of(binance::parse_book_ticker(t));
       }},
      {"binance positionRisk", rest_body,
       [](const std::string& t) {
         return error_of(binance::parse_position_risk(t));
       }},
      {"binance order response", rest_body,
       [](const std::string& t) {
         return error_of(binance::parse_order_response(t));
       }},
      {"binance user stream", ws_frame,
       [](const std::string& t) {
         return error_of(binance::parse_user_stream_frame(t));
       }},
  };
}

} // namespace

TEST_CASE("every reader refuses 110 000 nested [ with the depth limit",
          "[adapters][limits]") {
  for (auto& r : readers()) {
    INFO(r.name);
    auto e = r.parse(deep_arrays());
    CHECK_THAT(e.message,
               StartsWith("nesting deeper than 64 levels (the "
                          "limit for "
                          + std::string{r.limits.input} + ") at offset 64"));
    CHECK(e.raw.size() <= 200);
  }
}

TEST_CASE("every reader refuses 110 000 nested objects with the depth limit",
          "[adapters][limits]") {
  for (auto& r : readers()) {
    INFO(r.name);
    CHECK_THAT(r.parse(deep_objects()).message,
               StartsWith("nesting deeper than 64 levels"));
  }
}

TEST_CASE("the depth limit is exact: 64 levels pass it, 65 do not",
          "[adapters][limits]") {
  for (auto& r : readers()) {
    INFO(r.name);
    CHECK_THAT(r.parse(too_deep_by_one()).message,
               Contains("nesting deeper than 64"));
    // 64 levels are read, then refused for their shape, not their depth.
    CHECK_THAT(r.parse(just_deep_enough()).message,
               !Contains("nesting deeper"));
  }
}

TEST_CASE("every reader refuses input over its size limit, naming it",
          "[adapters][limits]") {
  for (auto& r : readers()) {
    INFO(r.name);
    auto e = r.parse(oversize(r.limits));
    CHECK(e.message
          == std::to_string(r.limits.max_bytes + 1) + " bytes, more than the "
                 + std::to_string(r.limits.max_bytes) + "-byte limit for "
                 + r.limits.input);
  }
}

TEST_CASE("a Binance error body nested too deep is kept as text",
          "[binance][limits]") {
  auto e = binance::parse_venue_error(400, deep_arrays());
  CHECK(e.http_status == 400);
  CHECK(e.code == 0);
  CHECK(e.msg == std::string(200, '['));
}

TEST_CASE("a recorded fills file nested too deep is refused, naming the path",
          "[hl][limits]") {
  auto path = (std::filesystem::temp_directory_path() / "hlc_deep_fills.json")
                  .string();
  std::ofstream{path} << deep_arrays();
  auto batch = hyperliquid::parse_recorded_fills_file(path, "0x1");
  std::remove(path.c_str());
  REQUIRE(batch.errors.size() == 1);
  CHECK(batch.errors[0].field == "file");
  CHECK_THAT(batch.errors[0].message,
             StartsWith("nesting deeper than 64 levels (the limit for "
                        "recording) at offset 64 in "));
}
