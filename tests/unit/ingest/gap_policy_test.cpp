#include "ingest/gap_policy.hpp"

#include <catch2/catch.hpp>

using namespace hlc::ingest;

TEST_CASE("a gap beyond backfill_window_ms halts", "[ingest][gap]") {
  CHECK(decide_gap(1'000'000, 100'000, 900'000) == gap_decision::backfill);
  CHECK(decide_gap(1'000'001, 100'000, 900'000) == gap_decision::too_large);
  CHECK(decide_gap(5'000'000, std::nullopt, 900'000) == gap_decision::backfill);
}

TEST_CASE("a backfill that could not reach the cursor halts", "[ingest][gap]") {
  CHECK(decide_backfill(backfill_end::covered) == gap_decision::backfill);
  CHECK(decide_backfill(backfill_end::horizon_reached)
        == gap_decision::too_large);
  CHECK(decide_backfill(backfill_end::stuck) == gap_decision::too_large);
}

TEST_CASE("the cursor only moves on acknowledgement and only forward",
          "[ingest][gap]") {
  leader_cursors c;
  CHECK_FALSE(c.get("0xa"));
  c.set("0xa", 100);
  c.on_processed("0xa", 90);
  CHECK(c.get("0xa") == 100);
  c.on_processed("0xa", 120);
  CHECK(c.get("0xa") == 120);
}
