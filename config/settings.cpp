#include "config/settings.hpp"

namespace hlc {

std::string_view to_string(run_mode x) noexcept {
  switch (x) {
  case run_mode::live:
    return "live";
  case run_mode::dry_run:
    return "dry-run";
  case run_mode::backfill_only:
    return "backfill-only";
  case run_mode::replay:
    return "replay";
  }
  return "?";
}

std::optional<run_mode> run_mode_from_string(std::string_view x) noexcept {
  for (auto m : {run_mode::live, run_mode::dry_run, run_mode::backfill_only,
                 run_mode::replay})
    if (to_string(m) == x) return m;
  return std::nullopt;
}

std::string_view to_string(sizing_mode x) noexcept {
  switch (x) {
  case sizing_mode::ratio:
    return "ratio";
  case sizing_mode::equity:
    return "equity";
  case sizing_mode::fixed_usd:
    return "fixed_usd";
  case sizing_mode::kelly:
    return "kelly";
  }
  return "?";
}

std::optional<sizing_mode>
sizing_mode_from_string(std::string_view x) noexcept {
  for (auto m : {sizing_mode::ratio, sizing_mode::equity,
                 sizing_mode::fixed_usd, sizing_mode::kelly})
    if (to_string(m) == x) return m;
  return std::nullopt;
}

std::string_view to_string(kelly_source x) noexcept {
  switch (x) {
  case kelly_source::configured:
    return "configured";
  case kelly_source::measured:
    return "measured";
  }
  return "?";
}

std::optional<kelly_source>
kelly_source_from_string(std::string_view x) noexcept {
  for (auto m : {kelly_source::configured, kelly_source::measured})
    if (to_string(m) == x) return m;
  return std::nullopt;
}

std::string_view drawdown_action_to_string(trading_state x) noexcept {
  switch (x) {
  case trading_state::reducing:
    return "reducing";
  case trading_state::halted:
    return "halted";
  default:
    return "?";
  }
}

std::optional<trading_state>
drawdown_action_from_string(std::string_view x) noexcept {
  if (x == "reducing") return trading_state::reducing;
  if (x == "halted") return trading_state::halted;
  return std::nullopt;
}

} // namespace hlc
