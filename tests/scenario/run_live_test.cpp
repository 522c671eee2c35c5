// `hlcopy run` in live mode against hl-sim and binance-sim (issue 8): the
// real binary copies a leader onto the Binance simulator through signed
// REST, sets margin type and leverage before a symbol's first open, refuses
// a hedge-mode account, and starts SAFE with the reason when the account
// is not flat at start (MODE-3).

#include "live_session.hpp"

#include <regex>
#include <set>

using namespace live_test;

TEST_CASE("hlcopy run live copies a leader onto binance-sim: exact "
          "positions, one order per intent, valid ids, leverage first",
          "[scenario][run][live]") {
  live_session s;
  s.start();
  REQUIRE(eventually([&] { return s.hl.snapshot().tracked_users == 1; }));
  s.trade("BTC", 'B', "0.04");
  s.trade("ETH", 'B', "1.0");
  s.trade("SOL", 'A', "20");
  s.trade("DOGE", 'B', "6000");
  s.trade("BTC", 'A', "0.02"); // BTC 0.04 → 0.02
  s.trade("SOL", 'B', "20");   // SOL flat
  std::map<std::string, decimal> expected{
      {"BTCUSDT", d("0.01")}, {"ETHUSDT", d("0.5")}, {"DOGEUSDT", d("3000")}};
  bool reached = eventually([&] { return s.venue_positions() == expected; });
  for (auto& [symbol, qty] : s.venue_positions())
    UNSCOPED_INFO(symbol << " " << qty.to_string());
  CHECK(reached);
  REQUIRE(eventually([&] {
    return s.count("SELECT COUNT(*) FROM orders WHERE state IN "
                   "('PENDING','UNKNOWN','SUBMITTED','PARTIALLY_FILLED')")
           == 0;
  }));
  CHECK(s.stop() == 0);

  // Every order binance-sim received is one of our intents, once.
  auto orders = s.bn.venue().orders();
  std::set<std::string> ids;
  std::regex valid{R"(^[\.A-Z\:/a-z0-9_-]{1,36}$)"};
  for (auto& o : orders) {
    INFO(o.client_id);
    CHECK(std::regex_match(o.client_id, valid));
    CHECK(o.client_id.rfind("hlc-", 0) == 0);
    CHECK(ids.insert(o.client_id).second);
  }
  CHECK(static_cast<int64_t>(orders.size())
        == s.count("SELECT COUNT(*) FROM orders"));
  // Margin type and leverage went before each symbol's first order.
  std::set<std::string> leveraged, margined;
  for (auto& r : s.bn.venue().requests()) {
    auto symbol_of = [&] {
      auto i = r.query.find("symbol=");
      return i == std::string::npos
                 ? std::string{}
                 : r.query.substr(i + 7, r.query.find('&', i) - i - 7);
    };
    if (r.method == "POST" && r.path == "/fapi/v1/leverage") {
      CHECK(r.query.find("leverage=3") != std::string::npos);
      leveraged.insert(symbol_of());
    }
    if (r.method == "POST" && r.path == "/fapi/v1/marginType") {
      CHECK(r.query.find("marginType=ISOLATED") != std::string::npos);
      margined.insert(symbol_of());
    }
    if (r.method == "POST" && r.path == "/fapi/v1/order") {
      INFO(r.query);
      CHECK(leveraged.count(symbol_of()) == 1);
      CHECK(margined.count(symbol_of()) == 1);
    }
    // The listenKey is shared by the account's clients: never deleted.
    CHECK_FALSE((r.method == "DELETE" && r.path == "/fapi/v1/listenKey"));
  }
}

TEST_CASE("hlcopy run live refuses a hedge-mode account at start",
          "[scenario][run][live]") {
  bsim::venue_config vc;
  vc.dual_side = true;
  live_session s{vc};
  auto r = hlc::test::run_hlcopy(s.dir.path, "run --config " + s.cfg_path);
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("HEDGE_MODE") != std::string::npos);
  CHECK(r.err.find("one-way") != std::string::npos);
  CHECK(s.bn.venue().orders().empty());
}

TEST_CASE("hlcopy run live starts SAFE with the reason when the account is "
          "not flat and trust_local is off, and places nothing",
          "[scenario][run][live]") {
  bsim::venue_config vc;
  vc.positions.push_back({"ETHUSDT", "BOTH", d("0.5"), d("3500")});
  live_session s{vc};
  s.start();
  REQUIRE(eventually([&] { return s.hl.snapshot().tracked_users == 1; }));
  s.trade("BTC", 'B', "0.04");
  REQUIRE(eventually(
      [&] { return s.count("SELECT COUNT(*) FROM processed_fills") == 1; }));
  auto st = hlc::test::run_hlcopy(s.dir.path,
                                  "status --config " + s.cfg_path + " --json");
  INFO(st.out);
  CHECK(st.out.find("SAFE") != std::string::npos);
  CHECK(st.out.find("BASELINE_REFUSED") != std::string::npos);
  CHECK(st.out.find("binance ETHUSDT 0.5") != std::string::npos);
  CHECK(s.stop() == 0);
  CHECK(s.bn.venue().orders().empty());
  CHECK(s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'baseline' "
                "AND reason = 'BASELINE_REFUSED'")
        == 1);
}
