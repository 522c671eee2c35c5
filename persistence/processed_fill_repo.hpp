#pragma once

#include "messages/fill.hpp"
#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <cstddef>
#include <vector>

namespace hlc {

/// `processed_fills`: the persisted half of the dedup gate (ING-6), keyed by
/// (leader, coin, oid, tid, time). Retention is by `processed_ms` (when the
/// gate let the fill through), so `load_since(t)` after
/// `prune_older_than(t)` is exactly what is left.
class processed_fill_repo {
public:
  explicit processed_fill_repo(database& db) : db_(db) {
    // nop
  }

  /// Records `key`; returns false if it was already there.
  bool insert_if_new(const fill_key& key, int64_t processed_ms);

  /// Records every row not yet present, in one transaction (joins an open
  /// one); returns how many were new. Bound as column vectors (SOCI bulk).
  std::size_t insert_all(const std::vector<processed_fill_row>& xs);

  bool contains(const fill_key& key);

  /// Keys processed at or after `processed_since_ms`, to warm the in-memory
  /// dedup set at start.
  std::vector<fill_key> load_since(int64_t processed_since_ms);

  /// The processed fills of one (coin, oid, tid, time) — the text key of a
  /// fill in logs and skips — with when they were processed (`hlcopy why`).
  std::vector<processed_fill_row> find(const std::string& coin, uint64_t oid,
                                       uint64_t tid, int64_t time_ms);

  /// Deletes rows processed before `processed_before_ms` (TTL prune);
  /// returns how many.
  std::size_t prune_older_than(int64_t processed_before_ms);

  int64_t count();

private:
  database& db_;
};

} // namespace hlc
