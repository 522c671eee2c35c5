#pragma once

// Binance USD-M market stream frames (protocol_facts §B.1, §D): the mark
// price of `/market/ws/<symbol>@markPrice@1s` and the best bid/ask of
// `/public/ws/<symbol>@bookTicker`, bare or wrapped as `{stream, data}` by
// the combined `/market/stream?streams=` endpoint. Unsigned, no account.

#include "adapters/binance/market.hpp"
#include "adapters/binance/parse_error.hpp"
#include "messages/market.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace hlc::binance {

/// A frame that carries nothing for us, with why: a subscription answer
/// (`{"result":null,"id":1}`) or an event type we do not use.
struct ignored_market_frame {
  std::string why;
};

using market_stream_event
    = std::variant<mark_price, book_ticker, ignored_market_frame, parse_error>;

/// Parses one market stream frame. `markPriceUpdate` gives the mark `p` at
/// event time `E`; `bookTicker` gives `b`/`B`/`a`/`A` at `E` (or `T`). A
/// malformed frame yields a parse_error naming the field ("p") or "frame".
market_stream_event parse_market_stream_frame(std::string_view text);

/// The stream path for `symbol` (any case) on the 2026-04-23 layout:
/// `/market/ws/btcusdt@markPrice@1s`.
std::string mark_price_stream_path(std::string_view symbol);

/// `/public/ws/btcusdt@bookTicker`.
std::string book_ticker_stream_path(std::string_view symbol);

} // namespace hlc::binance
