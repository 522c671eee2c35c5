#include "actors/executor/order_fsm.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <utility>

using hlc::next_state;
using hlc::order_event;
using hlc::order_state;
using E = hlc::order_event;
using S = hlc::order_state;

namespace {

struct expected_row {
  S from;
  E event;
  S to;
};

// The table as the specification reads (SPEC EXE-3); written out again on
// purpose so a change to the implementation must be a change here too.
const expected_row expected[] = {
    {S::pending, E::accepted, S::submitted},
    {S::pending, E::partial_fill, S::partially_filled},
    {S::pending, E::full_fill, S::filled},
    {S::pending, E::canceled, S::canceled},
    {S::pending, E::expired, S::expired},
    {S::pending, E::rejected, S::rejected},
    {S::pending, E::outcome_unknown, S::unknown},
    {S::pending, E::not_found, S::rejected},
    {S::pending, E::not_placed, S::pending},
    {S::submitted, E::accepted, S::submitted},
    {S::submitted, E::partial_fill, S::partially_filled},
    {S::submitted, E::full_fill, S::filled},
    {S::submitted, E::canceled, S::canceled},
    {S::submitted, E::expired, S::expired},
    {S::submitted, E::outcome_unknown, S::submitted},
    {S::submitted, E::cancel_rejected, S::submitted},
    {S::partially_filled, E::accepted, S::partially_filled},
    {S::partially_filled, E::partial_fill, S::partially_filled},
    {S::partially_filled, E::full_fill, S::filled},
    {S::partially_filled, E::canceled, S::canceled},
    {S::partially_filled, E::expired, S::expired},
    {S::partially_filled, E::outcome_unknown, S::partially_filled},
    {S::partially_filled, E::cancel_rejected, S::partially_filled},
    {S::unknown, E::accepted, S::submitted},
    {S::unknown, E::partial_fill, S::partially_filled},
    {S::unknown, E::full_fill, S::filled},
    {S::unknown, E::canceled, S::canceled},
    {S::unknown, E::expired, S::expired},
    {S::unknown, E::rejected, S::rejected},
    {S::unknown, E::outcome_unknown, S::unknown},
    {S::unknown, E::not_found, S::rejected},
    {S::unknown, E::cancel_rejected, S::unknown},
    {S::filled, E::accepted, S::filled},
    {S::filled, E::partial_fill, S::filled},
    {S::filled, E::full_fill, S::filled},
    {S::filled, E::outcome_unknown, S::filled},
    {S::filled, E::cancel_rejected, S::filled},
    {S::canceled, E::accepted, S::canceled},
    {S::canceled, E::partial_fill, S::canceled},
    {S::canceled, E::full_fill, S::filled},
    {S::canceled, E::canceled, S::canceled},
    {S::canceled, E::cancel_rejected, S::canceled},
    {S::expired, E::accepted, S::expired},
    {S::expired, E::partial_fill, S::expired},
    {S::expired, E::full_fill, S::filled},
    {S::expired, E::expired, S::expired},
    {S::expired, E::cancel_rejected, S::expired},
    {S::rejected, E::rejected, S::rejected},
    {S::rejected, E::not_found, S::rejected},
};

} // namespace

TEST_CASE("every row of the order FSM table", "[fsm]") {
  REQUIRE(hlc::order_fsm_row_count() == std::size(expected));
  for (auto& row : expected) {
    INFO(to_string(row.from)
         << " --" << to_string(row.event) << "--> " << to_string(row.to));
    auto next = next_state(row.from, row.event);
    REQUIRE(next.has_value());
    CHECK(*next == row.to);
  }
}

TEST_CASE("transitions outside the table are rejected", "[fsm]") {
  std::set<std::pair<S, E>> listed;
  for (auto& row : expected)
    listed.emplace(row.from, row.event);
  int invalid = 0;
  for (int s = 0; s <= static_cast<int>(S::unknown); ++s)
    for (int e = 0; e <= static_cast<int>(E::cancel_rejected); ++e) {
      auto from = static_cast<S>(s);
      auto event = static_cast<E>(e);
      if (listed.count({from, event}) == 0) {
        INFO(to_string(from) << " --" << to_string(event) << "-->");
        CHECK_FALSE(next_state(from, event).has_value());
        ++invalid;
      }
    }
  CHECK(invalid > 0);
  // the named examples: a filled order cannot be canceled or rejected, a
  // working order cannot be "not found"
  CHECK_FALSE(next_state(S::filled, E::canceled).has_value());
  CHECK_FALSE(next_state(S::filled, E::rejected).has_value());
  CHECK_FALSE(next_state(S::submitted, E::not_found).has_value());
  CHECK_FALSE(next_state(S::submitted, E::rejected).has_value());
}

TEST_CASE("venue updates map to FSM events by cumulative quantity", "[fsm]") {
  hlc::order_update u;
  auto qty = hlc::decimal::parse_or_throw("0.010");
  u.kind = hlc::order_event_kind::trade;
  u.cum_qty = hlc::decimal::parse_or_throw("0.004");
  CHECK(hlc::to_order_event(u, qty) == E::partial_fill);
  u.cum_qty = hlc::decimal::parse_or_throw("0.01");
  CHECK(hlc::to_order_event(u, qty) == E::full_fill);
  u.kind = hlc::order_event_kind::expired;
  u.cum_qty = hlc::decimal::parse_or_throw("0.004");
  CHECK(hlc::to_order_event(u, qty) == E::expired);
  u.kind = hlc::order_event_kind::not_found;
  CHECK(hlc::to_order_event(u, qty) == E::not_found);
}
