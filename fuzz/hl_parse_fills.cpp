// Hyperliquid fills: a userFills / userFillsByTime body and one fill object
// (adapters/hyperliquid/parse_fills).

#include "adapters/hyperliquid/parse_fills.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  auto leader = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";
  if (hlc::fuzz::pick(size, 2) == 0) {
    auto batch = hlc::hyperliquid::parse_fills_body(text, leader,
                                                    hlc::fill_source::rest);
    for (auto& f : batch.fills)
      (void)hlc::hyperliquid::categorize(f);
  } else {
    (void)hlc::hyperliquid::parse_fill_json(text, leader, hlc::fill_source::ws);
  }
  return 0;
}
