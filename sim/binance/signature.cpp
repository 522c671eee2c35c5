#include "sim/binance/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <stdexcept>

namespace hlc::sim::binance {

std::string hmac_sha256_hex(std::string_view secret, std::string_view payload) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  auto* ok = HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
                  reinterpret_cast<const unsigned char*>(payload.data()),
                  payload.size(), digest, &len);
  if (ok == nullptr) throw std::runtime_error("HMAC-SHA256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 0x0f]);
  }
  return out;
}

bool verify_signature(std::string_view secret, std::string_view payload,
                      std::string_view signature) {
  auto expected = hmac_sha256_hex(secret, payload);
  if (signature.size() != expected.size()) return false;
  std::string lowered(signature);
  for (auto& c : lowered)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return CRYPTO_memcmp(lowered.data(), expected.data(), expected.size()) == 0;
}

} // namespace hlc::sim::binance
