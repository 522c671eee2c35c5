#include "adapters/binance/client_order_id.hpp"

namespace hlc::binance {

bool is_valid_client_order_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > max_client_order_id_length) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '/'
              || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

} // namespace hlc::binance
