#pragma once

#include <cstddef>
#include <string_view>

namespace hlc::binance {

/// Longest `newClientOrderId` Binance accepts (-4015 beyond).
constexpr size_t max_client_order_id_length = 36;

/// True if `id` matches `^[\.A-Z\:/a-z0-9_-]{1,36}$` (protocol_facts §B.4).
/// Hand-written: called for every order, no std::regex.
bool is_valid_client_order_id(std::string_view id) noexcept;

} // namespace hlc::binance
