// The exhaustive kill loop (issue 6): the real hlcopy binary is killed with
// SIGKILL at EVERY pass of every crash point of a hand-made recording
// (tests/fixtures/crash_loop: 62 fills over 5 coins), then rerun; each rerun
// must end exactly where the uninterrupted run ended, with no order sent
// twice and no order left unresolved.

#include "run_hlcopy.hpp"

#include "messages/decimal.hpp"
#include "persistence/database.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/paper_repo.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace hlc;
using namespace hlc::test;

namespace {

const std::vector<std::string> points{"intent_committed", "order_sent",
                                      "answer_recorded", "decision_persisted"};

std::string replay_args(const std::string& extra = {}) {
  auto dir = std::string{HLC_SOURCE_DIR} + "/tests/fixtures/crash_loop/";
  return "replay --config '" + dir + "config.json' --fills '" + dir
         + "fills.json' " + extra;
}

std::string db_of(const std::string& dir) {
  return dir + "/crashloop.db";
}

/// What a recovered run must share with the uninterrupted one.
struct outcome {
  std::map<std::string, std::string> venue_position; ///< paper book
  std::map<std::string, std::string> venue_volume;   ///< sum of fills
  std::map<std::string, std::string> targets;        ///< strategy rows
  std::vector<std::string> report_symbols; ///< report rows, orders column cut
  bool operator==(const outcome& o) const {
    return venue_position == o.venue_position && venue_volume == o.venue_volume
           && targets == o.targets && report_symbols == o.report_symbols;
  }
};

std::ostream& operator<<(std::ostream& os, const outcome& o) {
  for (auto& [s, q] : o.venue_position)
    os << s << " position " << q << " volume " << o.venue_volume.at(s) << "\n";
  for (auto& [s, q] : o.targets)
    os << s << " target " << q << "\n";
  for (auto& line : o.report_symbols)
    os << line << "\n";
  return os;
}

/// The report's per-symbol rows without the `orders` column (a crash between
/// commit and send adds one REJECTED row that never reached the venue).
std::vector<std::string> report_symbol_rows(const std::string& report) {
  std::vector<std::string> rows;
  std::istringstream in{report};
  std::string line;
  while (std::getline(in, line) && line.rfind("per symbol", 0) != 0) {
  }
  while (std::getline(in, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words{line};
    std::vector<std::string> w{std::istream_iterator<std::string>{words},
                               std::istream_iterator<std::string>{}};
    if (w.empty() || w[0] == "symbol") continue;
    // symbol coin leader-pos target follower-pos step orders traded check
    if (w.size() > 6) w.erase(w.begin() + 6);
    std::string row;
    for (auto& x : w)
      row += x + " ";
    rows.push_back(row);
  }
  return rows;
}

outcome read_outcome(const std::string& dir, const std::string& report) {
  outcome o;
  o.venue_position = paper_positions(db_of(dir));
  o.targets = targets(db_of(dir));
  o.report_symbols = report_symbol_rows(report);
  auto db = database::open(db_of(dir));
  std::map<std::string, decimal> volume;
  for (auto& p : paper_repo{db}.load_orders())
    volume[p.symbol] += p.filled_qty;
  for (auto& [s, q] : volume)
    o.venue_volume[s] = q.to_string();
  return o;
}

/// `{"crash_points":{"intent_committed":N,...}}` from the report's last line.
std::map<std::string, uint64_t> crash_point_counts(const std::string& out) {
  std::map<std::string, uint64_t> counts;
  for (auto& p : points) {
    // A plain search: <regex> trips GCC 12's -Wmaybe-uninitialized at -O1.
    auto key = "\"" + p + "\":";
    auto at = out.find(key);
    if (at == std::string::npos) continue;
    auto digits = at + key.size();
    auto end = out.find_first_not_of("0123456789", digits);
    if (end != digits)
      counts[p] = std::stoull(out.substr(digits, end - digits));
  }
  return counts;
}

/// The orders table against the venue's book: every problem as a line.
std::vector<std::string> order_problems(const std::string& dir,
                                        bool may_have_unsent) {
  std::vector<std::string> problems;
  auto db = database::open(db_of(dir));
  std::map<std::string, decimal> venue_filled;
  std::set<std::pair<std::string, uint64_t>> venue_ids; // (symbol, venue id)
  for (auto& p : paper_repo{db}.load_orders()) {
    venue_filled[p.client_id] = p.filled_qty;
    if (!venue_ids.insert({p.symbol, p.exchange_order_id}).second)
      problems.push_back("venue order id used twice: " + p.client_id);
  }
  std::set<std::string> ours;
  int unsent = 0;
  for (auto& o : order_repo{db}.load_all()) {
    auto& id = o.intent.client_id;
    ours.insert(id);
    auto state = std::string{to_string(o.state)};
    if (state == "PENDING" || state == "UNKNOWN")
      problems.push_back("unresolved order " + id + " " + state);
    auto venue = venue_filled.find(id);
    if (venue == venue_filled.end()) {
      // Only an intent committed and never sent may be missing at the venue:
      // REJECTED by the -2013 its query got after the restart. The replay
      // settles one leader millisecond at a time and several symbols can
      // trade in it side by side, so a kill anywhere can catch one such
      // intent per symbol (at most 5 here), never more.
      if (state != "REJECTED" || o.error_code != -2013
          || ++unsent > (may_have_unsent ? 5 : 0))
        problems.push_back("order " + id + " " + state + " not at the venue");
    } else if (venue->second != o.filled_qty) {
      problems.push_back("order " + id + " filled " + o.filled_qty.to_string()
                         + " but the venue says " + venue->second.to_string());
    }
  }
  for (auto& [id, qty] : venue_filled)
    if (ours.count(id) == 0)
      problems.push_back("venue order " + id + " has no orders row");
  return problems;
}

struct kill_case {
  std::string point;
  uint64_t n = 0;
  bool third_run = false; ///< also prove a second rerun changes nothing
};

/// Kill, rerun (and maybe rerun again); every deviation as a line.
std::vector<std::string> run_case(const kill_case& c,
                                  const outcome& reference) {
  std::vector<std::string> problems;
  auto fail = [&](std::string what) { problems.push_back(std::move(what)); };
  scratch_dir dir;
  auto spec = c.point + ":" + std::to_string(c.n);
  auto killed = run_hlcopy(dir.path, replay_args("--crash-at " + spec));
  if (killed.status != 128 + 9) {
    fail("expected death by SIGKILL, got status "
         + std::to_string(killed.status) + "\n" + killed.err);
    return problems;
  }
  auto rerun = run_hlcopy(dir.path, replay_args());
  if (rerun.status != 0) {
    fail("rerun exited " + std::to_string(rerun.status) + "\n" + rerun.err);
    return problems;
  }
  for (auto& p : order_problems(dir.path, true))
    fail(p);
  auto got = read_outcome(dir.path, rerun.out);
  if (!(got == reference)) {
    std::ostringstream os;
    os << "rerun differs from the uninterrupted run:\n"
       << got << "expected:\n"
       << reference;
    fail(os.str());
  }
  if (c.third_run) {
    auto orders_before = order_lines(db_of(dir.path));
    auto venue_before = venue_order_ids(db_of(dir.path));
    auto again = run_hlcopy(dir.path, replay_args());
    if (again.status != 0)
      fail("second rerun exited " + std::to_string(again.status) + "\n"
           + again.err);
    if (order_lines(db_of(dir.path)) != orders_before
        || venue_order_ids(db_of(dir.path)) != venue_before)
      fail("a second rerun placed or changed orders");
  }
  return problems;
}

/// Runs every case on `jobs` threads (each case is separate processes in
/// its own directory); Catch2 assertions stay on the calling thread.
std::vector<std::vector<std::string>>
run_all(const std::vector<kill_case>& cases, const outcome& reference) {
  std::vector<std::vector<std::string>> results(cases.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (auto i = next++; i < cases.size(); i = next++)
      results[i] = run_case(cases[i], reference);
  };
  unsigned jobs = 2;
  if (auto env = std::getenv("HLC_CRASH_LOOP_JOBS")) jobs = std::stoul(env);
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < std::max(1u, jobs); ++j)
    threads.emplace_back(worker);
  for (auto& t : threads)
    t.join();
  return results;
}

struct reference_run {
  outcome result;
  std::map<std::string, uint64_t> counts;
};

reference_run uninterrupted() {
  scratch_dir dir;
  auto r = run_hlcopy(dir.path, replay_args("--count-crash-points"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  REQUIRE(order_problems(dir.path, false).empty());
  reference_run ref{read_outcome(dir.path, r.out), crash_point_counts(r.out)};
  REQUIRE(ref.counts.size() == points.size());
  REQUIRE(ref.result.report_symbols.size() == 5);
  // Counting must not change what is decided: a plain run ends the same.
  scratch_dir plain;
  auto p = run_hlcopy(plain.path, replay_args());
  REQUIRE(p.status == 0);
  CHECK(read_outcome(plain.path, p.out) == ref.result);
  return ref;
}

/// Every Nth pass of every point when `stride` > 1 (a sample), else all.
void kill_loop(uint64_t stride) {
  auto ref = uninterrupted();
  std::vector<kill_case> cases;
  // HLC_CRASH_LOOP_POINT=name restricts the loop to one point (debugging).
  auto only = std::getenv("HLC_CRASH_LOOP_POINT");
  for (auto& p : points) {
    auto count = ref.counts.at(p);
    CHECK(count > 0);
    if (only != nullptr && p != only) continue;
    for (uint64_t n = 1; n <= count; ++n)
      if (stride <= 1 || n % stride == 1 || n == count)
        cases.push_back({p, n, n % 8 == 1 || n == count});
  }
  auto results = run_all(cases, ref.result);
  std::map<std::string, int> tested;
  for (size_t i = 0; i < cases.size(); ++i) {
    ++tested[cases[i].point];
    for (auto& problem : results[i]) {
      INFO("killed at " << cases[i].point << ":" << cases[i].n);
      FAIL_CHECK(problem);
    }
  }
  std::ostringstream summary;
  summary << "crash points:";
  for (auto& p : points)
    summary << " " << p << "=" << tested[p] << "/" << ref.counts.at(p);
  summary << " total=" << cases.size();
  std::cout << summary.str() << std::endl;
}

} // namespace

TEST_CASE("killed at every crash point, a rerun ends exactly like the "
          "uninterrupted run",
          "[scenario][crash_loop]") {
  kill_loop(1);
}

TEST_CASE("killed at a sample of the crash points (the ASan pass)",
          "[crash_loop_sample]") {
  kill_loop(8);
}

TEST_CASE("crash point options are checked", "[scenario][crash_loop]") {
  scratch_dir dir;
  auto bad = run_hlcopy(dir.path, replay_args("--crash-at order_sent"));
  CHECK(bad.status == 2);
  CHECK(bad.err.find("POINT:N") != std::string::npos);
  auto unknown = run_hlcopy(dir.path, replay_args("--crash-at nowhere:3"));
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown crash point 'nowhere'") != std::string::npos);
  auto two = run_hlcopy(
      dir.path, replay_args("--crash-at order_sent:1 --crash-after-intents 2"));
  CHECK(two.status == 2);
  // the old flag is an alias of intent_committed
  auto alias = run_hlcopy(dir.path, replay_args("--crash-after-intents 1"));
  CHECK(alias.status == 128 + 9);
  CHECK(order_lines(db_of(dir.path)).size() == 1);
}
