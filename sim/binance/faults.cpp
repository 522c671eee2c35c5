#include "sim/binance/faults.hpp"

#include <stdexcept>

namespace hlc::sim::binance {

fault_kind parse_fault_kind(const std::string& text) {
  if (text == "unknown_503") return fault_kind::unknown_503;
  if (text == "timeout_1007") return fault_kind::timeout_1007;
  if (text == "reset") return fault_kind::reset;
  if (text == "stall") return fault_kind::stall;
  if (text == "delay") return fault_kind::delay;
  if (text == "status") return fault_kind::status;
  if (text == "overloaded_1008") return fault_kind::overloaded_1008;
  throw std::invalid_argument("fault.kind: unknown kind \"" + text + "\"");
}

const char* to_string(fault_kind k) {
  switch (k) {
  case fault_kind::unknown_503:
    return "unknown_503";
  case fault_kind::timeout_1007:
    return "timeout_1007";
  case fault_kind::reset:
    return "reset";
  case fault_kind::stall:
    return "stall";
  case fault_kind::delay:
    return "delay";
  case fault_kind::status:
    return "status";
  case fault_kind::overloaded_1008:
    return "overloaded_1008";
  }
  return "?";
}

const http_fault* fault_plan::match(const std::string& method,
                                    const std::string& path, bool reduce_only) {
  for (auto& f : faults_) {
    if (f.count == 0) continue;
    if (reduce_only && f.kind == fault_kind::overloaded_1008) continue;
    if (!f.method.empty() && f.method != method) continue;
    if (!f.path.empty() && f.path != path) continue;
    if (f.skip > 0) {
      --f.skip;
      continue;
    }
    if (f.probability < 1.0 && draw() >= f.probability) continue;
    if (f.count > 0) --f.count;
    return &f;
  }
  return nullptr;
}

} // namespace hlc::sim::binance
