#include "adapters/hyperliquid/parse_fills.hpp"
#include "adapters/hyperliquid/recording_reader.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

using namespace hlc;
using namespace hlc::hyperliquid;

namespace {

const std::string leader = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";

/// A file under the temp dir, removed at the end of the test.
struct temp_file {
  explicit temp_file(const std::string& text) {
    static int serial = 0;
    path = (std::filesystem::temp_directory_path()
            / ("hl-recording-" + std::to_string(::getpid()) + "-"
               + std::to_string(++serial) + ".json"))
               .string();
    std::ofstream{path, std::ios::binary} << text;
  }
  ~temp_file() { std::remove(path.c_str()); }
  std::string path;
};

/// One userFills object; `tid` tells fills apart in the checks.
std::string fill(uint64_t tid, int64_t time, const char* start = "0.0",
                 const char* sz = "1.0", const char* side = "B",
                 const char* px = "100.0") {
  std::ostringstream s;
  s << R"({"coin":"ETH","px":")" << px << R"(","sz":")" << sz << R"(","side":")"
    << side << R"(","time":)" << time << R"(,"startPosition":")" << start
    << R"(","dir":"Open Long","closedPnl":"0.0","hash":"0x00","oid":)"
    << 1000 + tid << R"(,"crossed":true,"fee":"0.0","tid":)" << tid << "}";
  return s.str();
}

std::string array_of(const std::vector<std::string>& fills) {
  std::string s = "[";
  for (size_t i = 0; i < fills.size(); ++i)
    s += (i == 0 ? "\n" : ",\n") + fills[i];
  return s + "\n]";
}

std::string wrapped(const std::vector<std::string>& fills,
                    const std::string& user = leader) {
  return R"({"request":{"type":"userFills","user":")" + user
         + R"("},"status":{"code":200},"response":)" + array_of(fills) + "}";
}

recording_reader::options small_chunks(size_t n = 2) {
  recording_reader::options o;
  o.default_leader = leader;
  o.chunk_fills = n;
  o.buffer_bytes = 64; // the stream refills its buffer mid-fill
  return o;
}

struct read_all {
  std::vector<leader_fill> fills;
  std::vector<parse_error> errors;
};

read_all drain(recording_reader& r) {
  read_all all;
  recording_chunk chunk;
  while (r.next(chunk)) {
    CHECK((!chunk.fills.empty() || !chunk.errors.empty()));
    all.fills.insert(all.fills.end(), chunk.fills.begin(), chunk.fills.end());
    all.errors.insert(all.errors.end(), chunk.errors.begin(),
                      chunk.errors.end());
  }
  return all;
}

std::vector<uint64_t> tids(const std::vector<leader_fill>& fills) {
  std::vector<uint64_t> out;
  for (auto& f : fills)
    out.push_back(f.key.tid);
  return out;
}

} // namespace

TEST_CASE("a plain oldest-first array is read in file order",
          "[hl][recording]") {
  temp_file file{
      array_of({fill(1, 10), fill(2, 20), fill(3, 20, "1.0"), fill(4, 30)})};
  recording_reader r{file.path, small_chunks()};
  REQUIRE_FALSE(r.error());
  CHECK_FALSE(r.newest_first());
  CHECK(r.leader() == leader);
  auto all = drain(r);
  for (auto& e : all.errors)
    UNSCOPED_INFO(e.to_string() << " raw=" << e.raw);
  CHECK(all.errors.empty());
  REQUIRE(all.fills.size() == 4);
  CHECK(tids(all.fills) == std::vector<uint64_t>{1, 2, 3, 4});
  CHECK(all.fills[0].source == fill_source::replay);
}

TEST_CASE("a newest-first userFills answer comes out oldest first with each "
          "millisecond in execution order",
          "[hl][recording]") {
  // As the venue answers: milliseconds newest first, one millisecond in
  // execution order (fill 3 continues fill 2: startPosition 1 after 0 + 1).
  temp_file file{wrapped({fill(5, 40), fill(2, 30, "0.0"), fill(3, 30, "1.0"),
                          fill(4, 30, "2.0"), fill(1, 10)},
                         "0xB7B6F3CEA3F66BF525F5D8F965F6DBF6D9B017B2")};
  recording_reader::options o = small_chunks(1);
  o.default_leader = "0xsomeoneelse";
  recording_reader r{file.path, o};
  REQUIRE_FALSE(r.error());
  CHECK(r.newest_first());
  CHECK(r.leader() == leader); // request.user, lower-cased
  auto all = drain(r);
  CHECK(all.errors.empty());
  CHECK(tids(all.fills) == std::vector<uint64_t>{1, 2, 3, 4, 5});
  CHECK(all.fills[1].key.leader == leader);
  // chunks of at least one fill, never splitting the millisecond 30
  CHECK(r.chunks() == 3);
}

TEST_CASE("chunked reading equals a stable sort of the whole file",
          "[hl][recording]") {
  // The rule the replay used before streaming (ADR 0012), on a long
  // newest-first file with random same-millisecond runs and tiny chunks.
  std::mt19937_64 rng{42};
  std::vector<std::string> newest_first;
  int64_t t = 1'000'000;
  uint64_t tid = 0;
  for (int i = 0; i < 3000; ++i) {
    auto run = 1 + rng() % 4;
    for (uint64_t k = 0; k < run; ++k)
      newest_first.push_back(fill(++tid, t));
    t -= static_cast<int64_t>(rng() % 3 == 0 ? 0 : 1 + rng() % 50);
  }
  auto text = wrapped(newest_first);
  temp_file file{text};
  auto whole = parse_fills_body(
      text.substr(text.find("\"response\":") + 11,
                  text.size() - text.find("\"response\":") - 12),
      leader, fill_source::replay);
  REQUIRE(whole.errors.empty());
  std::stable_sort(whole.fills.begin(), whole.fills.end(),
                   [](const leader_fill& a, const leader_fill& b) {
                     return a.key.time_ms < b.key.time_ms;
                   });
  for (size_t chunk : {1, 7, 64, 100'000}) {
    recording_reader r{file.path, small_chunks(chunk)};
    REQUIRE_FALSE(r.error());
    CHECK(r.newest_first());
    auto all = drain(r);
    CHECK(all.errors.empty());
    CHECK(tids(all.fills) == tids(whole.fills));
  }
}

TEST_CASE("a bad fill is quarantined naming its field; the others pass",
          "[hl][recording]") {
  temp_file file{array_of(
      {fill(1, 10), fill(2, 20, "0.0", "1.0", "B", "abc"), "42", fill(4, 30)})};
  recording_reader r{file.path, small_chunks()};
  REQUIRE_FALSE(r.error());
  auto all = drain(r);
  CHECK(tids(all.fills) == std::vector<uint64_t>{1, 4});
  REQUIRE(all.errors.size() == 2);
  CHECK(all.errors[0].field == "response[1].px");
  CHECK(all.errors[1].field == "response[2]");
  CHECK(r.elements() == 4);
}

TEST_CASE("a fill on the wrong side of the file's direction is quarantined "
          "as out of order",
          "[hl][recording]") {
  SECTION("newest first") {
    temp_file file{array_of(
        {fill(1, 50), fill(2, 40), fill(3, 60), fill(4, 30), fill(5, 20)})};
    recording_reader r{file.path, small_chunks(1)};
    REQUIRE(r.newest_first());
    auto all = drain(r);
    CHECK(tids(all.fills) == std::vector<uint64_t>{5, 4, 2, 1});
    REQUIRE(all.errors.size() == 1);
    CHECK(all.errors[0].field == "response[2].time");
    CHECK(all.errors[0].message.find("out of order") != std::string::npos);
    CHECK(r.out_of_order() == 1);
  }
  SECTION("oldest first") {
    temp_file file{array_of(
        {fill(1, 10), fill(2, 20), fill(3, 5), fill(4, 20), fill(5, 30)})};
    recording_reader r{file.path, small_chunks(1)};
    REQUIRE_FALSE(r.newest_first());
    auto all = drain(r);
    CHECK(tids(all.fills) == std::vector<uint64_t>{1, 2, 4, 5});
    REQUIRE(all.errors.size() == 1);
    CHECK(all.errors[0].field == "response[2].time");
  }
}

TEST_CASE("a recording that cannot be read says why and yields nothing",
          "[hl][recording]") {
  auto check = [](const std::string& text, const std::string& field,
                  const std::string& words) {
    temp_file file{text};
    recording_reader r{file.path, small_chunks()};
    REQUIRE(r.error());
    CHECK(r.error()->field == field);
    CHECK_THAT(r.error()->message, Catch::Contains(words));
    recording_chunk chunk;
    CHECK_FALSE(r.next(chunk));
  };
  SECTION("truncated") {
    auto text = wrapped({fill(1, 20), fill(2, 10)});
    check(text.substr(0, text.size() - 40), "file", "truncated");
  }
  SECTION("110 000 nested arrays") {
    check(std::string(110'000, '['), "file", "nesting deeper than 64");
  }
  SECTION("not JSON") {
    check("hello", "file", "invalid JSON at offset 0");
  }
  SECTION("no response") {
    check(R"({"request":{"user":"0x1"}})", "response", "no response array");
  }
  SECTION("response is not an array") {
    check(R"({"response":{"coin":"ETH"}})", "file", "expected an array");
  }
  SECTION("a bare number") {
    check("12", "(root)", "expected an array");
  }
  SECTION("missing file") {
    recording_reader r{"/nonexistent/recording.json", small_chunks()};
    REQUIRE(r.error());
    CHECK_THAT(r.error()->message, Catch::Contains("cannot open"));
  }
}

TEST_CASE("the bundled REAL recording reads like the whole-file parser",
          "[hl][recording]") {
  auto path = hlc::test::fixture_path("hyperliquid/test_get_user_fills.json");
  auto whole = parse_recorded_fills_file(path, "");
  REQUIRE(whole.errors.empty());
  std::stable_sort(whole.fills.begin(), whole.fills.end(),
                   [](const leader_fill& a, const leader_fill& b) {
                     return a.key.time_ms < b.key.time_ms;
                   });
  recording_reader r{path, small_chunks(16)};
  REQUIRE_FALSE(r.error());
  CHECK(r.newest_first());
  auto all = drain(r);
  CHECK(all.errors.empty());
  REQUIRE(all.fills.size() == whole.fills.size());
  for (size_t i = 0; i < all.fills.size(); ++i)
    CHECK(all.fills[i].key == whole.fills[i].key);
}
