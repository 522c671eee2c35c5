#include "adapters/binance/market.hpp"

#include "adapters/binance/json_read.hpp"

namespace hlc::binance {

namespace {

using detail::field_failure;
using detail::object_reader;

// Parses `body` and runs `f` on it; any failure becomes a parse_error.
template <class T, class F>
result<T> parse_with(std::string_view body, F f,
                     const json_input::input_limits& limits
                     = json_input::limits::rest_body) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, body, "body", limits);
    return f(doc);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(body)};
  }
}

mark_price read_mark(const rapidjson::Value& x, std::string path) {
  object_reader r{x, std::move(path)};
  mark_price result;
  result.symbol = r.str("symbol");
  result.mark = r.dec("markPrice");
  result.time_ms = r.i64("time");
  return result;
}

position_risk read_position(const rapidjson::Value& x, std::string path) {
  object_reader r{x, std::move(path)};
  position_risk result;
  result.symbol = r.str("symbol");
  result.position_side = r.opt_str("positionSide").value_or("BOTH");
  result.position_amt = r.dec("positionAmt");
  result.entry_price = r.dec("entryPrice");
  result.mark = r.dec("markPrice");
  return result;
}

} // namespace

result<std::vector<mark_price>> parse_premium_index(std::string_view body) {
  return parse_with<std::vector<mark_price>>(
      body,
      [](const rapidjson::Value& doc) {
        std::vector<mark_price> result;
        if (doc.IsArray()) {
          for (rapidjson::SizeType i = 0; i < doc.Size(); ++i)
            result.push_back(read_mark(doc[i], detail::index("", i)));
        } else {
          result.push_back(read_mark(doc, ""));
        }
        return result;
      },
      json_input::limits::marks);
}

result<book_ticker> parse_book_ticker(std::string_view body) {
  return parse_with<book_ticker>(body, [](const rapidjson::Value& doc) {
    object_reader r{doc, ""};
    book_ticker result;
    result.symbol = r.str("symbol");
    result.bid = r.dec("bidPrice");
    result.bid_qty = r.dec("bidQty");
    result.ask = r.dec("askPrice");
    result.ask_qty = r.dec("askQty");
    result.time_ms = r.i64("time");
    return result;
  });
}

result<std::vector<position_risk>> parse_position_risk(std::string_view body) {
  return parse_with<std::vector<position_risk>>(
      body, [](const rapidjson::Value& doc) {
        if (!doc.IsArray())
          throw field_failure{"body", "expected an array, got "
                                          + detail::describe(doc)};
        std::vector<position_risk> result;
        for (rapidjson::SizeType i = 0; i < doc.Size(); ++i)
          result.push_back(read_position(doc[i], detail::index("", i)));
        return result;
      });
}

result<bool> parse_position_side_dual(std::string_view body) {
  return parse_with<bool>(body, [](const rapidjson::Value& doc) {
    return object_reader{doc, ""}.boolean("dualSidePosition");
  });
}

result<int64_t> parse_server_time(std::string_view body) {
  return parse_with<int64_t>(body, [](const rapidjson::Value& doc) {
    return object_reader{doc, ""}.i64("serverTime");
  });
}

} // namespace hlc::binance
