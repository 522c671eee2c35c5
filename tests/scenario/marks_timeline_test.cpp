// `hlcopy replay --marks` with a timeline (issue 9): when a symbol appears
// more than once, marks move only when the replay clock reaches them, with
// their own times, so the STR-7 and STR-8 guards can be exercised in replay.

#include "run_hlcopy.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

using namespace hlc::test;

namespace {

constexpr const char* window = "--to 1683245700000";
constexpr int64_t first_fill_ms = 1683245555699;

std::string read(const std::string& path) {
  std::ifstream in{path};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct entry {
  std::string symbol;
  std::string mark;
  int64_t time_ms;
};

/// The bundled starting marks, each repeated at `times` (a timeline),
/// `SUIUSDT` scaled by `sui_factor`.
std::string timeline(const std::vector<int64_t>& times, double sui_factor) {
  rapidjson::Document doc;
  auto text
      = read(std::string{HLC_SOURCE_DIR} + "/apps/hlcopy/demo/marks.json");
  doc.Parse(text.c_str());
  std::ostringstream out;
  out << "[";
  bool first = true;
  for (auto t : times)
    for (auto& m : doc.GetArray()) {
      std::string symbol = m["symbol"].GetString();
      std::string mark = m["markPrice"].GetString();
      if (symbol == "SUIUSDT" && sui_factor != 1.0) {
        std::ostringstream scaled; // test data only; the product parses it
        scaled.precision(6);
        scaled << std::fixed << std::stod(mark) * sui_factor;
        mark = scaled.str();
      }
      out << (first ? "" : ",") << "{\"symbol\":\"" << symbol
          << "\",\"markPrice\":\"" << mark << "\",\"time\":" << t << "}";
      first = false;
    }
  out << "]";
  return out.str();
}

run_result replay_with_marks(scratch_dir& dir, const std::string& marks) {
  auto config = write_demo_config(dir.path);
  std::ofstream{dir.path + "/marks.json"} << marks;
  return run_hlcopy(dir.path, "replay --config '" + config + "' --fills '"
                                  + demo_fills_path() + "' --marks marks.json "
                                  + window);
}

size_t skips_named(const std::string& db, const std::string& reason) {
  size_t n = 0;
  for (auto& [symbol, reasons] : skips_by_symbol(db))
    for (auto& r : reasons)
      n += r == reason ? 1 : 0;
  return n;
}

} // namespace

TEST_CASE("a marks timeline that stops makes opens stale (STR-8)",
          "[scenario][marks]") {
  scratch_dir dir;
  // Every mark known at the first fill, then never again: after
  // max_stale_ms (5 s) every open is stale_market.
  auto r
      = replay_with_marks(dir, timeline({first_fill_ms, first_fill_ms}, 1.0));
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto db = dir.path + "/hlcopy-demo.db";
  CHECK(skips_named(db, "stale_market") > 10);
  CHECK(r.out.find("stale_market") != std::string::npos);
  // A single snapshot (one entry per symbol) keeps following the fills.
  scratch_dir plain;
  auto p = replay_with_marks(plain, timeline({first_fill_ms}, 1.0));
  REQUIRE(p.status == 0);
  CHECK(skips_named(plain.path + "/hlcopy-demo.db", "stale_market") == 0);
}

TEST_CASE("a marks timeline far from the leader's prices blocks opens, never "
          "closes (STR-7)",
          "[scenario][marks]") {
  scratch_dir dir;
  // fresh marks every second, SUI 3 % above the leader's prices
  std::vector<int64_t> times;
  for (int64_t t = first_fill_ms; t <= 1683245700000; t += 1000)
    times.push_back(t);
  auto r = replay_with_marks(dir, timeline(times, 1.03));
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto db = dir.path + "/hlcopy-demo.db";
  auto skips = skips_by_symbol(db);
  auto& sui = skips["SUIUSDT"];
  CHECK(std::count(sui.begin(), sui.end(), "price_deviation") > 0);
  CHECK(std::count(sui.begin(), sui.end(), "stale_market") == 0);
  // nothing was opened on SUI, so nothing is held there
  auto held = paper_positions(db);
  CHECK((held.count("SUIUSDT") == 0 || held["SUIUSDT"] == "0"));
}
