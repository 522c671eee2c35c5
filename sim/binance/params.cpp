#include "sim/binance/params.hpp"

namespace hlc::sim::binance {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits one urlencoded part into decoded pairs; records where a
// `signature=` parameter sits so the signed text can be rebuilt verbatim.
struct split_result {
  std::vector<std::pair<std::string, std::string>> items;
  std::optional<std::string> signature;
  std::string without_signature; // raw text before "&signature=..."
  bool has_signature = false;
  bool signature_last = true;
  bool valid = true;
};

split_result split(std::string_view text) {
  split_result out;
  size_t pos = 0;
  while (pos <= text.size() && !text.empty()) {
    auto amp = text.find('&', pos);
    auto end = amp == std::string_view::npos ? text.size() : amp;
    auto piece = text.substr(pos, end - pos);
    if (!piece.empty()) {
      auto eq = piece.find('=');
      auto raw_name = piece.substr(0, eq);
      auto raw_value = eq == std::string_view::npos ? std::string_view{}
                                                    : piece.substr(eq + 1);
      auto name = url_decode(raw_name);
      auto value = url_decode(raw_value);
      if (!name || !value) {
        out.valid = false;
      } else {
        if (*name == "signature") {
          if (out.has_signature) out.signature_last = false; // sent twice
          out.has_signature = true;
          out.signature = *value;
          // Everything before this parameter (without the joining '&').
          out.without_signature
              = std::string{text.substr(0, pos == 0 ? 0 : pos - 1)};
          if (end != text.size()) out.signature_last = false;
        }
        out.items.emplace_back(std::move(*name), std::move(*value));
      }
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  if (!out.has_signature) out.without_signature = std::string{text};
  return out;
}

} // namespace

std::optional<std::string> url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

param_set param_set::parse(std::string_view query, std::string_view body) {
  param_set result;
  auto q = split(query);
  auto b = split(body);
  result.valid_ = q.valid && b.valid;
  result.items_ = std::move(q.items);
  for (auto& kv : b.items)
    result.items_.push_back(std::move(kv));
  if (q.has_signature || b.has_signature) {
    result.signature_ = q.has_signature ? q.signature : b.signature;
    // The signature must close its part (query or body) and be sent once;
    // the signed text is the rest of the query followed by the rest of the
    // body, with no '&' between them (BN-docs "SIGNED Endpoint Security").
    bool last = q.has_signature != b.has_signature
                && (q.has_signature ? q.signature_last : b.signature_last);
    if (last)
      result.signed_payload_ = q.without_signature + b.without_signature;
    else
      result.signature_misplaced_ = true;
  }
  return result;
}

std::optional<std::string> param_set::get(std::string_view name) const {
  // Query items come first, so the first match is the query's value.
  for (auto& [k, v] : items_)
    if (k == name) return v;
  return std::nullopt;
}

} // namespace hlc::sim::binance
