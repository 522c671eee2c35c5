#include "messages/reasons.hpp"

#include <array>
#include <utility>

namespace hlc {

namespace {

template <class Enum, size_t N>
using name_table = std::array<std::pair<Enum, std::string_view>, N>;

constexpr name_table<skip_reason, 25> skip_reason_names{{
    {skip_reason::unmapped, "unmapped"},
    {skip_reason::spot, "spot"},
    {skip_reason::hip3, "hip3"},
    {skip_reason::dust_or_vault, "dust_or_vault"},
    {skip_reason::liquidation_ignored, "liquidation_ignored"},
    {skip_reason::min_notional_pending, "min_notional_pending"},
    {skip_reason::price_deviation, "price_deviation"},
    {skip_reason::stale_market, "stale_market"},
    {skip_reason::stale_fill_open, "stale_fill_open"},
    {skip_reason::missing_open, "missing_open"},
    {skip_reason::cap, "cap"},
    {skip_reason::drawdown, "drawdown"},
    {skip_reason::state_reducing, "state_reducing"},
    {skip_reason::state_halted, "state_halted"},
    {skip_reason::symbol_disabled, "symbol_disabled"},
    {skip_reason::order_rejected, "order_rejected"},
    {skip_reason::denied, "denied"},
    {skip_reason::dust, "dust"},
    {skip_reason::vault, "vault"},
    {skip_reason::below_step, "below_step"},
    {skip_reason::no_edge, "no_edge"},
    {skip_reason::sizing_unavailable, "sizing_unavailable"},
    {skip_reason::liquidation_risk, "liquidation_risk"},
    {skip_reason::slippage, "slippage"},
    {skip_reason::residual_below_min, "residual_below_min"},
}};

constexpr name_table<trading_state, 4> trading_state_names{{
    {trading_state::active, "ACTIVE"},
    {trading_state::reducing, "REDUCING"},
    {trading_state::halted, "HALTED"},
    {trading_state::safe, "SAFE"},
}};

constexpr name_table<state_reason, 10> state_reason_names{{
    {state_reason::startup, "STARTUP"},
    {state_reason::operator_command, "OPERATOR_COMMAND"},
    {state_reason::supervision_escalated, "SUPERVISION_ESCALATED"},
    {state_reason::gap_too_large, "GAP_TOO_LARGE"},
    {state_reason::ip_banned, "IP_BANNED"},
    {state_reason::db_error, "DB_ERROR"},
    {state_reason::baseline_refused, "BASELINE_REFUSED"},
    {state_reason::drawdown_stop, "DRAWDOWN_STOP"},
    {state_reason::unknown_order, "UNKNOWN_ORDER"},
    {state_reason::shutdown, "SHUTDOWN"},
}};

constexpr name_table<order_state, 8> order_state_names{{
    {order_state::pending, "PENDING"},
    {order_state::submitted, "SUBMITTED"},
    {order_state::partially_filled, "PARTIALLY_FILLED"},
    {order_state::filled, "FILLED"},
    {order_state::canceled, "CANCELED"},
    {order_state::expired, "EXPIRED"},
    {order_state::rejected, "REJECTED"},
    {order_state::unknown, "UNKNOWN"},
}};

constexpr name_table<fill_source, 4> fill_source_names{{
    {fill_source::ws, "ws"},
    {fill_source::snapshot, "snapshot"},
    {fill_source::rest, "rest"},
    {fill_source::replay, "replay"},
}};

constexpr name_table<liquidation_policy, 3> liquidation_policy_names{{
    {liquidation_policy::mirror, "mirror"},
    {liquidation_policy::close_only, "close_only"},
    {liquidation_policy::ignore, "ignore"},
}};

template <class Enum, size_t N>
std::string_view name_of(const name_table<Enum, N>& table, Enum x) noexcept {
  for (auto& [value, name] : table)
    if (value == x) return name;
  return "?";
}

template <class Enum, size_t N>
std::optional<Enum> value_of(const name_table<Enum, N>& table,
                             std::string_view text) noexcept {
  for (auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

} // namespace

std::string_view to_string(skip_reason x) noexcept {
  return name_of(skip_reason_names, x);
}
std::string_view to_string(trading_state x) noexcept {
  return name_of(trading_state_names, x);
}
std::string_view to_string(state_reason x) noexcept {
  return name_of(state_reason_names, x);
}
std::string_view to_string(order_state x) noexcept {
  return name_of(order_state_names, x);
}
std::string_view to_string(fill_source x) noexcept {
  return name_of(fill_source_names, x);
}
std::string_view to_string(liquidation_policy x) noexcept {
  return name_of(liquidation_policy_names, x);
}

std::optional<skip_reason>
skip_reason_from_string(std::string_view x) noexcept {
  return value_of(skip_reason_names, x);
}
std::optional<trading_state>
trading_state_from_string(std::string_view x) noexcept {
  return value_of(trading_state_names, x);
}
std::optional<state_reason>
state_reason_from_string(std::string_view x) noexcept {
  return value_of(state_reason_names, x);
}
std::optional<order_state>
order_state_from_string(std::string_view x) noexcept {
  return value_of(order_state_names, x);
}
std::optional<fill_source>
fill_source_from_string(std::string_view x) noexcept {
  return value_of(fill_source_names, x);
}
std::optional<liquidation_policy>
liquidation_policy_from_string(std::string_view x) noexcept {
  return value_of(liquidation_policy_names, x);
}

} // namespace hlc
