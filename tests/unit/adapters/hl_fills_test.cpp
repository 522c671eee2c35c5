#include "adapters/hyperliquid/parse_fills.hpp"

#include "tests/unit/adapters/fixture_util.hpp"

#include <catch2/catch.hpp>

#include <unordered_set>

using namespace hlc;
using namespace hlc::hyperliquid;
using hlc::test::fixture_path;
using hlc::test::read_fixture;

namespace {

const std::string leader_2023 = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";

decimal dec(const char* text) {
  return decimal::parse_or_throw(text);
}

// The real dust-conversion recording with fill `index` changed by `edit`.
std::string edited_dust_fills(
    size_t index,
    void (*edit)(rapidjson::Value&, rapidjson::Document::AllocatorType&)) {
  rapidjson::Document doc;
  hlc::test::parse_into(
      doc, read_fixture("hyperliquid/http_user_fills_dust_conversion.json"));
  REQUIRE(doc.IsArray());
  edit(doc[static_cast<rapidjson::SizeType>(index)], doc.GetAllocator());
  return hlc::test::to_json(doc);
}

} // namespace

TEST_CASE("the 500-fill userFills recording parses completely", "[hl][fills]") {
  auto batch = parse_recorded_fills_file(
      fixture_path("hyperliquid/test_get_user_fills.json"), "");
  CHECK(batch.errors.empty());
  REQUIRE(batch.fills.size() == 500);
  auto& f = batch.fills.front();
  CHECK(f.key.leader == leader_2023);
  CHECK(f.key.coin == "SUI");
  CHECK(f.px == dec("1.3189"));
  CHECK(f.px.to_string() == "1.3189");
  CHECK(f.sz == dec("142.7"));
  CHECK(f.side == side::sell);
  CHECK(f.start_position == dec("4623.5"));
  CHECK(f.end_position() == dec("4480.8"));
  CHECK(f.key.oid == 189324432u);
  CHECK(f.key.time_ms == 1683245884863);
  CHECK(f.key.tid == 0u);
  CHECK(f.dir == "Close Long");
  CHECK(f.closed_pnl == dec("-0.25686"));
  CHECK(f.fee.is_zero());
  CHECK(f.fee_token.empty());
  CHECK(f.crossed);
  CHECK_FALSE(f.liquidation);
  CHECK(
      f.hash
      == "0x3d4770d0527317ef77c404017559cb0103000b34010cc95e97b437cbc3b6087a");
  CHECK(f.source == fill_source::replay);
  // Newest first in this 2023 recording.
  CHECK(batch.fills.back().key.time_ms <= f.key.time_ms);
}

TEST_CASE("userFillsByTime recording parses to the same 500 fills",
          "[hl][fills]") {
  auto by_time = parse_recorded_fills_file(
      fixture_path("hyperliquid/test_get_user_fills_by_time.json"), "",
      fill_source::rest);
  auto plain = parse_recorded_fills_file(
      fixture_path("hyperliquid/test_get_user_fills.json"), "");
  CHECK(by_time.errors.empty());
  REQUIRE(by_time.fills.size() == 500);
  REQUIRE(plain.fills.size() == 500);
  for (size_t i = 0; i < 500; ++i) {
    CHECK(by_time.fills[i].key == plain.fills[i].key);
    CHECK(by_time.fills[i].sz == plain.fills[i].sz);
  }
  CHECK(by_time.fills.front().source == fill_source::rest);
}

TEST_CASE("2023 fills without tid are told apart by start position and size",
          "[hl][fills]") {
  // A fact for the dedupe gate: with tid 0, (coin, oid, tid, time) repeats
  // for the partial fills of one order in one block (up to 7 times), and
  // even the start position repeats within a block (22 cases); the full
  // key adds start position and size and is unique over all 500 fills.
  auto batch = parse_recorded_fills_file(
      fixture_path("hyperliquid/test_get_user_fills.json"), "");
  REQUIRE(batch.fills.size() == 500);
  std::unordered_set<fill_key> keys;
  std::unordered_set<fill_key> without_size_and_start;
  for (auto& f : batch.fills) {
    keys.insert(f.key);
    auto short_key = f.key;
    short_key.start_position = decimal{};
    short_key.sz = decimal{};
    without_size_and_start.insert(short_key);
  }
  CHECK(without_size_and_start.size() == 432);
  CHECK(keys.size() == 500);
}

TEST_CASE("a flip fill derives direction from startPosition and side",
          "[hl][fills]") {
  auto batch = parse_recorded_fills_file(
      fixture_path("hyperliquid/test_get_user_fills.json"), "");
  REQUIRE(batch.fills.size() == 500);
  auto& flip = batch.fills[178];
  CHECK(flip.dir == "Long > Short");
  CHECK(flip.start_position == dec("12.8"));
  CHECK(flip.end_position() == dec("-40.7"));
}

TEST_CASE("dust, spot, vault and perp fills are categorized", "[hl][fills]") {
  auto batch = parse_fills_body(
      read_fixture("hyperliquid/http_user_fills_dust_conversion.json"),
      "0xABCDEF0000000000000000000000000000000001", fill_source::rest);
  REQUIRE(batch.errors.empty());
  REQUIRE(batch.fills.size() == 5);
  CHECK(batch.fills[0].key.leader
        == "0xabcdef0000000000000000000000000000000001");
  CHECK(batch.fills[0].key.tid == 17679709382320u);
  CHECK(batch.fills[0].key.oid == 481029459465u);
  CHECK(batch.fills[0].fee_token == "USDC");
  CHECK(categorize(batch.fills[0]) == fill_category::perp);
  CHECK(categorize(batch.fills[1]) == fill_category::perp);
  CHECK(batch.fills[2].key.coin == "@156");
  CHECK(batch.fills[2].fee_token == "USOL");
  CHECK(categorize(batch.fills[2]) == fill_category::spot);
  CHECK(categorize(batch.fills[3]) == fill_category::dust_conversion);
  CHECK(batch.fills[3].key.tid == 0u);
  CHECK(batch.fills[3].sz == dec("0.0000086141"));
  CHECK(categorize(batch.fills[4]) == fill_category::vault_internal);
  CHECK(to_string(categorize(batch.fills[4])) == "vault_internal");
  for (auto& f : batch.fills)
    CHECK_FALSE(f.liquidation);
}

TEST_CASE("ccxt recordings: builderFee, HIP-3 liquidation, spot PURR",
          "[hl][fills]") {
  auto hip3 = hlc::test::fixture_member(
      "hyperliquid/hyperliquid.httpResponse.excerpt.json",
      {"fetchMyTrades.userFills.builderFee_liquidation_hip3"});
  auto batch = parse_fills_body(hip3, "0x1", fill_source::rest);
  REQUIRE(batch.errors.empty());
  REQUIRE(batch.fills.size() == 5);
  // ccxt stringified the integer ids; they still parse exactly.
  CHECK(batch.fills[0].key.oid == 314848230306u);
  CHECK(batch.fills[0].key.tid == 882779857052503u);
  CHECK(batch.fills[0].key.time_ms == 1770458548926);
  CHECK(categorize(batch.fills[0]) == fill_category::perp);
  auto& crcl = batch.fills[1];
  CHECK(crcl.key.coin == "flx:CRCL");
  CHECK(categorize(crcl) == fill_category::hip3);
  CHECK(crcl.liquidation);
  CHECK(crcl.fee_token == "USDH");
  CHECK_FALSE(batch.fills[2].liquidation);

  auto purr = hlc::test::fixture_member(
      "hyperliquid/hyperliquid.httpResponse.excerpt.json",
      {"fetchMyTrades.userFills.spot_PURR"});
  auto spot = parse_fills_body(purr, "0x1", fill_source::rest);
  REQUIRE(spot.fills.size() == 1);
  CHECK(spot.fills[0].key.coin == "PURR/USDC");
  CHECK(categorize(spot.fills[0]) == fill_category::spot);
}

TEST_CASE("dir Liquidated... flags a liquidation without the object",
          "[hl][fills]") {
  auto text = edited_dust_fills(0, [](rapidjson::Value& f, auto& alloc) {
    f["dir"].SetString("Liquidated Cross Long", alloc);
  });
  auto batch = parse_fills_body(text, "0x1", fill_source::rest);
  REQUIRE(batch.fills.size() == 5);
  CHECK(batch.fills[0].liquidation);
  CHECK_FALSE(batch.fills[1].liquidation);
}

TEST_CASE("unknown dir values are tolerated", "[hl][fills]") {
  auto text = edited_dust_fills(1, [](rapidjson::Value& f, auto& alloc) {
    f["dir"].SetString("Some Future Label", alloc);
  });
  auto batch = parse_fills_body(text, "0x1", fill_source::rest);
  CHECK(batch.errors.empty());
  REQUIRE(batch.fills.size() == 5);
  CHECK(batch.fills[1].dir == "Some Future Label");
}

TEST_CASE("one malformed fill is reported by field, the others survive",
          "[hl][fills]") {
  using edit_fn
      = void (*)(rapidjson::Value&, rapidjson::Document::AllocatorType&);
  struct malformed {
    const char* name;
    edit_fn edit;
    const char* field;
    const char* message;
  };
  std::vector<malformed> cases{
      {"px not a decimal",
       [](rapidjson::Value& f, rapidjson::Document::AllocatorType& a) {
         f["px"].SetString("abc", a);
       },
       "fills[2].px", "not a decimal: \"abc\""},
      {"missing oid",
       [](rapidjson::Value& f, rapidjson::Document::AllocatorType&) {
         f.RemoveMember("oid");
       },
       "fills[2].oid", "missing"},
      {"unknown side",
       [](rapidjson::Value& f, rapidjson::Document::AllocatorType& a) {
         f["side"].SetString("X", a);
       },
       "fills[2].side", "expected \"B\" or \"A\", got \"X\""},
      {"negative sz",
       [](rapidjson::Value& f, rapidjson::Document::AllocatorType& a) {
         f["sz"].SetString("-1.267", a);
       },
       "fills[2].sz", "must be positive, got -1.267"},
      {"sz as a JSON number",
       [](rapidjson::Value& f, rapidjson::Document::AllocatorType&) {
         f["sz"].SetDouble(1.267);
       },
       "fills[2].sz", "expected a decimal string, got number 1.267"},
      {"oid as a double",
       [](rapidjson::Value& f, rapidjson::Document::AllocatorType&) {
         f["oid"].SetDouble(228721726126.0);
       },
       "fills[2].oid", "expected an unsigned integer"},
  };
  for (auto& c : cases) {
    SECTION(c.name) {
      auto text = edited_dust_fills(2, c.edit);
      auto batch = parse_fills_body(text, "0x1", fill_source::rest);
      REQUIRE(batch.errors.size() == 1);
      auto& e = batch.errors.front();
      CHECK(e.field == c.field);
      CHECK_THAT(e.message, Catch::StartsWith(c.message));
      CHECK_THAT(e.to_string(), Catch::StartsWith(std::string{c.field} + ": "));
      // The quarantine record keeps the fill's own JSON text.
      CHECK_THAT(e.raw, Catch::Contains("\"coin\":\"@156\""));
      REQUIRE(batch.fills.size() == 4);
      CHECK(batch.fills[0].key.coin == "ARB");
      CHECK(batch.fills[1].key.coin == "JUP");
      CHECK(batch.fills[2].key.coin == "@142");
      CHECK(batch.fills[3].key.coin == "MANTA");
    }
  }
}

TEST_CASE("a single fill parses from text, errors keep the raw text",
          "[hl][fills]") {
  auto one = hlc::test::fixture_member(
      "hyperliquid/http_user_fills_dust_conversion.json", {"0"});
  auto ok = parse_fill_json(one, "0xAA", fill_source::ws);
  REQUIRE(std::holds_alternative<leader_fill>(ok));
  CHECK(std::get<leader_fill>(ok).key.leader == "0xaa");
  CHECK(std::get<leader_fill>(ok).source == fill_source::ws);

  auto bad = parse_fill_json("{\"coin\":", "0xaa", fill_source::ws);
  REQUIRE(std::holds_alternative<parse_error>(bad));
  CHECK(std::get<parse_error>(bad).field == "fill");
  CHECK_THAT(std::get<parse_error>(bad).message,
             Catch::StartsWith("invalid JSON at offset"));
  CHECK(std::get<parse_error>(bad).raw == "{\"coin\":");
}

TEST_CASE("whole-body failures are reported as one error", "[hl][fills]") {
  auto not_json
      = parse_fills_body("<html>502</html>", "0x1", fill_source::rest);
  CHECK(not_json.fills.empty());
  REQUIRE(not_json.errors.size() == 1);
  CHECK(not_json.errors[0].field == "body");
  CHECK(not_json.errors[0].raw == "<html>502</html>");

  auto not_array = parse_fills_body("{\"fills\":[]}", "0x1", fill_source::rest);
  REQUIRE(not_array.errors.size() == 1);
  CHECK(not_array.errors[0].field == "fills");
  CHECK(not_array.errors[0].message == "expected an array, got an object");
}

TEST_CASE("recorded files: plain arrays need a leader, missing files fail",
          "[hl][fills]") {
  auto plain = parse_recorded_fills_file(
      fixture_path("hyperliquid/http_user_fills_dust_conversion.json"),
      "0xFEED");
  CHECK(plain.errors.empty());
  REQUIRE(plain.fills.size() == 5);
  CHECK(plain.fills[0].key.leader == "0xfeed");

  auto nameless = parse_recorded_fills_file(
      fixture_path("hyperliquid/http_user_fills_dust_conversion.json"), "");
  CHECK(nameless.fills.empty());
  REQUIRE(nameless.errors.size() == 1);
  CHECK(nameless.errors[0].field == "user");

  // The recording's own request.user wins over the default.
  auto named = parse_recorded_fills_file(
      fixture_path("hyperliquid/test_get_user_fills.json"), "0xfeed");
  REQUIRE(named.fills.size() == 500);
  CHECK(named.fills[0].key.leader == leader_2023);

  auto missing = parse_recorded_fills_file(
      fixture_path("hyperliquid/no_such_file.json"), "0x1");
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].field == "file");
}
