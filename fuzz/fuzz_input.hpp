#pragma once

// The one thing every fuzz target needs: libFuzzer's bytes as text.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hlc::fuzz {

inline std::string_view text_of(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

} // namespace hlc::fuzz
