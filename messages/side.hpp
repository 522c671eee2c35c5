#pragma once

#include <cstdint>
#include <string_view>

namespace hlc {

/// Order or fill side, from the account's own point of view.
enum class side : uint8_t { buy, sell };

constexpr std::string_view to_string(side x) noexcept {
  return x == side::buy ? "BUY" : "SELL";
}

constexpr side opposite(side x) noexcept {
  return x == side::buy ? side::sell : side::buy;
}

/// +1 for buy, -1 for sell.
constexpr int sign_of(side x) noexcept {
  return x == side::buy ? 1 : -1;
}

} // namespace hlc
