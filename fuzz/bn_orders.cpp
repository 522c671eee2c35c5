// Binance order responses and error bodies (adapters/binance/orders).

#include "adapters/binance/orders.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  constexpr int statuses[] = {400, 408, 418, 429, 503};
  auto which = hlc::fuzz::pick(size, 6);
  if (which == 5) {
    (void)hlc::binance::parse_order_response(text);
    return 0;
  }
  auto e = hlc::binance::parse_venue_error(statuses[which], text);
  (void)hlc::binance::to_string(hlc::binance::classify(e));
  return 0;
}
