#include "sim/common/wall_clock.hpp"

#include <chrono>

namespace hlc::sim {

int64_t real_clock::now_us() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch())
      .count();
}

} // namespace hlc::sim
