#include "persistence/cursor_repo.hpp"
#include "persistence/processed_fill_repo.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace hlc;

namespace {

fill_key key(uint64_t oid, uint64_t tid, int64_t time_ms,
             std::string coin = "BTC") {
  return fill_key{"0xabc", std::move(coin), oid, tid, time_ms, {}, {}};
}

} // namespace

TEST_CASE("insert_if_new records a fill once", "[db][fills]") {
  auto db = database::open(":memory:");
  processed_fill_repo repo{db};
  auto k = key(8389765739703625592ULL, 0, 1700000000123);
  CHECK_FALSE(repo.contains(k));
  CHECK(repo.insert_if_new(k, 10));
  CHECK(repo.contains(k));
  CHECK_FALSE(repo.insert_if_new(k, 20));
  CHECK(repo.count() == 1);
}

TEST_CASE("every part of the dedup key distinguishes fills", "[db][fills]") {
  auto db = database::open(":memory:");
  processed_fill_repo repo{db};
  auto base = key(1, 2, 3);
  REQUIRE(repo.insert_if_new(base, 0));
  auto other_leader = base;
  other_leader.leader = "0xdef";
  CHECK(repo.insert_if_new(other_leader, 0));
  CHECK(repo.insert_if_new(key(1, 2, 3, "ETH"), 0));
  CHECK(repo.insert_if_new(key(9, 2, 3), 0));
  CHECK(repo.insert_if_new(key(1, 9, 3), 0));
  CHECK(repo.insert_if_new(key(1, 2, 9), 0));
  CHECK(repo.count() == 6);
}

TEST_CASE("fill ids above 2^53 round-trip exactly", "[db][fills]") {
  auto db = database::open(":memory:");
  processed_fill_repo repo{db};
  // 2^53 + 1 is the first integer a double cannot hold.
  auto k = key(8389765739703625592ULL, (1ULL << 53) + 1, 1700000000005);
  REQUIRE(repo.insert_if_new(k, 1700000000100));
  auto keys = repo.load_since(0);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0] == k);
  CHECK(keys[0].oid == 8389765739703625592ULL);
  CHECK(keys[0].tid == 9007199254740993ULL);
}

TEST_CASE("ids beyond SQLite's signed range are refused, not wrapped",
          "[db][fills]") {
  auto db = database::open(":memory:");
  processed_fill_repo repo{db};
  auto k = key(1ULL << 63, 0, 1);
  CHECK_THROWS_WITH(repo.insert_if_new(k, 0),
                    Catch::Contains("processed_fills.oid"));
  CHECK(repo.count() == 0);
}

TEST_CASE("insert_all counts only new fills", "[db][fills]") {
  auto db = database::open(":memory:");
  processed_fill_repo repo{db};
  REQUIRE(repo.insert_if_new(key(1, 1, 1), 0));
  std::vector<processed_fill_row> rows{{key(1, 1, 1), 5},
                                       {key(2, 2, 2), 5},
                                       {key(2, 2, 2), 5},
                                       {key(3, 3, 3), 5}};
  CHECK(repo.insert_all(rows) == 2);
  CHECK(repo.count() == 3);
}

TEST_CASE("load_since and prune use the processing time", "[db][fills]") {
  auto db = database::open(":memory:");
  processed_fill_repo repo{db};
  REQUIRE(repo.insert_if_new(key(1, 1, 900), 1000));
  REQUIRE(repo.insert_if_new(key(2, 2, 100), 2000)); // old fill, seen late
  REQUIRE(repo.insert_if_new(key(3, 3, 2900), 3000));
  auto since = repo.load_since(2000);
  REQUIRE(since.size() == 2);
  std::sort(since.begin(), since.end(),
            [](const fill_key& a, const fill_key& b) { return a.oid < b.oid; });
  CHECK(since[0] == key(2, 2, 100));
  CHECK(since[1] == key(3, 3, 2900));
  CHECK(repo.prune_older_than(2000) == 1);
  CHECK_FALSE(repo.contains(key(1, 1, 900)));
  CHECK(repo.contains(key(2, 2, 100)));
  CHECK(repo.prune_older_than(2000) == 0);
  CHECK(repo.count() == 2);
  // After the prune a replayed fill is new again: that is what TTL means.
  CHECK(repo.insert_if_new(key(1, 1, 900), 4000));
}

TEST_CASE("a cursor starts absent and never moves backwards", "[db][cursor]") {
  auto db = database::open(":memory:");
  cursor_repo repo{db};
  CHECK_FALSE(repo.load("0xabc").has_value());
  CHECK(repo.advance({"0xabc", 1000, 1}));
  CHECK(repo.load("0xabc") == 1000);
  CHECK(repo.advance({"0xdef", 1700000000000, 1700000000001}));
  CHECK(repo.load("0xdef") == 1700000000000);
  CHECK_FALSE(repo.advance({"0xabc", 999, 2}));
  CHECK_FALSE(repo.advance({"0xabc", 1000, 3}));
  CHECK(repo.load("0xabc") == 1000);
  CHECK(repo.advance({"0xabc", 1001, 4}));
  CHECK(repo.load("0xabc") == 1001);
  CHECK_FALSE(repo.advance({"0xdef", 5, 4}));
  auto all = repo.load_all();
  REQUIRE(all.size() == 2);
  CHECK(all[0].leader == "0xabc");
  CHECK(all[0].last_time_ms == 1001);
  CHECK(all[0].updated_ms == 4); // the refused moves did not touch it
  CHECK(all[1].leader == "0xdef");
  CHECK(all[1].last_time_ms == 1700000000000);
  CHECK(all[1].updated_ms == 1700000000001);
}

TEST_CASE("advance_all keeps the maximum per leader", "[db][cursor]") {
  auto db = database::open(":memory:");
  cursor_repo repo{db};
  repo.advance_all(
      {{"0xa", 10, 1}, {"0xa", 30, 2}, {"0xa", 20, 3}, {"0xb", 7, 4}});
  CHECK(repo.load("0xa") == 30);
  CHECK(repo.load("0xb") == 7);
}

TEST_CASE("cursors and fills survive re-opening the file", "[db][cursor]") {
  test::temp_dir dir;
  auto path = dir.file("durable.db");
  {
    auto db = database::open(path);
    cursor_repo{db}.advance({"0xabc", 1234, 1});
    processed_fill_repo{db}.insert_if_new(key(1, 2, 3), 4);
  }
  auto db = database::open(path);
  CHECK(cursor_repo{db}.load("0xabc") == 1234);
  CHECK(processed_fill_repo{db}.contains(key(1, 2, 3)));
}
