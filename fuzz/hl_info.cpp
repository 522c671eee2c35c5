// Hyperliquid info responses: clearinghouseState, meta, allMids
// (adapters/hyperliquid/info).

#include "adapters/hyperliquid/info.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  switch (hlc::fuzz::pick(size, 3)) {
  case 0:
    (void)hlc::hyperliquid::parse_clearinghouse_state(text);
    break;
  case 1:
    (void)hlc::hyperliquid::parse_meta(text);
    break;
  default:
    (void)hlc::hyperliquid::parse_all_mids(text);
    break;
  }
  return 0;
}
