// Binance /fapi/v1/exchangeInfo (adapters/binance/exchange_info).

#include "adapters/binance/exchange_info.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)hlc::binance::parse_exchange_info(hlc::fuzz::text_of(data, size));
  return 0;
}
