#include "apps/hlcopy/replay.hpp"

#include "actors/common/log.hpp"
#include "actors/executor/symbol_executor.hpp"
#include "actors/strategy/symbol_map.hpp"
#include "adapters/hyperliquid/parse_fills.hpp"
#include "apps/hlcopy/pipeline.hpp"
#include "apps/hlcopy/startup.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <stdexcept>
#include <unordered_set>

namespace hlc {

namespace {

constexpr int max_attempts = 5;

std::atomic<bool> stop_requested{false};

extern "C" void on_stop_signal(int) {
  stop_requested.store(true); // async-signal-safe: a lock-free atomic store
}

/// Parses a recording: a plain array, or `{request:{user}, response:[...]}`.
hyperliquid::fill_batch parse_recording(const std::string& text,
                                        const settings& cfg) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  hyperliquid::fill_batch result;
  if (doc.HasParseError()) {
    result.errors.push_back(
        hyperliquid::parse_error{"(root)", "not JSON", text.substr(0, 200)});
    return result;
  }
  std::string leader = cfg.leaders.empty() ? "" : cfg.leaders[0].address;
  const rapidjson::Value* fills = &doc;
  if (doc.IsObject()) {
    if (doc.HasMember("request") && doc["request"].IsObject()
        && doc["request"].HasMember("user")
        && doc["request"]["user"].IsString())
      leader = doc["request"]["user"].GetString();
    if (!doc.HasMember("response")) {
      result.errors.push_back(hyperliquid::parse_error{
          "response", "recording has no response array", ""});
      return result;
    }
    fills = &doc["response"];
  }
  return hyperliquid::parse_fills(*fills, leader, fill_source::replay,
                                  "response");
}

/// Oldest first. userFills answers newest first by time, yet within one
/// millisecond it lists fills in execution order (in the REAL 2023
/// recording, 61 adjacent same-ms pairs chain startPosition forward, none
/// backward), so a stable sort by time, never a reversal, restores the
/// execution order.
void order_by_time(std::vector<leader_fill>& fills) {
  std::stable_sort(fills.begin(), fills.end(),
                   [](const leader_fill& a, const leader_fill& b) {
                     return a.key.time_ms < b.key.time_ms;
                   });
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
  auto parsed = parse_recording(opts.fills_json, opts.cfg);
  order_by_time(parsed.fills);
  auto outside = [&opts](const leader_fill& f) {
    return f.key.time_ms < opts.from_ms || f.key.time_ms > opts.to_ms;
  };
  parsed.fills.erase(
      std::remove_if(parsed.fills.begin(), parsed.fills.end(), outside),
      parsed.fills.end());
  counters.read = parsed.fills.size() + parsed.errors.size();
  counters.quarantined = parsed.errors.size();
  if (!parsed.fills.empty()) {
    counters.first_ms = parsed.fills.front().key.time_ms;
    counters.last_ms = parsed.fills.back().key.time_ms;
  }
  auto clock = std::make_shared<manual_wall_clock>(counters.first_ms);
  auto ctx = std::make_shared<pipeline_context>();
  ctx->cfg = opts.cfg;
  ctx->startup = prepare_database(opts.cfg, counters.first_ms);
  ctx->clock = clock;
  ctx->filters = opts.market.filters;
  ctx->alert_out = opts.out;
  if (opts.crash_at) crash_points::arm(*opts.crash_at);
  if (opts.count_crash_points) crash_points::enable_counting();

  caf::actor_system_config sys_cfg;
  sys_cfg.add_message_types<caf::id_block::hlcopy>();
  sys_cfg.set("scheduler.max-threads", 2);
  caf::actor_system sys{sys_cfg};
  caf::scoped_actor self{sys};
  auto sup = sys.spawn(supervisor, make_paper_pipeline(ctx));
  dedup_gate_actor dedup;
  strategy_actor strat;
  router_actor route;
  gateway_actor gateway;
  writer_actor writer;
  self->request(sup, caf::infinite, caf::get_atom_v, atom::wiring_v)
      .receive(
          [&](dedup_gate_actor& d, strategy_actor& s, router_actor& r,
              gateway_actor& g, writer_actor& w) {
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
  if (!parsed.errors.empty()) {
    db_write w;
    w.time_ms = counters.first_ms;
    for (auto& e : parsed.errors) {
      log_warn("replay", "quarantined", {}, {{"reason", e.to_string()}});
      w.quarantined.push_back(
          quarantine_record{"replay", e.to_string(), e.raw, counters.first_ms});
    }
    self->send(writer, std::move(w));
  }
  for (auto& m : opts.market.marks) {
    auto start = m;
    start.time_ms = counters.first_ms;
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
  for (auto& fill : parsed.fills) {
    if (opts.term_after_fills != 0 && fed == opts.term_after_fills)
      std::raise(SIGTERM); // test hook: the handler only sets the flag
    if (stop_requested.load()) {
      counters.interrupted = true;
      log_warn("replay", "stop_requested", to_string(fill.key),
               {{"fills_fed", std::to_string(fed)}});
      break;
    }
    if (!restored && processed.count(fill.key) == 0) restore();
    ++fed;
    clock->advance_to(fill.key.time_ms);
    // The leader's execution price is the best evidence of the market then.
    if (auto mapping = map.resolve(fill.key.coin)) {
      mark_price m{
          mapping->symbol,
          decimal::divide(fill.px, mapping->multiplier, 10, rounding::half_up),
          fill.key.time_ms};
      self->send(gateway, m);
      self->send(route, m);
      self->send(strat, m);
    }
    bool done = false;
    for (int attempt = 1; !done && attempt <= max_attempts; ++attempt) {
      self->request(dedup, caf::infinite, std::vector<leader_fill>{fill})
          .receive(
              [&](const ingest_result& r) {
                counters.fresh += r.fresh;
                counters.duplicates += r.duplicates;
                done = true;
              },
              [&](const caf::error& err) {
                log_warn("replay", "retry_fill", to_string(fill.key),
                         {{"attempt", std::to_string(attempt)},
                          {"error", caf::to_string(err)}});
                // a restarted child needs a moment: ask again for the wiring
                self->request(sup, caf::infinite, caf::get_atom_v,
                              atom::wiring_v)
                    .receive(
                        [&](dedup_gate_actor& d, strategy_actor& s,
                            router_actor& r, gateway_actor& g,
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
      throw std::runtime_error("fill " + to_string(fill.key)
                               + " could not be processed");
  }
  if (!restored && !counters.interrupted) restore();
  self->request(sup, caf::infinite, atom::shutdown_v)
      .receive([](bool) {}, [](const caf::error&) {});
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  return counters;
}

} // namespace hlc
