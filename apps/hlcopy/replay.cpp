#include "apps/hlcopy/replay.hpp"

#include "actors/executor/symbol_executor.hpp"
#include "actors/strategy/symbol_map.hpp"
#include "adapters/hyperliquid/recording_reader.hpp"
#include "apps/hlcopy/input_files.hpp"
#include "apps/hlcopy/mark_timeline.hpp"
#include "apps/hlcopy/pipeline.hpp"
#include "apps/hlcopy/startup.hpp"
#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

namespace hlc {

namespace {

constexpr int max_attempts = 5;
constexpr int replay_writer_batch = 4096;        // rows per group commit
constexpr int64_t replay_writer_flush_ms = 1000; // wall time per group commit

std::atomic<bool> stop_requested{false};

extern "C" void on_stop_signal(int) {
  stop_requested.store(true); // async-signal-safe: a lock-free atomic store
}

/// The recording as a stream of millisecond batches, oldest first, within
/// the `--from` / `--to` window (ADR 0020, ADR 0021).
class batch_stream {
public:
  batch_stream(const replay_options& opts, hyperliquid::recording_reader reader)
      : opts_(opts), reader_(std::move(reader)) {
    // A file that is not a recording at all stops the replay before it
    // starts: a usage error (exit 2, ADR 0017) with the reason.
    if (auto& e = reader_.error())
      throw input_file_error("--fills " + opts_.fills_path + ": " + e->message);
  }

  /// The time of the first fill in the window (reads ahead to it).
  std::optional<int64_t> first_ms() {
    if (!fill_ahead()) return std::nullopt;
    return chunk_.fills[next_].key.time_ms;
  }

  /// The next batch: every fill of the next millisecond in the window, at
  /// most `limit`; false at the end of the recording.
  bool next(std::vector<leader_fill>& batch, size_t limit) {
    batch.clear();
    if (!fill_ahead()) return false;
    auto ms = chunk_.fills[next_].key.time_ms;
    while (batch.size() < limit && fill_ahead()
           && chunk_.fills[next_].key.time_ms == ms)
      batch.push_back(std::move(chunk_.fills[next_++]));
    return true;
  }

  /// Bad fills met so far, handed out once (quarantine).
  std::vector<hyperliquid::parse_error> take_errors() {
    return std::exchange(errors_, {});
  }

  size_t errors_seen() const noexcept { return errors_seen_; }

private:
  bool in_window(const leader_fill& f) const {
    return f.key.time_ms >= opts_.from_ms && f.key.time_ms <= opts_.to_ms;
  }

  /// True when `chunk_.fills[next_]` is the next fill in the window.
  bool fill_ahead() {
    for (;;) {
      while (next_ < chunk_.fills.size() && !in_window(chunk_.fills[next_]))
        ++next_;
      if (next_ < chunk_.fills.size()) return true;
      if (!reader_.next(chunk_)) return false;
      next_ = 0;
      errors_seen_ += chunk_.errors.size();
      for (auto& e : chunk_.errors)
        errors_.push_back(std::move(e));
    }
  }

  const replay_options& opts_;
  hyperliquid::recording_reader reader_;
  hyperliquid::recording_chunk chunk_;
  size_t next_ = 0;
  std::vector<hyperliquid::parse_error> errors_;
  size_t errors_seen_ = 0;
};

hyperliquid::recording_reader open_recording(const replay_options& opts) {
  hyperliquid::recording_reader::options o;
  o.default_leader
      = opts.cfg.leaders.empty() ? "" : opts.cfg.leaders[0].address;
  o.source = fill_source::replay;
  if (!opts.fills_path.empty())
    return hyperliquid::recording_reader{opts.fills_path, o};
  return hyperliquid::recording_reader::in_memory(opts.fills_json, o);
}

/// Keys of the fills this DB has already processed (a rerun after a crash).
std::unordered_set<fill_key> processed_keys(caf::scoped_actor& self,
                                            const writer_actor& writer) {
  std::unordered_set<fill_key> keys;
  self->request(writer, caf::infinite, atom::load_v, atom::dedup_v, int64_t{0})
      .receive(
          [&](std::vector<fill_key>& loaded) {
            keys.insert(loaded.begin(), loaded.end());
          },
          [](const caf::error& err) {
            throw std::runtime_error("cannot read processed fills: "
                                     + caf::to_string(err));
          });
  return keys;
}

/// Restart recovery (EXE-6): the STRATEGY re-emits every target and answers
/// once every EXECUTOR resolved its unfinished orders and traded toward it.
void restore_targets(caf::scoped_actor& self, const strategy_actor& strat) {
  self->request(strat, caf::infinite, atom::restore_v)
      .receive(
          [](uint64_t targets) {
            if (targets != 0)
              log_info("replay", "targets_restored", {},
                       {{"symbols", std::to_string(targets)}});
          },
          [](const caf::error& err) {
            throw std::runtime_error("restart recovery failed: "
                                     + caf::to_string(err));
          });
}

} // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

replay_counters run_replay(const replay_options& opts) {
  replay_counters counters;
  batch_stream stream{opts, open_recording(opts)};
  counters.first_ms = stream.first_ms().value_or(0);
  auto clock = std::make_shared<manual_wall_clock>(counters.first_ms);
  auto ctx = std::make_shared<pipeline_context>();
  ctx->cfg = opts.cfg;
  ctx->startup = prepare_database(opts.cfg, counters.first_ms);
  ctx->clock = clock;
  ctx->filters = opts.market.filters;
  ctx->alert_out = opts.out;
  ctx->writer_detached = false; // one batch at a time: no hand-off per commit
  // The venue (paper) is persisted in this DB after each intent: intents
  // and their effects commit together, a crash loses both (ADR 0038).
  ctx->writer_commit = intent_commit::grouped;
  // Fewer, larger commits: each commit rewrites every B-tree page it
  // touched, so its cost hardly depends on its size. A crash loses at most
  // this much, which the rerun redoes (benchmarks.md, ADR 0038).
  ctx->cfg.storage.writer_batch
      = std::max(ctx->cfg.storage.writer_batch, replay_writer_batch);
  ctx->cfg.storage.writer_flush_ms
      = std::max(ctx->cfg.storage.writer_flush_ms, replay_writer_flush_ms);
  ctx->dedup_memory_ms = 1; // time-ordered input (ADR 0020)
  if (opts.crash_at) crash_points::arm(*opts.crash_at);
  if (opts.count_crash_points) crash_points::enable_counting();

  caf::actor_system_config sys_cfg;
  sys_cfg.add_message_types<caf::id_block::hlcopy>();
  // A replay settles one batch at a time, so a second worker only adds
  // hand-offs: one worker that waits on a condition variable (no polling
  // sleeps, no work stealing) used ≈ 25 % less CPU than two work-stealing
  // workers (benchmarks.md, "After group commit").
  sys_cfg.set("scheduler.max-threads", 1);
  sys_cfg.set("scheduler.policy", caf::atom("sharing"));
  caf::actor_system sys{sys_cfg};
  caf::scoped_actor self{sys};
  auto sup = sys.spawn(supervisor, make_paper_pipeline(ctx));
  dedup_gate_actor dedup;
  strategy_actor strat;
  router_actor route;
  paper_gateway_actor gateway;
  writer_actor writer;
  auto ask_wiring = [&] {
    self->request(sup, caf::infinite, caf::get_atom_v, atom::wiring_v)
        .receive(
            [&](dedup_gate_actor& d, strategy_actor& s, router_actor& r,
                paper_gateway_actor& g, writer_actor& w) {
              dedup = d;
              strat = s;
              route = r;
              gateway = g;
              writer = w;
            },
            [](const caf::error& err) {
              throw std::runtime_error("pipeline did not start: "
                                       + caf::to_string(err));
            });
  };
  ask_wiring();
  auto quarantine = [&] {
    auto errors = stream.take_errors();
    if (errors.empty()) return;
    db_write w;
    w.time_ms = clock->now_ms();
    for (auto& e : errors) {
      log_warn("replay", "quarantined", {}, {{"reason", e.to_string()}});
      w.quarantined.push_back(
          quarantine_record{"replay", e.to_string(), e.raw, w.time_ms});
    }
    self->send(writer, std::move(w));
  };
  quarantine();
  // A timeline of marks keeps each entry's own time (freshness is then
  // real); starting marks are taken as of the first fill.
  mark_timeline timeline{opts.market.marks};
  auto starting = timeline.is_timeline() ? timeline.starting(counters.first_ms)
                                         : opts.market.marks;
  for (auto& m : starting) {
    auto start = m;
    if (!timeline.is_timeline()) start.time_ms = counters.first_ms;
    self->send(gateway, start);
    self->send(route, start);
    self->send(strat, start);
  }
  // Restart recovery waits for the market: the fills this DB already
  // processed are fed first (dropped as duplicates, but their marks are
  // sent), so the restored targets are traded at the prices they were
  // decided at, and before the first new fill decides anything.
  auto processed = processed_keys(self, writer);
  bool restored = false;
  auto restore = [&] {
    restored = true;
    processed = {}; // only needed until the first new fill
    restore_targets(self, strat);
  };
  symbol_map map{opts.cfg.symbols};
  uint64_t fed = 0;
  std::vector<leader_fill> batch;
  std::map<std::string, mark_price> marks; // of this batch, by symbol
  auto limit = [&] {
    // test hook: stop after exactly N fills, even inside a millisecond
    return opts.term_after_fills == 0
               ? std::numeric_limits<size_t>::max()
               : static_cast<size_t>(opts.term_after_fills - fed);
  };
  for (;;) {
    if (opts.term_after_fills != 0 && fed == opts.term_after_fills)
      std::raise(SIGTERM); // test hook: the handler only sets the flag
    if (stop_requested.load()) {
      counters.interrupted = true;
      log_warn("replay", "stop_requested", {},
               {{"fills_fed", std::to_string(fed)}});
      break;
    }
    if (!stream.next(batch, limit())) break;
    quarantine();
    if (!restored
        && std::any_of(batch.begin(), batch.end(), [&](const leader_fill& f) {
             return processed.count(f.key) == 0;
           }))
      restore(); // before this batch's marks: see above
    fed += batch.size();
    counters.read += batch.size();
    counters.last_ms = batch.front().key.time_ms;
    clock->advance_to(counters.last_ms);
    // The leader's execution price is the best evidence of the market then:
    // per symbol, its last fill of this millisecond (ADR 0021).
    // With a timeline (`--marks`), the marks due by now instead.
    marks.clear();
    if (timeline.is_timeline()) {
      for (auto& m : timeline.due(counters.last_ms))
        marks[m.symbol] = m;
    } else {
      for (auto& fill : batch)
        if (auto mapping = map.resolve(fill.key.coin))
          marks[mapping->symbol]
              = mark_price{mapping->symbol,
                           decimal::divide(fill.px, mapping->multiplier, 10,
                                           rounding::half_up),
                           fill.key.time_ms};
    }
    for (auto& [symbol, m] : marks) {
      self->send(gateway, m);
      self->send(route, m);
      self->send(strat, m);
    }
    bool done = false;
    for (int attempt = 1; !done && attempt <= max_attempts; ++attempt) {
      self->request(dedup, caf::infinite, batch)
          .receive(
              [&](const ingest_result& r) {
                counters.fresh += r.fresh;
                counters.duplicates += r.duplicates;
                done = true;
              },
              [&](const caf::error& err) {
                log_warn("replay", "retry_batch", to_string(batch.front().key),
                         {{"attempt", std::to_string(attempt)},
                          {"fills", std::to_string(batch.size())},
                          {"error", caf::to_string(err)}});
                // a restarted child needs a moment: ask again for the wiring
                self->request(sup, caf::infinite, caf::get_atom_v,
                              atom::wiring_v)
                    .receive(
                        [&](dedup_gate_actor& d, strategy_actor& s,
                            router_actor& r, paper_gateway_actor& g,
                            writer_actor& w) {
                          dedup = d;
                          strat = s;
                          route = r;
                          gateway = g;
                          writer = w;
                        },
                        [](const caf::error&) {});
              });
    }
    if (!done)
      throw std::runtime_error("fills of " + to_string(batch.front().key)
                               + "'s millisecond could not be processed");
  }
  if (!restored && !counters.interrupted) restore();
  quarantine();
  counters.quarantined = stream.errors_seen();
  counters.read += counters.quarantined;
  self->request(sup, caf::infinite, atom::shutdown_v)
      .receive([](bool) {}, [](const caf::error&) {});
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  return counters;
}

} // namespace hlc
