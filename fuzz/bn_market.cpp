// Binance market and account bodies and frames: premiumIndex, bookTicker,
// positionRisk, positionSide/dual, time, market stream frames
// (adapters/binance/market, market_stream).

#include "adapters/binance/market.hpp"
#include "adapters/binance/market_stream.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  switch (hlc::fuzz::pick(size, 6)) {
  case 0:
    (void)hlc::binance::parse_premium_index(text);
    break;
  case 1:
    (void)hlc::binance::parse_book_ticker(text);
    break;
  case 2:
    (void)hlc::binance::parse_position_risk(text);
    break;
  case 3:
    (void)hlc::binance::parse_position_side_dual(text);
    break;
  case 4:
    (void)hlc::binance::parse_server_time(text);
    break;
  default:
    (void)hlc::binance::parse_market_stream_frame(text);
    break;
  }
  return 0;
}
