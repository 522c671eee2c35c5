#include "actors/strategy/fraction.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using hlc::decimal;
using hlc::fraction;
using hlc::test::d;

namespace {

fraction f(const char* text) {
  return fraction::of(d(text));
}

} // namespace

TEST_CASE("fractions keep what decimals cannot", "[fraction]") {
  auto two_thirds = f("2") / f("3");
  CHECK_FALSE(two_thirds.is_decimal());
  CHECK(two_thirds.to_decimal() == d("0.666666666666666666"));
  CHECK(f("3") * two_thirds == f("2"));
  CHECK((f("3") * two_thirds).is_decimal());
  CHECK(f("1") / f("3") + f("2") / f("3") == f("1"));
  CHECK(f("0.1") + f("0.2") == f("0.3"));
  CHECK(f("2.7") * f("2") / f("3") + f("0.9") == f("2.7"));
}

TEST_CASE("fraction images round toward zero", "[fraction]") {
  CHECK((-(f("2") / f("3"))).to_decimal() == d("-0.666666666666666666"));
  // a large value keeps as many digits as 64 bits hold, still toward zero
  CHECK((f("1000000") / f("3")).to_decimal() == d("333333.3333333333333"));
  CHECK((f("1000000000") / f("3")).to_decimal() == d("333333333.3333333333"));
  CHECK(f("-12.5").to_decimal() == d("-12.5"));
  CHECK(fraction{}.to_decimal().is_zero());
}

TEST_CASE("fractions compare by value", "[fraction]") {
  CHECK(f("1") / f("3") < f("0.333333333333333334"));
  CHECK(f("1") / f("3") > f("0.333333333333333333"));
  CHECK(f("-1") < f("0"));
  CHECK(f("1.50") == f("1.5"));
  CHECK((f("-3") / f("-6")) == f("0.5"));
  CHECK(f("-2").abs() == f("2"));
}

TEST_CASE("fractions too long for 60 bits become their decimal image",
          "[fraction]") {
  // denominators 7^k grow until the value is replaced by its image
  auto x = f("1");
  for (int i = 0; i < 40; ++i)
    x = x / f("7") * f("6");
  // (6/7)^40 = 0.00209956...; exact would need 7^40 > 2^112
  CHECK(x > f("0.0020995"));
  CHECK(x < f("0.0020996"));
  CHECK_THROWS_AS(f("1") / fraction{}, hlc::decimal_error);
  CHECK_THROWS_AS(f("9000000000") * f("9000000000"), hlc::decimal_error);
}
