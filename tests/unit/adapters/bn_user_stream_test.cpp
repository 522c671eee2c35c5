#include "adapters/binance/user_stream.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::binance;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

const std::string captures = "binance/binance_usdm_user_stream_captures.json";

// The messages of one captured sequence, each as JSON text, in order.
std::vector<std::string> sequence(std::string_view prefix) {
  rapidjson::Document doc;
  hlc::test::parse_into(doc, hlc::test::read_fixture(captures));
  auto& list = hlc::test::member_starting_with(doc, prefix);
  REQUIRE(list.IsArray());
  std::vector<std::string> result;
  for (auto& x : list.GetArray())
    result.push_back(hlc::test::to_json(x));
  return result;
}

template <class T>
T as(const user_stream_event& x) {
  if (auto err = std::get_if<parse_error>(&x))
    FAIL("parse error: " << err->to_string());
  REQUIRE(std::holds_alternative<T>(x));
  return std::get<T>(x);
}

// A real OTU (seq A, market reduce-only close) with `c` and `x` replaced.
std::string otu_with(const char* client_id, const char* exec_type) {
  rapidjson::Document doc;
  hlc::test::parse_into(doc, sequence("seq_A")[7]);
  doc["o"]["c"].SetString(rapidjson::StringRef(client_id));
  doc["o"]["x"].SetString(rapidjson::StringRef(exec_type));
  return hlc::test::to_json(doc);
}

} // namespace

TEST_CASE("TRADE_LITE keeps an orderId above 2^53 exact", "[bn][stream]") {
  auto e = as<order_event>(parse_user_stream_frame(
      hlc::test::read_fixture("binance/ws_futures_trade_lite.json")));
  CHECK(e.lite);
  CHECK(e.update.kind == order_event_kind::trade);
  CHECK(e.update.exchange_order_id == 8389765739703625592u);
  CHECK(e.update.trade_id == 4467432841u);
  CHECK(e.update.client_id == "O-20240930-081155-001-000-29");
  CHECK(e.update.symbol == "ETHUSDT");
  CHECK(e.update.side == side::buy);
  CHECK(e.update.last_qty == dec("0.037"));
  CHECK(e.update.last_px == dec("2631.90"));
  CHECK(e.update.cum_qty.is_zero()); // TRADE_LITE has no cumulative qty
  CHECK(e.update.event_time_ms == 1727683915920);
  CHECK(e.origin == order_origin::client);
}

TEST_CASE("sequence A parses in arrival order, ACCOUNT_UPDATE before the "
          "fill's OTU",
          "[bn][stream]") {
  auto frames = sequence("seq_A");
  REQUIRE(frames.size() == 8);
  std::vector<user_stream_event> events;
  for (auto& f : frames)
    events.push_back(parse_user_stream_frame(f));

  auto lite = as<order_event>(events[0]);
  CHECK(lite.lite);
  CHECK(lite.update.exchange_order_id == 482255808281u);

  auto open_new = as<order_event>(events[1]);
  CHECK_FALSE(open_new.lite);
  CHECK(open_new.update.kind == order_event_kind::accepted);
  CHECK(open_new.execution_type == "NEW");
  CHECK(open_new.update.client_id == "android_MLA5BSDBdSD12WPlEyMh");

  auto acct = as<account_update>(events[2]);
  CHECK(acct.reason == "ORDER");
  REQUIRE(acct.positions.size() == 1);
  CHECK(acct.positions[0].symbol == "BTCUSDT");
  CHECK(acct.positions[0].amount == dec("0.002"));
  CHECK(acct.positions[0].entry == dec("91739.9"));
  CHECK(acct.positions[0].position_side == "BOTH");
  REQUIRE(acct.balances.size() == 1);
  CHECK(acct.balances[0].asset == "USDT");
  CHECK(acct.balances[0].wallet == dec("642.76097079"));

  auto fill = as<order_event>(events[3]);
  CHECK(fill.update.kind == order_event_kind::trade);
  CHECK(fill.order_status == "FILLED");
  CHECK(fill.update.last_qty == dec("0.002"));
  CHECK(fill.update.cum_qty == dec("0.002"));
  CHECK(fill.update.avg_px == dec("91739.9"));
  CHECK(fill.update.last_px == dec("91739.90"));
  CHECK(fill.update.trade_id == 5612428004u);
  CHECK(fill.update.exchange_order_id == open_new.update.exchange_order_id);

  auto close_new = as<order_event>(events[5]);
  CHECK(close_new.reduce_only);
  auto flat = as<account_update>(events[6]);
  REQUIRE(flat.positions.size() == 1);
  CHECK(flat.positions[0].amount.is_zero());
  auto close_fill = as<order_event>(events[7]);
  CHECK(close_fill.update.side == side::sell);
  CHECK(close_fill.update.kind == order_event_kind::trade);
  CHECK(close_fill.reduce_only);
}

TEST_CASE("sequences B-E: bookTicker, hedge cancel, er field, stop market",
          "[bn][stream]") {
  auto b = sequence("seq_B");
  CHECK(as<other_event>(parse_user_stream_frame(b[0])).type == "bookTicker");
  for (size_t i = 1; i < b.size(); ++i)
    CHECK_FALSE(
        std::holds_alternative<parse_error>(parse_user_stream_frame(b[i])));

  auto c = sequence("seq_C");
  REQUIRE(c.size() == 2);
  auto canceled = as<order_event>(parse_user_stream_frame(c[1]));
  CHECK(canceled.update.kind == order_event_kind::canceled);
  CHECK(canceled.update.exchange_order_id == 238950797096u);

  for (auto& frame : sequence("seq_D"))
    CHECK_FALSE(
        std::holds_alternative<parse_error>(parse_user_stream_frame(frame)));

  auto e = sequence("seq_E");
  auto stop = as<order_event>(parse_user_stream_frame(e[0]));
  CHECK(stop.update.kind == order_event_kind::trade);
  CHECK(stop.update.cum_qty == dec("53"));
}

TEST_CASE("ACCOUNT_UPDATE with an empty position list", "[bn][stream]") {
  auto acct = as<account_update>(parse_user_stream_frame(
      hlc::test::read_fixture("binance/account_update_bnfcr.json")));
  CHECK(acct.positions.empty());
  REQUIRE(acct.balances.size() == 1);
  CHECK(acct.balances[0].asset == "BNFCR");
  CHECK(acct.event_time_ms == 1781606859764);
}

TEST_CASE("execution types map to event kinds", "[bn][stream]") {
  struct row {
    const char* x;
    order_event_kind kind;
  };
  for (auto r : {row{"NEW", order_event_kind::accepted},
                 row{"TRADE", order_event_kind::trade},
                 row{"CANCELED", order_event_kind::canceled},
                 row{"EXPIRED", order_event_kind::expired},
                 row{"CALCULATED", order_event_kind::trade},
                 row{"AMENDMENT", order_event_kind::accepted}}) {
    INFO(r.x);
    auto e = as<order_event>(parse_user_stream_frame(otu_with("hl-1", r.x)));
    CHECK(e.update.kind == r.kind);
    CHECK(e.execution_type == r.x);
  }
  auto odd = parse_user_stream_frame(otu_with("hl-1", "BOGUS"));
  REQUIRE(std::holds_alternative<parse_error>(odd));
  CHECK(std::get<parse_error>(odd).field == "o.x");
}

TEST_CASE("liquidation, ADL and settlement orders are flagged",
          "[bn][stream]") {
  auto origin = [](const char* id, const char* x) {
    return as<order_event>(parse_user_stream_frame(otu_with(id, x))).origin;
  };
  CHECK(origin("autoclose-1234567890", "TRADE") == order_origin::liquidation);
  CHECK(origin("adl_autoclose", "TRADE") == order_origin::adl);
  CHECK(origin("settlement_autoclose-77", "TRADE") == order_origin::settlement);
  CHECK(origin("web_abc", "CALCULATED") == order_origin::liquidation);
  CHECK(origin("android_WrDCjqlzTWlU9FGcNp1Q", "TRADE")
        == order_origin::client);
  CHECK(to_string(order_origin::adl) == "adl");
}

TEST_CASE("the {stream, data} wrapper and listenKeyExpired", "[bn][stream]") {
  auto inner = sequence("seq_C")[0];
  auto e = as<order_event>(
      parse_user_stream_frame(R"({"stream":"abc","data":)" + inner + "}"));
  CHECK(e.update.kind == order_event_kind::accepted);
  CHECK(e.update.client_id == "web_w4Sot5R1ym9ChzWfGdAm");

  auto expired = as<listen_key_expired>(parse_user_stream_frame(
      R"({"e":"listenKeyExpired","E":1576653824250,"listenKey":"WsCMN0a4"})"));
  CHECK(expired.event_time_ms == 1576653824250);
  CHECK(expired.listen_key == "WsCMN0a4");
}

TEST_CASE("malformed user-stream frames name the field", "[bn][stream]") {
  rapidjson::Document doc;
  hlc::test::parse_into(doc, sequence("seq_A")[3]);
  doc["o"]["i"].SetDouble(482255808281.0);
  auto as_double = parse_user_stream_frame(hlc::test::to_json(doc));
  REQUIRE(std::holds_alternative<parse_error>(as_double));
  CHECK(std::get<parse_error>(as_double).field == "o.i");

  doc["o"]["i"].SetUint64(482255808281u);
  doc["o"]["l"].SetString("abc");
  auto bad_qty = parse_user_stream_frame(hlc::test::to_json(doc));
  REQUIRE(std::holds_alternative<parse_error>(bad_qty));
  CHECK(std::get<parse_error>(bad_qty).to_string()
        == "o.l: not a decimal: \"abc\"");

  auto junk = parse_user_stream_frame(std::string(500, 'x'));
  REQUIRE(std::holds_alternative<parse_error>(junk));
  CHECK(std::get<parse_error>(junk).field == "frame");
  CHECK(std::get<parse_error>(junk).raw.size() == 200);

  auto no_type = parse_user_stream_frame(R"({"E":1})");
  REQUIRE(std::holds_alternative<parse_error>(no_type));
  CHECK(std::get<parse_error>(no_type).to_string() == "e: missing");
}
