#include "actors/executor/client_order_id.hpp"

namespace hlc {

namespace {

constexpr size_t max_length = 36;

uint64_t fnv1a(std::string_view text) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

} // namespace

std::string to_base36(uint64_t x) {
  static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string result;
  do {
    result.insert(result.begin(), digits[x % 36]);
    x /= 36;
  } while (x != 0);
  return result;
}

std::string make_client_order_id(std::string_view prefix,
                                 std::string_view epoch,
                                 std::string_view symbol, uint64_t seq) {
  auto tail = to_base36(seq);
  auto build = [&](std::string_view middle) {
    std::string id;
    id.reserve(max_length);
    id.append(prefix).append("-").append(epoch).append("-");
    id.append(middle).append("-").append(tail);
    return id;
  };
  auto id = build(symbol);
  if (id.size() <= max_length) return id;
  auto tag = to_base36(fnv1a(symbol) % 2176782336ULL); // 36^6
  return build(tag);
}

} // namespace hlc
