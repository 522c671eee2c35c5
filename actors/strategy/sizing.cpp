#include "actors/strategy/sizing.hpp"

namespace hlc {

namespace {

// Enough digits for k; quantities are rounded to the step later.
constexpr int k_scale = 12;

} // namespace

bool sizing_supported(sizing_mode mode) noexcept {
  return mode == sizing_mode::ratio || mode == sizing_mode::fixed_usd;
}

sizing_result scale_factor(const sizing_settings& cfg,
                           const sizing_inputs& in) {
  switch (cfg.mode) {
  case sizing_mode::ratio:
    return {cfg.ratio, {}};
  case sizing_mode::fixed_usd: {
    auto notional = decimal::multiply(in.leader_open_qty.abs(), in.price,
                                      k_scale, rounding::toward_zero);
    if (!notional.is_positive())
      return {std::nullopt, "fixed_usd sizing needs a positive opening "
                            "notional"};
    return {decimal::divide(cfg.fixed_usd, notional, k_scale,
                            rounding::toward_zero),
            {}};
  }
  case sizing_mode::equity:
  case sizing_mode::kelly:
    break;
  }
  return {std::nullopt, std::string{"sizing mode "}
                            + std::string{to_string(cfg.mode)}
                            + " is not available in this build"};
}

} // namespace hlc
