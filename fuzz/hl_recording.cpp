// The streaming recording reader of `hlcopy replay` (adapters/hyperliquid/
// recording_reader): indexing pass and every chunk, with small chunks and a
// small read buffer so chunk and buffer boundaries fall inside fills.

#include "adapters/hyperliquid/recording_reader.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hlc::hyperliquid::recording_reader::options opts;
  opts.default_leader = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";
  opts.chunk_fills = 3;
  opts.buffer_bytes = 64;
  auto reader = hlc::hyperliquid::recording_reader::in_memory(
      hlc::fuzz::text_of(data, size), opts);
  hlc::hyperliquid::recording_chunk chunk;
  while (reader.next(chunk))
    chunk = {};
  return 0;
}
