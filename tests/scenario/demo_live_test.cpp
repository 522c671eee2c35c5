// `hlcopy demo` is the live path (issue 8 item 7): both simulators in the
// process, the scripted leader session copied through `run` in live mode,
// the report printed, within 30 s, offline.

#include "run_hlcopy.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using hlc::test::run_hlcopy;
using hlc::test::scratch_dir;

TEST_CASE("hlcopy demo copies the scripted leader session onto binance-sim "
          "and reports it",
          "[scenario][demo][live]") {
  scratch_dir dir;
  auto start = std::chrono::steady_clock::now();
  auto r = run_hlcopy(dir.path, "demo");
  auto took = std::chrono::steady_clock::now() - start;
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(took < std::chrono::seconds(30));
  CHECK(r.out.find("hl-sim") != std::string::npos);
  CHECK(r.out.find("fills read              22") != std::string::npos);
  // What was skipped, and why: the unmapped coin, a delta below one step,
  // one below min notional.
  CHECK(r.out.find("unmapped") != std::string::npos);
  CHECK(r.out.find("below_step") != std::string::npos);
  CHECK(r.out.find("min_notional_pending") != std::string::npos);
  CHECK(r.out.find("OFF TARGET") == std::string::npos);
  CHECK(r.out.find("copy latency") != std::string::npos);
  CHECK(r.out.find("each client id once") != std::string::npos);
}
