#include "messages/alert.hpp"

namespace hlc {

std::string_view to_string(severity x) noexcept {
  switch (x) {
  case severity::info:
    return "info";
  case severity::warn:
    return "warn";
  case severity::critical:
    return "critical";
  }
  return "?";
}

} // namespace hlc
