#include "adapters/binance/signing.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace hlc::binance {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
         || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
         || c == '~';
}

} // namespace

std::string hmac_sha256_hex(std::string_view secret, std::string_view payload) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  auto ok = HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
                 reinterpret_cast<const unsigned char*>(payload.data()),
                 payload.size(), digest, &len);
  if (ok == nullptr)
    throw std::runtime_error("HMAC-SHA256 failed"); // never shows the secret
  std::string result;
  result.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    result += hex_digits[digest[i] >> 4];
    result += hex_digits[digest[i] & 0x0F];
  }
  return result;
}

std::string url_encode(std::string_view text) {
  constexpr char upper_hex[] = "0123456789ABCDEF";
  std::string result;
  result.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c)) {
      result += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      result += '%';
      result += upper_hex[byte >> 4];
      result += upper_hex[byte & 0x0F];
    }
  }
  return result;
}

std::string encode_query(const query_params& params) {
  std::string result;
  for (auto& [key, value] : params) {
    if (!result.empty()) result += '&';
    result += url_encode(key);
    result += '=';
    result += url_encode(value);
  }
  return result;
}

std::string signed_query(const query_params& params, int64_t timestamp_ms,
                         int64_t recv_window_ms, std::string_view secret) {
  auto query = encode_query(params);
  if (!query.empty()) query += '&';
  query += "recvWindow=";
  query += std::to_string(recv_window_ms);
  query += "&timestamp=";
  query += std::to_string(timestamp_ms);
  auto signature = hmac_sha256_hex(secret, query);
  query += "&signature=";
  query += signature;
  return query;
}

std::string sign_query_and_body(std::string_view query, std::string_view body,
                                std::string_view secret) {
  std::string total;
  total.reserve(query.size() + body.size());
  total += query;
  total += body;
  return hmac_sha256_hex(secret, total);
}

} // namespace hlc::binance
