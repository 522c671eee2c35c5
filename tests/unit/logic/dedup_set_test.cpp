#include "actors/dedup/dedup_set.hpp"

#include <catch2/catch.hpp>

namespace {

hlc::fill_key key(uint64_t oid, uint64_t tid, int64_t time) {
  return hlc::fill_key{"0xleader", "SUI", oid, tid, time, {}, {}};
}

} // namespace

TEST_CASE("repeated fills are dropped", "[dedup]") {
  hlc::dedup_set set;
  CHECK(set.insert(key(1, 10, 1000)));
  CHECK_FALSE(set.insert(key(1, 10, 1000)));
  CHECK(set.size() == 1);
}

TEST_CASE("fills sharing hash-like parts but not the key are distinct",
          "[dedup]") {
  hlc::dedup_set set;
  // self-trade: same tid, same time, different oid
  CHECK(set.insert(key(1, 77, 1000)));
  CHECK(set.insert(key(2, 77, 1000)));
  // dust conversions: tid 0, distinct oids
  CHECK(set.insert(key(3, 0, 1000)));
  CHECK(set.insert(key(4, 0, 1000)));
  // same order, several fills in one millisecond with different tids
  CHECK(set.insert(key(1, 78, 1000)));
  CHECK(set.size() == 5);
}

TEST_CASE("overlapping pages dedupe their shared boundary", "[dedup]") {
  hlc::dedup_set set;
  int fresh = 0;
  // page 1: t = 100..105, page 2 starts inclusive at the last time, 105..110
  for (int64_t t = 100; t <= 105; ++t)
    fresh += set.insert(key(static_cast<uint64_t>(t), 1, t)) ? 1 : 0;
  for (int64_t t = 105; t <= 110; ++t)
    fresh += set.insert(key(static_cast<uint64_t>(t), 1, t)) ? 1 : 0;
  CHECK(fresh == 11);
}

TEST_CASE("keys older than the TTL are pruned", "[dedup]") {
  hlc::dedup_set set;
  set.insert(key(1, 1, 100));
  set.insert(key(2, 1, 200));
  set.insert(key(3, 1, 300));
  CHECK(set.prune_before(250) == 2);
  CHECK_FALSE(set.contains(key(1, 1, 100)));
  CHECK(set.contains(key(3, 1, 300)));
}
