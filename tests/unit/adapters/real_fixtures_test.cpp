// Every file marked REAL in shared/fixtures/real/SOURCES.md either parses
// with the parser the copier uses for it, or is skipped with a reason here
// (issue 7). A REAL file that is neither fails: a new recording must be
// classified when it arrives.

#include "adapters/binance/exchange_info.hpp"
#include "adapters/binance/user_stream.hpp"
#include "adapters/hyperliquid/info.hpp"
#include "adapters/hyperliquid/parse_fills.hpp"
#include "adapters/hyperliquid/ws_frames.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
namespace hl = hlc::hyperliquid;

namespace {

const fs::path real_dir{HLC_REAL_FIXTURES_DIR};

std::string slurp(const fs::path& p) {
  std::ifstream in{p, std::ios::binary};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer b;
  rapidjson::Writer<rapidjson::StringBuffer> w{b};
  v.Accept(w);
  return b.GetString();
}

rapidjson::Document parse_doc(const std::string& text,
                              const std::string& name) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  INFO(name);
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

/// Names of the REAL rows of SOURCES.md (first column, as written).
std::set<std::string> real_rows() {
  std::set<std::string> out;
  std::istringstream in{slurp(real_dir / "SOURCES.md")};
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    auto cells = std::vector<std::string>{};
    std::istringstream row{line};
    std::string cell;
    while (std::getline(row, cell, '|'))
      cells.push_back(cell);
    if (cells.size() < 4 || cells[3].find("REAL") == std::string::npos)
      continue;
    auto name = cells[1];
    name.erase(0, name.find_first_not_of(' '));
    name = name.substr(0, name.find(' '));
    out.insert(name);
  }
  return out;
}

fs::path find(const std::string& name) {
  for (auto& e : fs::recursive_directory_iterator(real_dir))
    if (e.path().filename() == name) return e.path();
  return {};
}

void check_fills(const hl::fill_batch& b, const std::string& what,
                 size_t expected_fills = 0) {
  INFO(what);
  for (auto& e : b.errors)
    FAIL_CHECK(e.to_string());
  CHECK_FALSE(b.fills.empty());
  if (expected_fills != 0) CHECK(b.fills.size() == expected_fills);
}

/// A WS frame must classify as anything but a parse error, and frames that
/// carry fills or order updates must have no bad entry.
void check_frame(const std::string& text, const std::string& what) {
  INFO(what);
  auto f
      = hl::parse_ws_frame(text, "0x0000000000000000000000000000000000000001");
  if (auto* e = std::get_if<hlc::adapters::parse_error>(&f)) {
    FAIL_CHECK(e->to_string());
    return;
  }
  if (auto* u = std::get_if<hl::ws_user_fills>(&f))
    CHECK(u->batch.errors.empty());
  if (auto* u = std::get_if<hl::ws_user_events>(&f))
    CHECK(u->fills.errors.empty());
  if (auto* u = std::get_if<hl::ws_order_updates>(&f)) {
    CHECK(u->errors.empty());
    CHECK_FALSE(u->updates.empty());
  }
}

void check_extracted(const std::string& yaml_name) {
  auto json = find(yaml_name.substr(0, yaml_name.size() - 5) + ".json");
  REQUIRE_FALSE(json.empty());
  auto d = parse_doc(slurp(json), json.string());
  auto type = std::string{d["request"]["type"].GetString()};
  auto body = to_json(d["response"]);
  INFO(yaml_name << " (" << type << ")");
  if (type == "userFills" || type == "userFillsByTime") {
    check_fills(hl::parse_fills_body(body, d["request"]["user"].GetString(),
                                     hlc::fill_source::rest),
                yaml_name, 500);
  } else if (type == "clearinghouseState") {
    CHECK(std::holds_alternative<hl::clearinghouse_state>(
        hl::parse_clearinghouse_state(body)));
  } else if (type == "meta") {
    CHECK(std::holds_alternative<std::vector<hl::perp_asset>>(
        hl::parse_meta(body)));
  } else if (type == "allMids") {
    CHECK(std::holds_alternative<std::map<std::string, hlc::decimal>>(
        hl::parse_all_mids(body)));
  } else {
    FAIL("no parser for " << type);
  }
}

void check_hl_captures(const fs::path& p) {
  auto d = parse_doc(slurp(p), p.string());
  size_t checked = 0;
  for (auto& source : d.GetObject()) {
    if (!source.value.IsObject()) continue; // _note
    for (auto& kind : source.value.GetObject()) {
      for (auto& entry : kind.value.GetObject()) {
        std::string name = entry.name.GetString();
        auto text = to_json(entry.value);
        if (entry.value.IsObject() && entry.value.HasMember("channel")) {
          check_frame(text, name);
        } else if (name.find("clearinghouseState") != std::string::npos) {
          INFO(name);
          CHECK(std::holds_alternative<hl::clearinghouse_state>(
              hl::parse_clearinghouse_state(text)));
        } else if (name.find("REST_meta") != std::string::npos) {
          INFO(name);
          CHECK(std::holds_alternative<std::vector<hl::perp_asset>>(
              hl::parse_meta(text)));
        } else if (name.find("openOrders") != std::string::npos) {
          continue; // skipped: the copier never reads the leader's orders
        } else {
          FAIL_CHECK("unclassified capture " << name);
        }
        ++checked;
      }
    }
  }
  CHECK(checked >= 20);
}

void check_ccxt_hl(const fs::path& p) {
  // ccxt sometimes stringifies oid/tid/time; HL sends numbers (protocol
  // facts §A.1). Its userFills are parsed after turning those back.
  auto d = parse_doc(slurp(p), p.string());
  size_t lists = 0;
  for (auto& m : d.GetObject()) {
    std::string name = m.name.GetString();
    if (name.find(".userFills.") == std::string::npos) continue;
    for (auto& f : m.value.GetArray())
      for (auto* k : {"oid", "tid", "time"})
        if (f.HasMember(k) && f[k].IsString())
          f[k].SetUint64(std::stoull(f[k].GetString()));
    auto b
        = hl::parse_fills(m.value, "0x0000000000000000000000000000000000000001",
                          hlc::fill_source::rest);
    check_fills(b, name);
    ++lists;
  }
  CHECK(lists >= 3);
}

void check_binance_stream(const std::string& text, const std::string& what) {
  INFO(what);
  auto ev = hlc::binance::parse_user_stream_frame(text);
  if (auto* e = std::get_if<hlc::adapters::parse_error>(&ev))
    FAIL_CHECK(e->to_string());
}

void check_binance_captures(const fs::path& p) {
  auto d = parse_doc(slurp(p), p.string());
  size_t n = 0;
  for (auto& seq : d.GetObject()) {
    if (!seq.value.IsArray()) continue;
    for (auto& msg : seq.value.GetArray()) {
      auto text = to_json(msg);
      // bookTicker is a market stream frame, not a user-data event.
      if (text.find("\"bookTicker\"") != std::string::npos) continue;
      check_binance_stream(text, seq.name.GetString());
      ++n;
    }
  }
  CHECK(n >= 15);
}

void check_exchange_info(const std::string& body, const std::string& what) {
  INFO(what);
  auto info = hlc::binance::parse_exchange_info(body);
  for (auto& e : info.errors)
    FAIL_CHECK(e.to_string());
  CHECK_FALSE(info.symbols.empty());
}

using check_fn = std::function<void(const fs::path&)>;

/// How each REAL file is checked, or why it is skipped.
struct verdict {
  check_fn check;     ///< empty: skipped
  std::string reason; ///< why it is skipped
};

std::map<std::string, verdict> verdicts() {
  auto skip = [](std::string why) { return verdict{{}, std::move(why)}; };
  auto extracted
      = [](const fs::path& p) { check_extracted(p.filename().string()); };
  auto frame = [](const fs::path& p) { check_frame(slurp(p), p.string()); };
  auto stream
      = [](const fs::path& p) { check_binance_stream(slurp(p), p.string()); };
  std::map<std::string, verdict> v;
  // Hyperliquid: cassettes are checked through their extracted JSON twin.
  for (auto* n :
       {"test_get_user_fills.yaml", "test_get_user_fills_by_time.yaml",
        "test_get_user_state.yaml", "test_get_info.yaml",
        "test_get_all_mids.yaml"})
    v[n] = {extracted, {}};
  v["test_get_l2_snapshot.yaml"] = skip("l2Book: the copier reads no book");
  v["test_get_open_orders.yaml"]
      = skip("openOrders: the copier follows fills, not the leader's orders");
  v["test_get_frontend_open_orders.yaml"] = skip("frontendOpenOrders: unused");
  v["test_historical_orders.yaml"] = skip("historicalOrders: unused");
  v["test_user_rate_limit.yaml"] = skip("userRateLimit: address limits "
                                        "apply to actions, the copier sends "
                                        "none to Hyperliquid");
  v["http_user_fills_dust_conversion.json"]
      = {[](const fs::path& p) {
           check_fills(
               hl::parse_fills_body(slurp(p), "0x1", hlc::fill_source::rest),
               p.string());
         },
         {}};
  v["http_meta_perp_sample.json"]
      = {[](const fs::path& p) {
           CHECK(std::holds_alternative<std::vector<hl::perp_asset>>(
               hl::parse_meta(slurp(p))));
         },
         {}};
  v["http_all_perp_metas_non_usdc_collateral.json"]
      = skip("allPerpMetas: HIP-3 dexes are filtered out (ING-9)");
  v["http_spot_meta_non_usdc_collateral.json"]
      = skip("spotMeta: spot fills are filtered out (ING-9)");
  v["http_l2_book_btc.json"] = skip("l2Book: the copier reads no book");
  v["ws_allmids.json"] = {frame, {}};
  v["ws_all_dexs_asset_ctxs.json"] = {frame, {}};
  v["ws_user_fill_liquidation.json"] = {frame, {}};
  v["hyperliquid_ws_rest_captures.json"] = {check_hl_captures, {}};
  v["hyperliquid.httpResponse.excerpt.json"] = {check_ccxt_hl, {}};
  // Binance: user-data frames and exchangeInfo are read by the follower side.
  v["account_update_bnfcr.json"] = {stream, {}};
  v["ws_futures_trade_lite.json"] = {stream, {}};
  for (auto* n : {"ws_futures_algo_update_finished.json",
                  "ws_futures_algo_update_finished_canceled.json",
                  "ws_futures_algo_update_triggered.json",
                  "ws_futures_algo_update_triggering.json"})
    v[n] = {stream, {}};
  v["binance_usdm_user_stream_captures.json"] = {check_binance_captures, {}};
  v["http_futures_market_exchange_info.json"] = {
      [](const fs::path& p) { check_exchange_info(slurp(p), p.string()); }, {}};
  v["binance_fapi_exchangeInfo_symbol_entries.json"]
      = {[](const fs::path& p) {
           auto d = parse_doc(slurp(p), p.string());
           for (auto& m : d.GetObject())
             if (m.value.IsObject())
               check_exchange_info(to_json(m.value), m.name.GetString());
         },
         {}};
  v["http_futures_account_trades.json"]
      = skip("userTrades: fills come from the user-data stream and order "
             "queries");
  v["binance.fapi.httpResponse.excerpt.json"]
      = skip("ccxt's Binance REST excerpts: order/position answers belong to "
             "the Binance gateway (next issue)");
  return v;
}

} // namespace

TEST_CASE("every REAL fixture parses or is skipped with a reason",
          "[adapters][real_fixtures]") {
  if (!fs::exists(real_dir / "SOURCES.md")) {
    WARN("no REAL fixtures at " << real_dir.string()
                                << " (set HLC_REAL_FIXTURES_DIR)");
    return;
  }
  auto rows = real_rows();
  REQUIRE(rows.size() >= 30);
  auto v = verdicts();
  size_t parsed = 0;
  size_t skipped = 0;
  for (auto& name : rows) {
    INFO("REAL fixture " << name);
    auto it = v.find(name);
    if (it == v.end()) {
      FAIL_CHECK("not classified: add a parser or a skip reason");
      continue;
    }
    if (!it->second.check) {
      CHECK_FALSE(it->second.reason.empty());
      ++skipped;
      continue;
    }
    auto path = find(name);
    REQUIRE_FALSE(path.empty());
    it->second.check(path);
    ++parsed;
  }
  CHECK(parsed >= 20);
  CHECK(skipped <= 12);
}
