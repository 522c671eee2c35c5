#pragma once

// The shared field readers (adapters/common/json_read.hpp), visible as
// hyperliquid::detail for this venue's parsers.

#include "adapters/common/json_read.hpp"

namespace hlc::hyperliquid::detail {

using namespace hlc::adapters::detail;

} // namespace hlc::hyperliquid::detail
