#include "bench/replay_throughput/stages.hpp"

#include "actors/dedup/dedup_set.hpp"
#include "actors/strategy/target_book.hpp"
#include "actors/writer/writer.hpp"
#include "bench/replay_throughput/bench_config.hpp"
#include "messages/persist.hpp"

#include <algorithm>
#include <chrono>

namespace hlc::bench {

namespace {

using steady = std::chrono::steady_clock;

double since(steady::time_point t0) {
  return std::chrono::duration<double>(steady::now() - t0).count();
}

void count(tally& t, const fill_decision& d) {
  if (d.target) ++t.targets;
  for (auto& s : d.skips) {
    ++t.skips;
    ++t.skips_by_reason[s.reason];
  }
}

final_state snapshot(target_book& book) {
  final_state result;
  for (auto& t : book.all_targets())
    result.targets.emplace_back(t.symbol, t.target_qty);
  result.rows = book.states();
  return result;
}

bool same_row(const leader_coin_state& a, const leader_coin_state& b) {
  return a.leader == b.leader && a.coin == b.coin && a.symbol == b.symbol
         && a.leader_position == b.leader_position && a.k == b.k
         && a.attributed == b.attributed;
}

// The replay clock: a replayed fill is decided at its own time.
int64_t replay_now(const leader_fill& f) {
  return f.key.time_ms;
}

} // namespace

bool same_state(const final_state& a, const final_state& b) {
  if (a.targets != b.targets || a.rows.size() != b.rows.size()) return false;
  return std::equal(a.rows.begin(), a.rows.end(), b.rows.begin(),
                    [](const auto& x, const auto& y) {
                      return x.first == y.first && same_row(x.second, y.second);
                    });
}

stage_result run_dedup_only(const std::vector<bench_fill>& fills,
                            int64_t ttl_ms, std::vector<uint32_t>& fresh) {
  stage_result r;
  dedup_set seen;
  int64_t newest = 0;
  auto t0 = steady::now();
  for (size_t i = 0; i < fills.size(); ++i) {
    auto& key = fills[i].fill.key;
    if (seen.insert(key)) {
      newest = std::max(newest, key.time_ms);
      fresh.push_back(static_cast<uint32_t>(i));
    } else {
      ++r.counts.duplicates;
    }
    seen.prune_before(newest - ttl_ms);
  }
  r.seconds = since(t0);
  r.counts.fresh = fresh.size();
  return r;
}

stage_result run_strategy_only(const std::vector<bench_fill>& fills,
                               const std::vector<uint32_t>& fresh,
                               const settings& cfg, const symbol_map& map) {
  stage_result r;
  target_book book{cfg, map};
  prepare_book(book, cfg);
  mark_table marks;
  auto t0 = steady::now();
  for (auto i : fresh) {
    auto& x = fills[i];
    if (x.mark) marks[x.mark->symbol] = *x.mark;
    count(r.counts, book.on_fill(x.fill, marks, trading_state::active,
                                 replay_now(x.fill)));
  }
  r.seconds = since(t0);
  r.counts.fresh = fresh.size();
  r.state = snapshot(book);
  return r;
}

stage_result run_pipeline(const std::vector<bench_fill>& fills,
                          const settings& cfg, const symbol_map& map,
                          database* db, size_t batch) {
  stage_result r;
  dedup_set seen;
  target_book book{cfg, map};
  prepare_book(book, cfg);
  mark_table marks;
  std::vector<db_write> groups;
  groups.reserve(batch);
  const int64_t ttl_ms = int64_t{cfg.storage.dedup_ttl_days} * 86'400'000;
  int64_t newest = 0;
  size_t since_flush = 0;
  auto flush = [&] {
    if (db == nullptr || groups.empty()) return;
    auto t0 = steady::now();
    auto plan = make_flush_plan(groups);
    auto t1 = steady::now();
    apply(*db, plan);
    r.apply_seconds += since(t1);
    r.plan_seconds += std::chrono::duration<double>(t1 - t0).count();
    ++r.flushes;
    groups.clear();
  };
  auto t0 = steady::now();
  for (auto& x : fills) {
    auto& f = x.fill;
    // The replay driver moves the mark before it hands the fill to the gate.
    if (x.mark) marks[x.mark->symbol] = *x.mark;
    if (seen.insert(f.key)) {
      newest = std::max(newest, f.key.time_ms);
      ++r.counts.fresh;
      auto now = replay_now(f);
      auto d = book.on_fill(f, marks, trading_state::active, now);
      count(r.counts, d);
      if (db != nullptr) {
        // What the STRATEGY actor sends the WRITER for this fill.
        db_write w;
        w.time_ms = now;
        w.skips = std::move(d.skips);
        if (d.state) w.strategy_rows.push_back(std::move(*d.state));
        w.cursors.push_back(cursor_advance{f.key.leader, f.key.time_ms});
        w.processed_fills.push_back(f.key);
        groups.push_back(std::move(w));
      }
    } else {
      ++r.counts.duplicates;
    }
    seen.prune_before(newest - ttl_ms);
    if (++since_flush == batch) {
      flush();
      since_flush = 0;
    }
  }
  flush();
  r.seconds = since(t0);
  r.state = snapshot(book);
  return r;
}

} // namespace hlc::bench
