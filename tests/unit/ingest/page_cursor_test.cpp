#include "ingest/page_cursor.hpp"

#include <catch2/catch.hpp>

using namespace hlc::ingest;

namespace {

std::vector<int64_t> times(int64_t from, size_t n, int64_t step = 1) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < n; ++i)
    out.push_back(from + static_cast<int64_t>(i) * step);
  return out;
}

} // namespace

TEST_CASE("a short first page covers the gap", "[ingest][page]") {
  page_cursor c{1'000};
  CHECK(c.next_start_ms() == 1'000);
  CHECK(c.on_page(times(1'000, 10)) == backfill_end::covered);
  CHECK(c.pages() == 1);
  CHECK(c.fills_seen() == 10);
}

TEST_CASE("an empty answer covers the gap", "[ingest][page]") {
  page_cursor c{1'000};
  CHECK(c.on_page({}) == backfill_end::covered);
}

TEST_CASE("the next page starts at the last returned time, never +1",
          "[ingest][page]") {
  page_cursor c{1'000};
  auto page = times(1'000, 2'000);
  page.back() = page[1'998]; // two fills share the last millisecond
  CHECK(c.on_page(page) == backfill_end::running);
  CHECK(c.detected_cap() == 2'000);
  CHECK(c.next_start_ms() == 2'998);
  // The next page repeats both fills of 2 998 (inclusive start).
  auto next = std::vector<int64_t>{2'998, 2'998, 2'999, 3'000};
  CHECK(c.on_page(next) == backfill_end::covered);
  CHECK(c.fills_seen() == 2'002); // the two overlapping fills counted once
}

TEST_CASE("a 500 cap is detected from the answer size", "[ingest][page]") {
  page_cursor c{0};
  CHECK(c.on_page(times(0, 500)) == backfill_end::running);
  CHECK(c.detected_cap() == 500);
  CHECK(c.next_start_ms() == 499);
  CHECK(c.on_page(times(499, 500)) == backfill_end::running);
  CHECK(c.next_start_ms() == 998);
  CHECK(c.on_page(times(998, 3)) == backfill_end::covered);
  CHECK(c.pages() == 3);
}

TEST_CASE("exactly 500 under a 2000 cap costs one more page only",
          "[ingest][page]") {
  page_cursor c{0};
  CHECK(c.on_page(times(0, 500)) == backfill_end::running);
  CHECK(c.on_page(times(499, 1)) == backfill_end::covered);
}

TEST_CASE("the 10 000-fill horizon is detected", "[ingest][page]") {
  // The cursor is at 0, but the oldest fill the server still has is at 5 000.
  page_cursor c{0, 10'000};
  int64_t start = 5'000;
  // 2000 + 5 × 1999 distinct fills (each later page repeats one boundary
  // fill): beyond the horizon, and none reaches back to the cursor.
  for (int i = 0; i < 6; ++i) {
    auto page = times(start, 2'000);
    if (i > 0) page.front() = start; // the boundary fill, repeated
    REQUIRE(c.on_page(page) == backfill_end::running);
    start = page.back();
  }
  CHECK(c.on_page(times(start, 2)) == backfill_end::horizon_reached);
}

TEST_CASE("fewer than 10 000 fills after the cursor is not the horizon",
          "[ingest][page]") {
  page_cursor c{0, 10'000};
  CHECK(c.on_page(times(5'000, 1'999)) == backfill_end::covered);
}

TEST_CASE("a full page within one millisecond is stuck", "[ingest][page]") {
  page_cursor c{7};
  CHECK(c.on_page(std::vector<int64_t>(2'000, 7)) == backfill_end::stuck);
}
