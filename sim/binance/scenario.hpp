#pragma once

#include "sim/binance/faults.hpp"
#include "sim/binance/market.hpp"
#include "sim/binance/venue_config.hpp"

#include <rapidjson/document.h>

#include <string>

namespace hlc::sim::binance {

/// Builds a venue configuration from a scenario JSON text (format in
/// docs/simulators-binance.md). Throws std::invalid_argument naming the
/// offending field, e.g. `symbols[2].tick_size: not a decimal: "x"`.
venue_config parse_scenario(const std::string& text);

/// Reads and parses a scenario file; errors name the file.
venue_config load_scenario_file(const std::string& path);

/// One HTTP fault rule from JSON (also used by POST /_sim/fault);
/// `where` prefixes error messages.
http_fault parse_http_fault(const rapidjson::Value& v,
                            const std::string& where);

/// Stream faults from JSON, starting from `base`.
stream_faults parse_stream_faults(const rapidjson::Value& v,
                                  const std::string& where,
                                  stream_faults base = {});

/// `[["price","qty"], ...]` levels.
std::vector<level> parse_levels(const rapidjson::Value& v,
                                const std::string& where);

/// A decimal given as a JSON string (or integer).
decimal parse_decimal_field(const rapidjson::Value& v,
                            const std::string& where);

} // namespace hlc::sim::binance
