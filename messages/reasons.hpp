#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hlc {

// Every enum here has a stable text form used in logs, the DB and the CLI
// (lower-case for skip reasons, fill sources and liquidation policies,
// upper-case for states and order states); a name once written to the DB is
// never renamed. `from_string(to_string(x)) == x` is checked by a unit test.

/// Why a leader fill or a target change was not traded (SPEC STR-9).
enum class skip_reason : uint8_t {
  unmapped,             ///< coin has no Binance symbol (or symbol disabled)
  spot,                 ///< spot fill (@N or X/USDC)
  hip3,                 ///< HIP-3 builder perp (dex:COIN)
  dust_or_vault,        ///< legacy (before ADR 0018): read from old rows only
  liquidation_ignored,  ///< leader liquidation under policy ignore
  min_notional_pending, ///< delta below min qty/notional, accumulates
  price_deviation,      ///< leader px too far from Binance mark (STR-7)
  stale_market,         ///< market data older than max_stale_ms
  stale_fill_open,      ///< old fill may only close (STR-8)
  missing_open,         ///< close with nothing attributed (STR-5)
  cap,                  ///< clamped by a position/exposure cap (STR-6)
  drawdown,             ///< drawdown stop (STR-6)
  state_reducing,       ///< trading state REDUCING blocks opens
  state_halted,         ///< trading state HALTED/SAFE blocks everything
  symbol_disabled,      ///< symbol failed startup verification
  order_rejected,       ///< venue rejected the order definitively
  denied,               ///< leader not in allow list / in deny list
  dust,                 ///< `Spot Dust Conversion` fill
  vault,                ///< vault-internal fill (`Net Child Vaults`)
  below_step,           ///< delta rounds to zero at the step, accumulates
  no_edge,              ///< kelly: edge not positive or sample too small
  sizing_unavailable,   ///< sizing input missing (equity unknown)
  liquidation_risk,     ///< open clamped: liquidation too close to mark
  slippage,             ///< book beyond max_slippage_pct of the mark (EXE-7)
  residual_below_min,   ///< LIMIT residual below min_residual_usd (EXE-7)
};

/// The service's trading state (SPEC MODE-4).
enum class trading_state : uint8_t { active, reducing, halted, safe };

/// Why the trading state is what it is (SPEC MODE-4); documented in docs/.
enum class state_reason : uint8_t {
  startup,               ///< fresh start, nothing wrong
  operator_command,      ///< hlcopy pause / reduce-only / resume
  supervision_escalated, ///< too many restarts in the window (SAF-1)
  gap_too_large,         ///< ingest gap beyond backfill window (ING-7)
  ip_banned,             ///< Binance 418 (EXE-2)
  db_error,              ///< persistence failed (DB-3)
  baseline_refused,      ///< non-zero positions at start (MODE-3)
  drawdown_stop,         ///< drawdown limit hit (STR-6)
  unknown_order,         ///< an order outcome could not be resolved
  shutdown,              ///< orderly shutdown in progress
};

/// The state of one order in the order FSM (SPEC EXE-3).
enum class order_state : uint8_t {
  pending,          ///< intent persisted, request not yet sent
  submitted,        ///< venue accepted (NEW)
  partially_filled, ///< some quantity filled, order still working
  filled,           ///< terminal
  canceled,         ///< terminal
  expired,          ///< terminal (IOC remainder, GTX reject ...)
  rejected,         ///< terminal, venue said no
  unknown,          ///< sent, outcome not proven; resolved by query
};

constexpr bool is_terminal(order_state x) noexcept {
  return x == order_state::filled || x == order_state::canceled
         || x == order_state::expired || x == order_state::rejected;
}

/// Where a leader fill entered the process.
enum class fill_source : uint8_t { ws, snapshot, rest, replay };

/// What the policy says about a leader liquidation fill (SPEC ING-9).
enum class liquidation_policy : uint8_t { mirror, close_only, ignore };

std::string_view to_string(skip_reason x) noexcept;
std::string_view to_string(trading_state x) noexcept;
std::string_view to_string(state_reason x) noexcept;
std::string_view to_string(order_state x) noexcept;
std::string_view to_string(fill_source x) noexcept;
std::string_view to_string(liquidation_policy x) noexcept;

std::optional<skip_reason> skip_reason_from_string(std::string_view) noexcept;
std::optional<trading_state>
    trading_state_from_string(std::string_view) noexcept;
std::optional<state_reason> state_reason_from_string(std::string_view) noexcept;
std::optional<order_state> order_state_from_string(std::string_view) noexcept;
std::optional<fill_source> fill_source_from_string(std::string_view) noexcept;
std::optional<liquidation_policy>
    liquidation_policy_from_string(std::string_view) noexcept;

} // namespace hlc
