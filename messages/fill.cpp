#include "messages/fill.hpp"

namespace hlc {

std::string to_string(const fill_key& x) {
  std::string result = x.coin;
  result += ':';
  result += std::to_string(x.oid);
  result += ':';
  result += std::to_string(x.tid);
  result += ':';
  result += std::to_string(x.time_ms);
  return result;
}

coin_kind classify_coin(const std::string& coin) noexcept {
  if (!coin.empty() && coin.front() == '@') return coin_kind::spot;
  if (coin.find('/') != std::string::npos) return coin_kind::spot;
  if (coin.find(':') != std::string::npos) return coin_kind::hip3;
  return coin_kind::perp;
}

} // namespace hlc
