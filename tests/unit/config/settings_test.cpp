#include "config/settings.hpp"

#include <catch2/catch.hpp>

using namespace hlc;

TEST_CASE("run_mode text forms round-trip and match the spec names",
          "[config]") {
  CHECK(to_string(run_mode::live) == "live");
  CHECK(to_string(run_mode::dry_run) == "dry-run");
  CHECK(to_string(run_mode::backfill_only) == "backfill-only");
  CHECK(to_string(run_mode::replay) == "replay");
  for (auto m : {run_mode::live, run_mode::dry_run, run_mode::backfill_only,
                 run_mode::replay})
    CHECK(run_mode_from_string(to_string(m)) == m);
  CHECK_FALSE(run_mode_from_string("dry_run"));
  CHECK_FALSE(run_mode_from_string("LIVE"));
  CHECK_FALSE(run_mode_from_string(""));
}

TEST_CASE("sizing_mode text forms round-trip", "[config]") {
  CHECK(to_string(sizing_mode::ratio) == "ratio");
  CHECK(to_string(sizing_mode::equity) == "equity");
  CHECK(to_string(sizing_mode::fixed_usd) == "fixed_usd");
  CHECK(to_string(sizing_mode::kelly) == "kelly");
  for (auto m : {sizing_mode::ratio, sizing_mode::equity,
                 sizing_mode::fixed_usd, sizing_mode::kelly})
    CHECK(sizing_mode_from_string(to_string(m)) == m);
  CHECK_FALSE(sizing_mode_from_string("fixed-usd"));
}

TEST_CASE("drawdown_action text forms are the config's lower-case words",
          "[config]") {
  CHECK(drawdown_action_to_string(trading_state::reducing) == "reducing");
  CHECK(drawdown_action_to_string(trading_state::halted) == "halted");
  CHECK(drawdown_action_from_string("reducing") == trading_state::reducing);
  CHECK(drawdown_action_from_string("halted") == trading_state::halted);
  CHECK_FALSE(drawdown_action_from_string("active"));
  CHECK_FALSE(drawdown_action_from_string("HALTED"));
}
