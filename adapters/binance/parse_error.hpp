#pragma once

#include "adapters/common/parse_error.hpp"

namespace hlc::binance {

using adapters::parse_error;
using adapters::result;

} // namespace hlc::binance
