// Binance market and account bodies: premiumIndex, bookTicker,
// positionRisk, positionSide/dual, time (adapters/binance/market).

#include "adapters/binance/market.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  (void)hlc::binance::parse_premium_index(text);
  (void)hlc::binance::parse_book_ticker(text);
  (void)hlc::binance::parse_position_risk(text);
  (void)hlc::binance::parse_position_side_dual(text);
  (void)hlc::binance::parse_server_time(text);
  return 0;
}
