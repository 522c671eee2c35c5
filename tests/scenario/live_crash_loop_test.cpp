// The live kill -9 loop (issue 8, EXE-6): a 500-fill leader session on
// hl-sim is copied by `hlcopy run` in live mode onto binance-sim while the
// copier is killed with SIGKILL 30 times at random moments and restarted
// each time. binance-sim outlives every copier, as Binance would. At the end
// no client id reached binance-sim twice, every order it received is one of
// the database's intents, nothing is left unresolved, and every position
// equals its target.

#include "live_session.hpp"

#include <random>
#include <set>
#include <thread>

using namespace live_test;

namespace {

struct coin_plan {
  const char* coin;
  const char* symbol;
  decimal unit;  ///< leader trade size unit: 0.5 × unit is a tradable delta
  int max_units; ///< |leader position| stays within this many units
};

/// A deterministic leader session: `n` trades over `span_ms`, each a whole
/// number of its coin's unit, positions bounded so that every follower
/// delta clears min notional and the account's margin.
hlc::sim::hl::scenario make_session(size_t n, int64_t span_ms, uint64_t seed,
                                    std::map<std::string, decimal>& final) {
  std::vector<coin_plan> coins{{"BTC", "BTCUSDT", d("0.004"), 30},
                               {"ETH", "ETHUSDT", d("0.02"), 100},
                               {"SOL", "SOLUSDT", d("0.2"), 200},
                               {"DOGE", "DOGEUSDT", d("40"), 500}};
  std::mt19937_64 rng{seed};
  std::map<std::string, int> units;
  hlc::sim::hl::scenario sc;
  for (size_t i = 0; i < n; ++i) {
    auto& c = coins[rng() % coins.size()];
    auto& pos = units[c.coin];
    int step = 1 + static_cast<int>(rng() % 10);
    bool buy = rng() % 2 == 0;
    if (buy && pos + step > c.max_units) buy = false;
    if (!buy && pos - step < -c.max_units) buy = true;
    pos += buy ? step : -step;
    hlc::sim::hl::scheduled_trade t;
    t.at_ms = static_cast<int64_t>(i) * span_ms / static_cast<int64_t>(n);
    t.spec.leader = leader;
    t.spec.coin = c.coin;
    t.spec.side = buy ? 'B' : 'A';
    t.spec.sz = (c.unit * decimal::from_int(step)).to_string();
    sc.trades.push_back(t);
  }
  for (auto& c : coins)
    final[c.symbol] = c.unit * decimal::from_int(units[c.coin])
                      * decimal::parse_or_throw("0.5");
  return sc;
}

} // namespace

TEST_CASE("live kill -9 loop: 30 crashes in a 500-fill session, no duplicate "
          "order, positions on target, nothing unresolved",
          "[live_crash_loop]") {
  constexpr int crashes = 30;
  live_session s{{},
                 R"(, "strategy": {"trust_local": true,
                                   "max_fill_age_ms": 120000})"};
  std::map<std::string, decimal> expected;
  auto session = make_session(500, 40'000, 11, expected);
  std::mt19937_64 rng{23};
  s.start();
  REQUIRE(eventually([&] { return s.hl.snapshot().tracked_users == 1; }));
  s.hl.load_scenario(session);
  for (int i = 0; i < crashes; ++i) {
    // Anywhere from the middle of the startup to a second of copying.
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 1200));
    s.crash();
    s.start();
  }
  // The last copier runs until the session is processed and settled.
  bool all = eventually(
      [&] { return s.count("SELECT COUNT(*) FROM processed_fills") == 500; },
      120s);
  CHECK(all);
  std::map<std::string, decimal> got;
  bool reached = eventually(
      [&] {
        got = s.venue_positions();
        for (auto& [symbol, qty] : expected)
          if (!qty.is_zero() && got[symbol] != qty) return false;
        for (auto& [symbol, qty] : got)
          if (expected[symbol] != qty) return false;
        return true;
      },
      60s);
  for (auto& [symbol, qty] : expected)
    UNSCOPED_INFO(symbol << " expected " << qty.to_string() << " got "
                         << got[symbol].to_string());
  CHECK(reached);
  // The shutdown flushes the WRITER: the DB is complete after it.
  CHECK(s.stop() == 0);
  {
    auto db = hlc::database::open(s.db_path);
    soci::rowset<soci::row> open
        = (db.session().prepare
           << "SELECT client_id, state, filled_qty, error_text FROM orders "
              "WHERE state NOT IN ('FILLED','CANCELED','EXPIRED','REJECTED')");
    int n = 0;
    for (auto& r : open) {
      ++n;
      UNSCOPED_INFO(r.get<std::string>(0)
                    << " " << r.get<std::string>(1) << " "
                    << r.get<std::string>(2) << " " << r.get<std::string>(3));
    }
    CHECK(n == 0);
  }

  std::set<std::string> ids;
  for (auto& o : s.bn.venue().orders()) {
    INFO(o.client_id);
    CHECK(ids.insert(o.client_id).second);
  }
  CHECK(static_cast<int64_t>(ids.size())
        <= s.count("SELECT COUNT(*) FROM orders"));
  // Every order binance-sim holds is an intent of the database.
  auto db = hlc::database::open(s.db_path);
  for (auto& id : ids) {
    int n = 0;
    db.session() << "SELECT COUNT(*) FROM orders WHERE client_id = :id",
        soci::use(id), soci::into(n);
    INFO(id);
    CHECK(n == 1);
  }
}
