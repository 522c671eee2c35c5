// Binance order responses and error bodies (adapters/binance/orders).

#include "adapters/binance/orders.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  (void)hlc::binance::parse_order_response(text);
  for (int status : {400, 408, 418, 429, 503}) {
    auto e = hlc::binance::parse_venue_error(status, text);
    (void)hlc::binance::to_string(hlc::binance::classify(e));
  }
  return 0;
}
