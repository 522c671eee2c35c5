#include "sim/binance/market_stream.hpp"

#include "sim/common/record_filter.hpp"

#include <cctype>

namespace hlc::sim::binance {

namespace {

std::optional<market_stream>
parse_stream(const std::string& name, bool public_category,
             const std::set<std::string>& symbols) {
  auto at = name.find('@');
  if (at == std::string::npos || at == 0) return std::nullopt;
  auto lower_symbol = name.substr(0, at);
  std::string symbol;
  for (char c : lower_symbol) {
    if (std::isupper(static_cast<unsigned char>(c))) return std::nullopt;
    symbol += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (symbols.count(symbol) == 0) return std::nullopt;
  auto rest = name.substr(at + 1);
  market_stream s;
  s.name = name;
  s.symbol = symbol;
  if (rest == "bookTicker" && public_category) {
    s.type = market_stream::kind::book_ticker;
    return s;
  }
  if ((rest == "markPrice" || rest == "markPrice@1s") && !public_category) {
    s.type = market_stream::kind::mark_price;
    s.interval_ms = rest == "markPrice" ? 3000 : 1000;
    return s;
  }
  return std::nullopt;
}

} // namespace

std::optional<market_request>
parse_market_request(const std::string& path, const std::string& query,
                     const std::set<std::string>& symbols) {
  bool is_public = path.rfind("/public/", 0) == 0;
  bool is_market = path.rfind("/market/", 0) == 0;
  if (!is_public && !is_market) return std::nullopt;
  auto category_len = std::string(is_public ? "/public" : "/market").size();
  auto rest = path.substr(category_len);
  market_request out;
  std::vector<std::string> names;
  if (rest.rfind("/ws/", 0) == 0) {
    names.push_back(url_decode(rest.substr(4)));
  } else if (rest == "/stream") {
    out.combined = true;
    std::string list;
    size_t at = 0;
    while (at <= query.size()) {
      auto end = query.find('&', at);
      if (end == std::string::npos) end = query.size();
      auto part = query.substr(at, end - at);
      if (part.rfind("streams=", 0) == 0) list = url_decode(part.substr(8));
      at = end + 1;
    }
    size_t from = 0;
    while (from <= list.size() && !list.empty()) {
      auto slash = list.find('/', from);
      if (slash == std::string::npos) slash = list.size();
      names.push_back(list.substr(from, slash - from));
      from = slash + 1;
    }
  } else {
    return std::nullopt;
  }
  if (names.empty() || names.size() > 1024) return std::nullopt;
  for (const auto& n : names) {
    auto s = parse_stream(n, is_public, symbols);
    if (!s) return std::nullopt;
    out.streams.push_back(*s);
  }
  return out;
}

} // namespace hlc::sim::binance
