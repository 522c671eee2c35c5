#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlc::binance {

/// Request parameters in the order they are sent.
using query_params = std::vector<std::pair<std::string, std::string>>;

/// Lower-case hex of HMAC-SHA256(secret, payload) (protocol_facts §B.3).
std::string hmac_sha256_hex(std::string_view secret, std::string_view payload);

/// Percent-encodes everything except RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`), with upper-case hex digits.
std::string url_encode(std::string_view text);

/// `k=v&k=v` with URL-encoded values, in the given order.
std::string encode_query(const query_params& params);

/// The signed query string:
/// `k=v&...&recvWindow=<recv>&timestamp=<ts>&signature=<hex>`, signature
/// last, computed over exactly the text before `&signature=`.
std::string signed_query(const query_params& params, int64_t timestamp_ms,
                         int64_t recv_window_ms, std::string_view secret);

/// Signature for a request that splits parameters between query string and
/// body: the signed text is `query + body`, concatenated without `&`.
std::string sign_query_and_body(std::string_view query, std::string_view body,
                                std::string_view secret);

} // namespace hlc::binance
