#include "adapters/hyperliquid/parse_fills.hpp"

#include "adapters/hyperliquid/json_read.hpp"
#include "json_input/bounded_parse.hpp"

#include <stdexcept>

namespace hlc::hyperliquid {

namespace {

using detail::field_failure;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

leader_fill read_fill(const rapidjson::Value& x, std::string leader,
                      fill_source source, std::string path) {
  detail::object_reader r{x, std::move(path)};
  leader_fill f;
  f.source = source;
  f.key.leader = std::move(leader);
  f.key.coin = r.str("coin");
  if (f.key.coin.empty()) r.fail("coin", "must not be empty");
  f.px = r.dec("px");
  if (!f.px.is_positive())
    r.fail("px", "must be positive, got " + f.px.to_string());
  f.sz = r.dec("sz");
  if (!f.sz.is_positive())
    r.fail("sz", "must be positive, got " + f.sz.to_string());
  auto side = r.str("side");
  if (side == "B")
    f.side = side::buy;
  else if (side == "A")
    f.side = side::sell;
  else
    r.fail("side", "expected \"B\" or \"A\", got \"" + side + '"');
  f.key.time_ms = r.i64("time");
  f.start_position = r.dec("startPosition");
  f.key.start_position = f.start_position; // see fill_key
  f.key.sz = f.sz;
  // `dir` is a display label only; unknown values are fine (ING-8).
  f.dir = r.opt_str("dir").value_or(std::string{});
  f.closed_pnl = r.dec("closedPnl");
  f.hash = r.str("hash");
  f.key.oid = r.u64("oid");
  f.crossed = r.boolean("crossed");
  f.fee = r.dec("fee");
  f.fee_token = r.opt_str("feeToken").value_or(std::string{});
  // The 2023 recordings carry no tid; 0 keeps the dedupe key well defined.
  f.key.tid = r.opt_u64("tid").value_or(0);
  // Optional members we do not keep are still type-checked, so a schema
  // change shows up as a quarantined fill instead of silent garbage.
  r.opt_str("cloid");
  r.opt_dec("builderFee");
  r.opt_u64("twapId");
  if (r.find("liquidation") != nullptr) {
    r.object("liquidation");
    f.liquidation = true;
  }
  if (starts_with(f.dir, "Liquidated")) f.liquidation = true;
  return f;
}

parse_error to_error(field_failure&& e, const rapidjson::Value& raw) {
  return parse_error{std::move(e.field), std::move(e.message),
                     detail::to_json(raw)};
}

} // namespace

result<leader_fill> parse_fill(const rapidjson::Value& fill,
                               std::string_view leader, fill_source source,
                               std::string_view path) {
  try {
    return read_fill(fill, detail::to_lower(leader), source, std::string{path});
  } catch (field_failure& e) {
    return to_error(std::move(e), fill);
  }
}

result<leader_fill> parse_fill_json(std::string_view text,
                                    std::string_view leader,
                                    fill_source source) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, text, "fill", json_input::limits::rest_body);
  } catch (field_failure& e) {
    return parse_error{std::move(e.field), std::move(e.message),
                       detail::excerpt(text)};
  }
  return parse_fill(doc, leader, source);
}

fill_batch parse_fills(const rapidjson::Value& fills, std::string_view leader,
                       fill_source source, std::string_view path) {
  fill_batch result;
  if (!fills.IsArray()) {
    result.errors.push_back(parse_error{
        std::string{path}, "expected an array, got " + detail::describe(fills),
        detail::excerpt(detail::to_json(fills))});
    return result;
  }
  auto lower = detail::to_lower(leader);
  result.fills.reserve(fills.Size());
  for (rapidjson::SizeType i = 0; i < fills.Size(); ++i) {
    auto& x = fills[i];
    try {
      result.fills.push_back(
          read_fill(x, lower, source, detail::index(path, i)));
    } catch (field_failure& e) {
      result.errors.push_back(to_error(std::move(e), x));
    }
  }
  return result;
}

fill_batch parse_fills_body(std::string_view body, std::string_view leader,
                            fill_source source) {
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, body, "body", json_input::limits::rest_body);
  } catch (field_failure& e) {
    fill_batch result;
    result.errors.push_back(parse_error{
        std::move(e.field), std::move(e.message), detail::excerpt(body)});
    return result;
  }
  return parse_fills(doc, leader, source);
}

fill_batch parse_recorded_fills_file(const std::string& path,
                                     std::string_view default_leader,
                                     fill_source source) {
  fill_batch result;
  auto fail = [&](std::string field, std::string message, std::string raw) {
    result.errors.push_back(
        parse_error{std::move(field), std::move(message), std::move(raw)});
    return result;
  };
  std::string body;
  try {
    body = json_input::read_file(path, json_input::limits::recording);
  } catch (const std::runtime_error& e) {
    return fail("file", e.what(), {});
  }
  rapidjson::Document doc;
  try {
    detail::parse_document(doc, body, "file", json_input::limits::recording);
  } catch (field_failure& e) {
    return fail(std::move(e.field), e.message + " in " + path,
                detail::excerpt(body));
  }
  if (doc.IsArray()) {
    if (default_leader.empty())
      return fail("user", "the recording names no leader and none was given",
                  {});
    return parse_fills(doc, default_leader, source);
  }
  if (!doc.IsObject() || !doc.HasMember("response"))
    return fail("file", "expected an array or {request, response}",
                detail::excerpt(body));
  std::string leader{default_leader};
  auto request = doc.FindMember("request");
  if (request != doc.MemberEnd() && request->value.IsObject()) {
    auto user = request->value.FindMember("user");
    if (user != request->value.MemberEnd() && user->value.IsString())
      leader.assign(user->value.GetString(), user->value.GetStringLength());
  }
  if (leader.empty())
    return fail("request.user",
                "the recording names no leader and none "
                "was given",
                {});
  return parse_fills(doc["response"], leader, source, "response");
}

std::string_view to_string(fill_category x) noexcept {
  switch (x) {
  case fill_category::perp:
    return "perp";
  case fill_category::spot:
    return "spot";
  case fill_category::hip3:
    return "hip3";
  case fill_category::dust_conversion:
    return "dust_conversion";
  case fill_category::vault_internal:
    return "vault_internal";
  }
  return "perp";
}

fill_category categorize(const leader_fill& x) noexcept {
  if (x.dir == "Spot Dust Conversion") return fill_category::dust_conversion;
  if (x.dir == "Net Child Vaults") return fill_category::vault_internal;
  switch (classify_coin(x.key.coin)) {
  case coin_kind::spot:
    return fill_category::spot;
  case coin_kind::hip3:
    return fill_category::hip3;
  case coin_kind::perp:
    break;
  }
  return fill_category::perp;
}

} // namespace hlc::hyperliquid
