#include "adapters/hyperliquid/ws_frames.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using namespace hlc::hyperliquid;

namespace {

const std::string captures = "hyperliquid/hyperliquid_ws_rest_captures.json";

std::string testnet(std::string_view key) {
  return hlc::test::fixture_member(captures, {"testnet_", "captured", key});
}

std::string mainnet_csharp(std::string_view key) {
  return hlc::test::fixture_member(
      captures, {"mainnet_2026-09", "captured_with_edits", key});
}

std::string mainnet_rust(std::string_view key) {
  return hlc::test::fixture_member(
      captures, {"mainnet_2026 (", "captured_with_edits", key});
}

template <class T>
T as(const ws_frame& frame) {
  if (auto err = std::get_if<parse_error>(&frame))
    FAIL("parse error: " << err->to_string());
  REQUIRE(std::holds_alternative<T>(frame));
  return std::get<T>(frame);
}

} // namespace

TEST_CASE("the non-JSON greeting is recognized", "[hl][ws]") {
  as<ws_greeting>(parse_ws_frame("Websocket connection established."));
  as<ws_greeting>(parse_ws_frame("Websocket connection established.\n"));
  auto other = parse_ws_frame("Websocket connection refused.");
  REQUIRE(std::holds_alternative<parse_error>(other));
  CHECK(std::get<parse_error>(other).field == "frame");
}

TEST_CASE("the userFills ack echoes aggregateByTime:false and a lower-case "
          "user",
          "[hl][ws]") {
  auto ack = as<ws_subscription_ack>(parse_ws_frame(testnet("USER_FILLS_ACK")));
  CHECK(ack.method == "subscribe");
  CHECK(ack.type == "userFills");
  CHECK(ack.user == "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  REQUIRE(ack.aggregate_by_time.has_value());
  CHECK_FALSE(*ack.aggregate_by_time);
  CHECK_THAT(ack.subscription, Catch::Contains("\"aggregateByTime\":false"));
  // What we send for a mixed-case address is what the server echoes.
  CHECK(subscribe_user_fills("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
        == R"({"method":"subscribe","subscription":{"type":"userFills",)"
           R"("user":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8",)"
           R"("aggregateByTime":false}})");

  auto bbo = as<ws_subscription_ack>(
      parse_ws_frame(testnet("SUBSCRIPTION_RESPONSE_bbo")));
  CHECK(bbo.type == "bbo");
  CHECK(bbo.coin == "BTC");
  CHECK(bbo.user.empty());
  CHECK_FALSE(bbo.aggregate_by_time.has_value());
}

TEST_CASE("userFills snapshots are tagged and attributed", "[hl][ws]") {
  auto empty
      = as<ws_user_fills>(parse_ws_frame(testnet("USER_FILLS_EMPTY_SNAPSHOT")));
  CHECK(empty.is_snapshot);
  CHECK(empty.user == "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  CHECK(empty.batch.fills.empty());
  CHECK(empty.batch.errors.empty());

  auto hip3 = as<ws_user_fills>(
      parse_ws_frame(mainnet_rust("USER_FILLS_SNAPSHOT_hip3_builderFee")));
  CHECK(hip3.is_snapshot);
  REQUIRE(hip3.batch.fills.size() == 1);
  auto& f = hip3.batch.fills[0];
  CHECK(f.source == fill_source::snapshot);
  CHECK(f.key.leader == "0x9be9...522f");
  CHECK(f.key.coin == "xyz:SP500");
  CHECK(categorize(f) == fill_category::hip3);
  CHECK(f.key.tid == 955441961359817u);
}

TEST_CASE("a userFills stream frame without isSnapshot is live", "[hl][ws]") {
  auto fill = hlc::test::fixture_member(
      "hyperliquid/http_user_fills_dust_conversion.json", {"0"});
  auto frame = R"({"channel":"userFills","data":{"user":"0xAB","fills":[)"
               + fill + "]}}";
  auto x = as<ws_user_fills>(parse_ws_frame(frame));
  CHECK_FALSE(x.is_snapshot);
  CHECK(x.user == "0xab");
  REQUIRE(x.batch.fills.size() == 1);
  CHECK(x.batch.fills[0].source == fill_source::ws);
  CHECK(x.batch.fills[0].key.leader == "0xab");
}

TEST_CASE("a bad fill inside a frame is named by its path", "[hl][ws]") {
  auto frame = std::string{R"({"channel":"userFills","data":{"user":"0xab",)"}
               + R"("fills":[{"coin":"BTC","px":"abc"}]}})";
  auto x = as<ws_user_fills>(parse_ws_frame(frame));
  CHECK(x.batch.fills.empty());
  REQUIRE(x.batch.errors.size() == 1);
  CHECK(x.batch.errors[0].field == "data.fills[0].px");
  CHECK(x.batch.errors[0].raw == R"({"coin":"BTC","px":"abc"})");
}

TEST_CASE("pong has no data and error carries a string", "[hl][ws]") {
  as<ws_pong>(parse_ws_frame(testnet("PONG")));
  auto err = as<ws_error>(parse_ws_frame(testnet("ERROR_FRAME_unknown_type")));
  CHECK_THAT(err.message,
             Catch::StartsWith("Error parsing JSON into valid websocket "
                               "request: {\"method\": \"subscribe\""));
  CHECK(ping_frame() == R"({"method":"ping"})");
}

TEST_CASE("the userEvents channel is named user and needs a leader",
          "[hl][ws]") {
  auto csharp = mainnet_csharp("UserFillsChannel_userEvents_channel_user");
  auto events = as<ws_user_events>(parse_ws_frame(csharp, "0xLeader"));
  CHECK(events.what == ws_user_events::kind::fills);
  REQUIRE(events.fills.fills.size() == 1);
  auto& f = events.fills.fills[0];
  CHECK(f.key.leader == "0xleader");
  CHECK(f.source == fill_source::ws);
  CHECK(f.key.oid == 556657630865u);
  CHECK(f.sz == decimal::parse_or_throw("0.31975"));

  auto nameless = parse_ws_frame(csharp);
  REQUIRE(std::holds_alternative<parse_error>(nameless));
  CHECK(std::get<parse_error>(nameless).field == "data.fills");

  auto liq
      = hlc::test::read_fixture("hyperliquid/ws_user_fill_liquidation.json");
  auto liq_events = as<ws_user_events>(parse_ws_frame(liq, "0x1"));
  REQUIRE(liq_events.fills.fills.size() == 1);
  CHECK(liq_events.fills.fills[0].liquidation);
  CHECK(liq_events.fills.fills[0].key.tid == 745210434703679u);
}

TEST_CASE("userEvents funding, liquidation and nonUserCancel", "[hl][ws]") {
  auto funding = as<ws_user_events>(parse_ws_frame(
      R"({"channel":"user","data":{"funding":{"coin":"BTC","usdc":"-1.2"}}})"));
  CHECK(funding.what == ws_user_events::kind::funding);
  CHECK_THAT(funding.payload, Catch::Contains("\"usdc\":\"-1.2\""));
  auto liq = as<ws_user_events>(
      parse_ws_frame(R"({"channel":"user","data":{"liquidation":{"lid":1}}})"));
  CHECK(liq.what == ws_user_events::kind::liquidation);
  auto cancel = as<ws_user_events>(parse_ws_frame(
      R"({"channel":"user","data":{"nonUserCancel":[{"coin":"ETH","oid":57118842019}]}})"));
  CHECK(cancel.what == ws_user_events::kind::non_user_cancel);
  REQUIRE(cancel.cancels.size() == 1);
  CHECK(cancel.cancels[0].coin == "ETH");
  CHECK(cancel.cancels[0].oid == 57118842019u);
}

TEST_CASE("orderUpdates: sz stays at the remainder on cancel", "[hl][ws]") {
  auto open
      = as<ws_order_updates>(parse_ws_frame(testnet("ORDER_UPDATE_OPEN")));
  auto canceled
      = as<ws_order_updates>(parse_ws_frame(testnet("ORDER_UPDATE_CANCELED")));
  REQUIRE(open.updates.size() == 1);
  REQUIRE(canceled.updates.size() == 1);
  auto& a = open.updates[0];
  auto& b = canceled.updates[0];
  CHECK(a.status == "open");
  CHECK(b.status == "canceled");
  CHECK(a.oid == 57118842019u);
  CHECK(b.sz == decimal::parse_or_throw("0.00037"));
  CHECK(a.timestamp_ms == b.timestamp_ms);
  CHECK(b.status_timestamp_ms == 1785261290665);
  CHECK(b.cloid == "0xa1f0cddc17303d07f3fd128d5b35071d");
  CHECK(b.side == side::buy);

  auto rejected = as<ws_order_updates>(
      parse_ws_frame(mainnet_rust("ORDER_UPDATES_badAloPxRejected")));
  REQUIRE(rejected.updates.size() == 1);
  CHECK(rejected.updates[0].status == "badAloPxRejected");
}

TEST_CASE("other channels and post replies are classified", "[hl][ws]") {
  CHECK(
      as<ws_other_channel>(parse_ws_frame(testnet("L2BOOK_FAST_BTC_1"))).channel
      == "l2Book");
  CHECK(
      as<ws_other_channel>(parse_ws_frame(testnet("TRADES_BTC_REPLAY"))).channel
      == "trades");
  auto post = as<ws_post_reply>(parse_ws_frame(
      R"({"channel":"post","data":{"id":7,"response":{"type":"info","payload":{"a":1}}}})"));
  CHECK(post.id == 7u);
  CHECK(post.type == "info");
  CHECK(post.payload == R"({"a":1})");
  auto post_err = as<ws_post_reply>(parse_ws_frame(
      R"({"channel":"post","data":{"id":8,"response":{"type":"error","payload":"bad"}}})"));
  CHECK(post_err.payload == "bad");
}

TEST_CASE("malformed frames name the frame and keep 200 characters",
          "[hl][ws]") {
  std::string text
      = R"({"channel":"userFills","data":)" + std::string(300, 'x');
  auto frame = parse_ws_frame(text);
  REQUIRE(std::holds_alternative<parse_error>(frame));
  auto& e = std::get<parse_error>(frame);
  CHECK(e.field == "frame");
  CHECK_THAT(e.message, Catch::StartsWith("invalid JSON at offset"));
  CHECK(e.raw == text.substr(0, 200));

  auto no_channel = parse_ws_frame(R"({"data":{}})");
  REQUIRE(std::holds_alternative<parse_error>(no_channel));
  CHECK(std::get<parse_error>(no_channel).to_string() == "channel: missing");
}

TEST_CASE("client frames for userEvents and orderUpdates", "[hl][ws]") {
  CHECK(
      subscribe_user_events("0xAB")
      == R"({"method":"subscribe","subscription":{"type":"userEvents","user":"0xab"}})");
  CHECK(
      unsubscribe_user_events("0xab")
      == R"({"method":"unsubscribe","subscription":{"type":"userEvents","user":"0xab"}})");
  CHECK(
      subscribe_order_updates("0xab")
      == R"({"method":"subscribe","subscription":{"type":"orderUpdates","user":"0xab"}})");
  CHECK(
      unsubscribe_order_updates("0xab")
      == R"({"method":"unsubscribe","subscription":{"type":"orderUpdates","user":"0xab"}})");
  CHECK(
      unsubscribe_user_fills("0xab", true)
      == R"({"method":"unsubscribe","subscription":{"type":"userFills","user":"0xab","aggregateByTime":true}})");
}
