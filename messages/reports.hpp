#pragma once

#include "messages/decimal.hpp"

#include <cstdint>
#include <string>

namespace hlc {

/// What the dedup gate did with a batch of leader fills.
struct ingest_result {
  uint64_t received = 0;
  uint64_t fresh = 0;
  uint64_t duplicates = 0;
};

/// One executor's view, for status and the replay report.
struct executor_report {
  std::string symbol;
  decimal position;
  decimal target;
  uint32_t working_orders = 0;
};

} // namespace hlc
