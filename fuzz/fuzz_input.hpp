#pragma once

// The one thing every fuzz target needs: libFuzzer's bytes as text.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hlc::fuzz {

inline std::string_view text_of(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Which of a target's `count` parsers this input goes to. One parser per
// execution keeps each run cheap (the long run needs 10 M executions per
// target); the input's length picks it, so every byte stays text and a
// length mutation moves a seed to the next parser.
inline size_t pick(size_t size, size_t count) {
  return size % count;
}

} // namespace hlc::fuzz
