#pragma once

#include "config/settings.hpp"
#include "messages/decimal.hpp"

#include <optional>
#include <string>

namespace hlc {

/// Inputs that fix the scale factor k when a leader position opens (STR-3).
struct sizing_inputs {
  decimal leader_open_qty; ///< |leader position| after the opening fill
  decimal price;           ///< leader fill price (HL units)
};

/// The scale factor k, or an error text when the mode cannot size.
struct sizing_result {
  std::optional<decimal> k;
  std::string error;
};

/// `ratio`: k = ratio. `fixed_usd`: the opening fill maps to a fixed
/// notional, k = fixed_usd / (qty × px); later adds and reductions scale with
/// the leader through the same k. `equity` and `kelly` need account equity
/// feeds that arrive with live ingest; until then they refuse clearly.
sizing_result scale_factor(const sizing_settings& cfg, const sizing_inputs& in);

/// True for the modes this build can size.
bool sizing_supported(sizing_mode mode) noexcept;

} // namespace hlc
