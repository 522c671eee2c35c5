// The sanitizer build's `hlcopy demo` (apps/hlcopy/CMakeLists.txt): the
// simulators are not linked into it, so the live demo is not available and
// says so; `hlcopy demo --replay` and every other command are.

#include "apps/hlcopy/live_demo.hpp"

#include <ostream>

namespace hlc {

int run_live_demo(std::ostream&, std::ostream& err) {
  err << "hlcopy demo: this is the sanitizer build, without the bundled "
         "simulators; use the default build (scripts/demo.sh) or "
         "`hlcopy demo --replay`\n";
  return 1;
}

} // namespace hlc
