#include "messages/decimal.hpp"

#include <catch2/catch.hpp>

using hlc::decimal;
using hlc::rounding;

namespace {

decimal d(const char* text) {
  return decimal::parse_or_throw(text);
}

} // namespace

TEST_CASE("decimal parses wire strings exactly", "[decimal]") {
  CHECK(d("1.3189").mantissa() == 13189);
  CHECK(d("1.3189").scale() == 4);
  CHECK(d("-1839.2").to_string() == "-1839.2");
  CHECK(d("0.0").is_zero());
  CHECK(d(".5") == d("0.5"));
  CHECK(d("+7") == d("7"));
  CHECK(d("4623.50").to_string() == "4623.5");
  CHECK(d("100").to_string() == "100");
  CHECK(d("0.000000000000000001").to_string() == "0.000000000000000001");
  // trailing zeros beyond 18 decimals are harmless
  CHECK(d("1.0000000000000000000000") == d("1"));
  CHECK(d("9223372036854775807").mantissa() == INT64_MAX);
}

TEST_CASE("decimal rejects what is not a plain number", "[decimal]") {
  for (auto bad : {"", "-", ".", "1e-5", "1.2.3", "abc", "1,5", " 1", "0x10",
                   "99999999999999999999", "0.0000000000000000001", "NaN"}) {
    INFO(bad);
    CHECK_FALSE(decimal::parse(bad).has_value());
  }
  CHECK_THROWS_WITH(decimal::parse_or_throw("1e3"), Catch::Contains("\"1e3\""));
}

TEST_CASE("decimal formats without exponent", "[decimal]") {
  CHECK(decimal::from_units(1, 8).to_string() == "0.00000001");
  CHECK(decimal::from_units(-5, 3).to_string() == "-0.005");
  CHECK(decimal::from_units(123456, 2).to_fixed(4) == "1234.5600");
  CHECK(decimal::from_units(15, 1).to_fixed(0) == "2");
  CHECK(decimal::from_units(-15, 1).to_fixed(0) == "-2");
  CHECK(decimal{}.to_string() == "0");
}

TEST_CASE("decimal compares by value across scales", "[decimal]") {
  CHECK(d("1.50") == d("1.5"));
  CHECK(d("-0.1") < d("0"));
  CHECK(d("0.001") > d("0.0009999"));
  CHECK(compare(d("123.4"), d("123.40")) == 0);
  CHECK(std::hash<decimal>{}(d("2.50")) == std::hash<decimal>{}(d("2.5")));
  CHECK(max(d("1"), d("2")) == d("2"));
  CHECK(min(d("-1"), d("2")) == d("-1"));
}

TEST_CASE("decimal adds and multiplies exactly", "[decimal]") {
  CHECK(d("0.1") + d("0.2") == d("0.3"));
  CHECK(d("4623.5") - d("142.7") == d("4480.8"));
  CHECK(d("1.3189") * d("142.7") == d("188.20703"));
  CHECK(d("-2") * d("0.5") == d("-1"));
  // 128-bit intermediate: the product overflows int64 before trailing zeros
  // are dropped.
  CHECK(d("50000.00000000") * d("2000000.00000000") == d("100000000000"));
}

TEST_CASE("decimal reports overflow instead of wrapping", "[decimal]") {
  CHECK_THROWS_AS(d("9223372036854775807") + d("1"), hlc::decimal_error);
  CHECK_THROWS_AS(d("3037000500") * d("3037000500"), hlc::decimal_error);
  CHECK_THROWS_AS(-decimal::from_units(INT64_MIN, 0), hlc::decimal_error);
}

TEST_CASE("decimal divides with a chosen rounding", "[decimal]") {
  CHECK(decimal::divide(d("1"), d("3"), 4, rounding::floor) == d("0.3333"));
  CHECK(decimal::divide(d("1"), d("3"), 4, rounding::ceil) == d("0.3334"));
  CHECK(decimal::divide(d("2"), d("3"), 2, rounding::half_up) == d("0.67"));
  CHECK(decimal::divide(d("-1"), d("3"), 2, rounding::floor) == d("-0.34"));
  CHECK(decimal::divide(d("-1"), d("3"), 2, rounding::toward_zero)
        == d("-0.33"));
  CHECK(decimal::divide(d("-1"), d("3"), 2, rounding::ceil) == d("-0.33"));
  CHECK(decimal::divide(d("10"), d("0.25"), 0, rounding::floor) == d("40"));
  CHECK_THROWS_AS(decimal::divide(d("1"), d("0"), 2, rounding::floor),
                  hlc::decimal_error);
}

TEST_CASE("decimal multiply rounds to a scale", "[decimal]") {
  CHECK(decimal::multiply(d("1.005"), d("1"), 2, rounding::half_up)
        == d("1.01"));
  CHECK(decimal::multiply(d("-1.005"), d("1"), 2, rounding::half_up)
        == d("-1.01"));
  CHECK(decimal::multiply(d("0.333"), d("3"), 1, rounding::floor) == d("0.9"));
}

TEST_CASE("quantities round down to the step, never up", "[decimal]") {
  CHECK(d("0.0129").round_down_to_step(d("0.001")) == d("0.012"));
  CHECK(d("0.0009").round_down_to_step(d("0.001")) == d("0"));
  CHECK(d("5").round_down_to_step(d("0.001")) == d("5"));
  CHECK(d("-0.0129").round_down_to_step(d("0.001")) == d("-0.012"));
  CHECK(d("17").round_down_to_step(d("5")) == d("15"));
  CHECK(d("1.23456789").round_down_to_step(d("0.00000001")) == d("1.23456789"));
  CHECK_THROWS_AS(d("1").round_down_to_step(d("0")), hlc::decimal_error);
}

TEST_CASE("prices round to the tick in the safe direction", "[decimal]") {
  // a buy limit must not pay more than allowed: floor; a sell: ceil
  CHECK(d("27123.456").round_to_step(d("0.10"), rounding::floor)
        == d("27123.4"));
  CHECK(d("27123.456").round_to_step(d("0.10"), rounding::ceil)
        == d("27123.5"));
  CHECK(d("27123.40").round_to_step(d("0.10"), rounding::ceil) == d("27123.4"));
  CHECK(d("1.05").round_to_step(d("0.1"), rounding::half_up) == d("1.1"));
  CHECK(d("0.00001234").round_to_step(d("0.0000001"), rounding::floor)
        == d("0.0000123"));
}

TEST_CASE("multiples of a step are recognised", "[decimal]") {
  CHECK(d("0.123").is_multiple_of(d("0.001")));
  CHECK_FALSE(d("0.1235").is_multiple_of(d("0.001")));
  CHECK(d("27123.40").is_multiple_of(d("0.1")));
  CHECK_FALSE(d("1").is_multiple_of(d("0")));
}
