#pragma once

// The shared field readers (adapters/common/json_read.hpp), visible as
// binance::detail for this venue's parsers.

#include "adapters/common/json_read.hpp"

namespace hlc::binance::detail {

using namespace hlc::adapters::detail;

} // namespace hlc::binance::detail
