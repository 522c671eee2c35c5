#pragma once

// Helpers shared by the venue's translation units (not installed API).

#include "messages/decimal.hpp"
#include "sim/binance/errors.hpp"
#include "sim/binance/params.hpp"
#include "sim/binance/symbol_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace hlc::sim::binance::detail {

/// The value of a mandatory parameter; -1102 naming it when absent/empty.
inline std::string required(const param_set& p, const char* name) {
  auto v = p.get(name);
  if (!v || v->empty()) throw errors::mandatory(name);
  return *v;
}

/// A decimal parameter; -1102 naming it when malformed.
inline decimal decimal_param(const std::string& text, const char* name) {
  auto d = decimal::parse(text);
  if (!d) throw errors::illegal_value(name);
  return *d;
}

/// An integer parameter; -1102 naming it when malformed.
inline int64_t int_param(const std::string& text, const char* name) {
  if (text.empty() || text.size() > 18) throw errors::illegal_value(name);
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) throw errors::illegal_value(name);
  for (size_t j = i; j < text.size(); ++j)
    if (text[j] < '0' || text[j] > '9') throw errors::illegal_value(name);
  return std::stoll(text);
}

/// An unsigned 64-bit parameter (orderId exceeds 2^53 and int64 digits);
/// -1102 naming it when malformed.
inline uint64_t uint_param(const std::string& text, const char* name) {
  if (text.empty() || text.size() > 20) throw errors::illegal_value(name);
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') throw errors::illegal_value(name);
    auto digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) throw errors::illegal_value(name);
    value = value * 10 + digit;
  }
  return value;
}

/// Writes a JSON body with a fresh writer.
template <class F>
std::string json(F&& f) {
  rapidjson::StringBuffer buf;
  json_writer w{buf};
  f(w);
  return buf.GetString();
}

inline void kv(json_writer& w, const char* k, const std::string& v) {
  w.Key(k);
  write_string(w, v);
}

} // namespace hlc::sim::binance::detail
