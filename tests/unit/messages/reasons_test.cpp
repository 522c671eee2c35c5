#include "messages/reasons.hpp"

#include <catch2/catch.hpp>

namespace {

template <class Enum, class FromString>
void check_round_trip(int count, FromString from_string) {
  for (int i = 0; i < count; ++i) {
    auto x = static_cast<Enum>(i);
    auto text = hlc::to_string(x);
    INFO(text);
    CHECK(text != "?");
    auto back = from_string(text);
    REQUIRE(back.has_value());
    CHECK(*back == x);
  }
}

} // namespace

TEST_CASE("every reason enum has a stable text form", "[reasons]") {
  check_round_trip<hlc::skip_reason>(25, hlc::skip_reason_from_string);
  check_round_trip<hlc::trading_state>(4, hlc::trading_state_from_string);
  check_round_trip<hlc::state_reason>(10, hlc::state_reason_from_string);
  check_round_trip<hlc::order_state>(8, hlc::order_state_from_string);
  check_round_trip<hlc::fill_source>(4, hlc::fill_source_from_string);
  check_round_trip<hlc::liquidation_policy>(
      3, hlc::liquidation_policy_from_string);
  CHECK_FALSE(hlc::skip_reason_from_string("nope").has_value());
}

TEST_CASE("skip reason names already in databases never change", "[reasons]") {
  using hlc::skip_reason;
  // Written by earlier builds; old `skips` rows must still load.
  CHECK(hlc::skip_reason_from_string("dust_or_vault")
        == skip_reason::dust_or_vault);
  CHECK(hlc::skip_reason_from_string("min_notional_pending")
        == skip_reason::min_notional_pending);
  CHECK(hlc::to_string(skip_reason::dust) == "dust");
  CHECK(hlc::to_string(skip_reason::vault) == "vault");
  CHECK(hlc::to_string(skip_reason::below_step) == "below_step");
}

TEST_CASE("terminal order states", "[reasons]") {
  using hlc::order_state;
  CHECK(hlc::is_terminal(order_state::filled));
  CHECK(hlc::is_terminal(order_state::rejected));
  CHECK_FALSE(hlc::is_terminal(order_state::unknown));
  CHECK_FALSE(hlc::is_terminal(order_state::partially_filled));
}
