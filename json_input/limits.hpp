#pragma once

// The bounds of every kind of JSON input (ADR 0016). A limit is per input,
// so an error can say which input broke which limit.

#include <cstddef>

namespace hlc::json_input {

/// Bounds for one kind of input. `input` names it in error messages.
struct input_limits {
  const char* input;
  size_t max_bytes;
  unsigned max_depth;
};

/// No legitimate input nests deeper than ~6 levels (a WS frame: channel →
/// data → fills → fill). 64 leaves room for any venue change and keeps every
/// recursive walk after the parse (schema validator, writer, our readers)
/// far from the stack's end.
inline constexpr unsigned max_depth = 64;

inline constexpr size_t kib = 1024;
inline constexpr size_t mib = 1024 * kib;

namespace limits {

/// A config file: the full example is ~4 KiB.
inline constexpr input_limits config{"config", 1 * mib, max_depth};
/// Binance /fapi/v1/exchangeInfo (real: ~1.5 MiB for ~500 symbols), and the
/// `--exchange-info` file.
inline constexpr input_limits exchange_info{"exchangeInfo", 16 * mib,
                                            max_depth};
/// Binance premiumIndex (marks) bodies and the `--marks` file (real: ~200
/// KiB for every symbol).
inline constexpr input_limits marks{"marks", 4 * mib, max_depth};
/// Any other REST response body (Hyperliquid info: a 2 000-fill page is
/// ~1 MiB; Binance orders, errors, klines).
inline constexpr input_limits rest_body{"REST body", 16 * mib, max_depth};
/// One WebSocket frame (Hyperliquid's userFills snapshot is the largest).
inline constexpr input_limits ws_frame{"WS frame", 8 * mib, max_depth};
/// A recorded fills file read whole (until replay streams it).
inline constexpr input_limits recording{"recording", 1024 * mib, max_depth};
/// A request to a simulator (REST body, WS message, control request).
inline constexpr input_limits sim_request{"simulator request", 1 * mib,
                                          max_depth};
/// A simulator scenario or recorded file.
inline constexpr input_limits sim_file{"simulator file", 256 * mib, max_depth};

} // namespace limits

} // namespace hlc::json_input
