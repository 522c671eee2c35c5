#include "support/clock.hpp"

#include <chrono>

namespace hlc {

int64_t system_wall_clock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
      .count();
}

int64_t system_wall_clock::now_us_impl() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch())
      .count();
}

} // namespace hlc
