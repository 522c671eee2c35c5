#pragma once

#include "adapters/hyperliquid/parse_error.hpp"
#include "messages/fill.hpp"
#include "messages/reasons.hpp"

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

namespace hlc::hyperliquid {

/// The outcome of parsing an array of fills: one bad fill never loses the
/// others; it lands in `errors` for quarantine (SPEC ING-8).
struct fill_batch {
  std::vector<leader_fill> fills;
  std::vector<parse_error> errors;
};

/// Parses one fill object (protocol_facts §A.2) for `leader` (lower-cased
/// here). `path` names the object in errors, e.g. "fills[3]".
result<leader_fill> parse_fill(const rapidjson::Value& fill,
                               std::string_view leader, fill_source source,
                               std::string_view path = "fill");

/// Parses one fill from its JSON text.
result<leader_fill> parse_fill_json(std::string_view text,
                                    std::string_view leader,
                                    fill_source source);

/// Parses an array of fills (the `fills` of a WS frame, or a userFills /
/// userFillsByTime response). Errors are named `<path>[i].<field>`; a
/// non-array yields a single error naming `path`.
fill_batch parse_fills(const rapidjson::Value& fills, std::string_view leader,
                       fill_source source, std::string_view path = "fills");

/// Parses a userFills / userFillsByTime response body (a JSON array).
fill_batch parse_fills_body(std::string_view body, std::string_view leader,
                            fill_source source);

/// Parses a recorded fills file: a plain JSON array of fills, or an object
/// `{request, response: [...]}`. The leader is the recording's
/// `request.user` when present, `default_leader` otherwise; when neither
/// names one, the batch holds a single error. Unreadable files likewise.
fill_batch parse_recorded_fills_file(const std::string& path,
                                     std::string_view default_leader,
                                     fill_source source = fill_source::replay);

/// What a fill is, for the ingest filters (SPEC ING-9). Liquidation is a
/// separate flag (`leader_fill::liquidation`) since it can hit any perp.
enum class fill_category {
  perp,            ///< a core perp: candidate for copying
  spot,            ///< "@107", "PURR/USDC"
  hip3,            ///< builder-deployed perp "dex:COIN"
  dust_conversion, ///< dir "Spot Dust Conversion"
  vault_internal,  ///< dir "Net Child Vaults"
};

std::string_view to_string(fill_category x) noexcept;

/// Classifies by `dir` first (dust, vault) and then by the coin name.
fill_category categorize(const leader_fill& x) noexcept;

} // namespace hlc::hyperliquid
