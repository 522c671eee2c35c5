// Hyperliquid WebSocket frames (adapters/hyperliquid/ws_frames).

#include "adapters/hyperliquid/ws_frames.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  // With and without the leader the frame is expected to be for.
  (void)hlc::hyperliquid::parse_ws_frame(
      text, hlc::fuzz::pick(size, 2) == 0
                ? "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"
                : "");
  return 0;
}
