// Hyperliquid info responses: clearinghouseState, meta, allMids
// (adapters/hyperliquid/info).

#include "adapters/hyperliquid/info.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  (void)hlc::hyperliquid::parse_clearinghouse_state(text);
  (void)hlc::hyperliquid::parse_meta(text);
  (void)hlc::hyperliquid::parse_all_mids(text);
  return 0;
}
