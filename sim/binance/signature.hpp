#pragma once

#include <string>
#include <string_view>

namespace hlc::sim::binance {

/// Lower-case hex of HMAC-SHA256(secret, payload), as Binance signs
/// requests.
std::string hmac_sha256_hex(std::string_view secret, std::string_view payload);

/// True if `signature` (hex, any case: Binance treats it case-insensitively)
/// is the HMAC-SHA256 of `payload` under `secret`. Compares in constant time.
bool verify_signature(std::string_view secret, std::string_view payload,
                      std::string_view signature);

} // namespace hlc::sim::binance
