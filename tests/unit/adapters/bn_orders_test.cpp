#include "adapters/binance/orders.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace hlc;
using namespace hlc::binance;

namespace {

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

const std::string responses = "binance/binance.fapi.httpResponse.excerpt.json";

order_update ok(const result<order_update>& x) {
  if (auto err = std::get_if<parse_error>(&x))
    FAIL("parse error: " << err->to_string());
  return std::get<order_update>(x);
}

std::string order_body(const char* status, const char* executed,
                       const char* avg) {
  return std::string{R"({"orderId":8389765739703625592,"symbol":"ETHUSDT",)"}
         + R"("status":")" + status + R"(","clientOrderId":"hl-1",)"
         + R"("price":"0","avgPrice":")" + avg + R"(","origQty":"0.037",)"
         + R"("executedQty":")" + executed + R"(","side":"BUY",)"
         + R"("type":"MARKET","updateTime":1727683915920})";
}

order_intent intent() {
  order_intent x;
  x.client_id = "hl:BTC:189324432:0";
  x.symbol = "BTCUSDT";
  x.side = side::sell;
  x.type = order_type::market;
  x.qty = dec("0.0100");
  return x;
}

} // namespace

TEST_CASE("real order responses map to order updates", "[bn][orders]") {
  auto batch_item = hlc::test::fixture_member(
      responses, {"POST /fapi/v1/batchOrders", "0"});
  auto u = ok(parse_order_response(batch_item));
  CHECK(u.kind == order_event_kind::accepted);
  CHECK(u.exchange_order_id == 4087922044u);
  CHECK(u.client_id == "x-xcKtGhcu04075babaeb34c55af79ba");
  CHECK(u.symbol == "BTCUSDT");
  CHECK(u.side == side::sell);
  CHECK(u.cum_qty.is_zero());
  CHECK(u.event_time_ms == 1739781831932);

  auto filled = hlc::test::fixture_member(responses, {"GET /papi/v1/um", "0"});
  auto f = ok(parse_order_response(filled));
  CHECK(f.kind == order_event_kind::trade);
  CHECK(f.exchange_order_id == 262065925771u); // stringified by ccxt
  CHECK(f.cum_qty == dec("0.010"));
  CHECK(f.avg_px == dec("47279.4"));
  CHECK(f.side == side::buy);
}

TEST_CASE("order status table", "[bn][orders]") {
  struct row {
    const char* status;
    order_event_kind kind;
  };
  for (auto r : {row{"NEW", order_event_kind::accepted},
                 row{"PARTIALLY_FILLED", order_event_kind::trade},
                 row{"FILLED", order_event_kind::trade},
                 row{"CANCELED", order_event_kind::canceled},
                 row{"EXPIRED", order_event_kind::expired},
                 row{"EXPIRED_IN_MATCH", order_event_kind::expired}}) {
    INFO(r.status);
    auto u = ok(parse_order_response(order_body(r.status, "0.012", "2631.9")));
    CHECK(u.kind == r.kind);
    CHECK(u.exchange_order_id == 8389765739703625592u); // > 2^53, exact
    CHECK(u.cum_qty == dec("0.012"));
    CHECK(u.avg_px == dec("2631.9"));
  }
  auto odd = parse_order_response(order_body("NEW_INSURANCE", "0", "0"));
  REQUIRE(std::holds_alternative<parse_error>(odd));
  CHECK(std::get<parse_error>(odd).to_string()
        == "status: unknown order status \"NEW_INSURANCE\"");
  auto as_double = parse_order_response(
      R"({"orderId":8.389765739703626e18,"symbol":"X","status":"NEW",)"
      R"("clientOrderId":"a","executedQty":"0","side":"BUY"})");
  REQUIRE(std::holds_alternative<parse_error>(as_double));
  CHECK(std::get<parse_error>(as_double).field == "orderId");
}

TEST_CASE("error bodies and their classification", "[bn][orders]") {
  auto e = parse_venue_error(400,
                             R"({"code":-2013,"msg":"Order does not exist."})");
  CHECK(e.http_status == 400);
  CHECK(e.code == -2013);
  CHECK(e.msg == "Order does not exist.");
  auto html = parse_venue_error(502, "<html>Bad Gateway</html>");
  CHECK(html.code == 0);
  CHECK(html.msg == "<html>Bad Gateway</html>");

  struct row {
    venue_error error;
    error_class expected;
  };
  std::vector<row> table{
      {{400, -4164, "Order's notional must be no smaller than 100"},
       error_class::definitive_reject},
      {{400, -2019, "Margin is insufficient."}, error_class::definitive_reject},
      {{400, -1111, "Precision is over the maximum defined for this asset."},
       error_class::definitive_reject},
      {{400, -4015, "Client order id is not valid."},
       error_class::definitive_reject},
      {{403, 0, "WAF"}, error_class::definitive_reject},
      {{500, 0, "Internal error"}, error_class::unknown_outcome},
      {{502, 0, "<html>Bad Gateway</html>"}, error_class::unknown_outcome},
      {{503, 0, "Unknown error, please check your request or try again later."},
       error_class::unknown_outcome},
      {{408, 0, "timeout"}, error_class::unknown_outcome},
      {{400, -1006,
        "Unexpected response from message bus. Execution status "
        "unknown."},
       error_class::unknown_outcome},
      {{408, -1007, "Timeout waiting for response from backend server."},
       error_class::unknown_outcome},
      {{503, 0, "Service Unavailable."}, error_class::retryable_failure},
      {{503, -1008, "Request throttled by system-level protection."},
       error_class::retryable_failure},
      {{429, -1003, "Too many requests"}, error_class::rate_limited},
      {{418, -1003, "Way too many requests; IP banned until 1700000000000."},
       error_class::banned},
      {{418, 0, ""}, error_class::banned},
      {{400, -2013, "Order does not exist."}, error_class::not_found},
      {{400, -2011, "Unknown order sent."}, error_class::unknown_order_cancel},
      {{400, -4116, "ClientOrderId is duplicated."}, error_class::duplicate_id},
      {{400, -1021, "Timestamp for this request is outside of the recvWindow."},
       error_class::clock_skew},
  };
  for (auto& r : table) {
    INFO(r.error.http_status << " " << r.error.code << " " << r.error.msg);
    CHECK(classify(r.error) == r.expected);
  }
  CHECK(to_string(error_class::unknown_order_cancel) == "unknown_order_cancel");
}

TEST_CASE("new order parameters", "[bn][orders]") {
  auto market = new_order_params(intent());
  CHECK(market
        == query_params{{"symbol", "BTCUSDT"},
                        {"side", "SELL"},
                        {"type", "MARKET"},
                        {"quantity", "0.01"},
                        {"newClientOrderId", "hl:BTC:189324432:0"},
                        {"newOrderRespType", "RESULT"}});

  auto limit = intent();
  limit.type = order_type::limit;
  limit.tif = time_in_force::ioc;
  limit.price = decimal::from_units(1234, 8); // 0.00001234, never 1.234e-05
  limit.reduce_only = true;
  limit.side = side::buy;
  CHECK(new_order_params(limit)
        == query_params{{"symbol", "BTCUSDT"},
                        {"side", "BUY"},
                        {"type", "LIMIT"},
                        {"timeInForce", "IOC"},
                        {"quantity", "0.01"},
                        {"price", "0.00001234"},
                        {"reduceOnly", "true"},
                        {"newClientOrderId", "hl:BTC:189324432:0"},
                        {"newOrderRespType", "RESULT"}});
  limit.tif = time_in_force::gtc;
  CHECK(new_order_params(limit)[3].second == "GTC");

  auto long_id = intent();
  long_id.client_id = std::string(37, 'a');
  CHECK_THROWS_WITH(new_order_params(long_id),
                    Catch::StartsWith("order_intent.client_id"));
  auto zero = intent();
  zero.qty = decimal{};
  CHECK_THROWS_AS(new_order_params(zero), std::invalid_argument);
  auto no_price = intent();
  no_price.type = order_type::limit;
  CHECK_THROWS_WITH(new_order_params(no_price),
                    Catch::StartsWith("order_intent.price"));

  CHECK(order_by_client_id_params("BTCUSDT", "hl:1")
        == query_params{{"symbol", "BTCUSDT"}, {"origClientOrderId", "hl:1"}});
}
