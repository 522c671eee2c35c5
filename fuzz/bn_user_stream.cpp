// Binance user-data stream frames (adapters/binance/user_stream).

#include "adapters/binance/user_stream.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)hlc::binance::parse_user_stream_frame(hlc::fuzz::text_of(data, size));
  return 0;
}
