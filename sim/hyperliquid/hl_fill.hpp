#pragma once

// One Hyperliquid fill as the simulator stores and serves it, plus the
// position bookkeeping that turns a scripted trade into the fields HL
// computes (startPosition, dir, closedPnl, fee, hash, tid).

#include "messages/decimal.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

namespace hlc::sim::hl {

/// `liquidation` object of a fill.
struct hl_liquidation {
  std::optional<std::string> liquidated_user;
  std::string mark_px;
  std::string method = "market";
};

/// A fill in Hyperliquid's wire vocabulary. Money fields keep their wire
/// text; optional members are omitted when absent (2023-era fills have no
/// tid, feeToken or twapId).
struct hl_fill {
  std::string coin;
  std::string px; ///< empty: at the coin's mid when the trade runs
  std::string sz;
  char side = 'B';  ///< 'B' buy, 'A' sell: the user's own side
  int64_t time = 0; ///< ms
  std::string start_position;
  std::string dir;
  std::string closed_pnl = "0.0";
  std::string hash;
  uint64_t oid = 0;
  bool crossed = true;
  std::string fee = "0.0";
  std::optional<std::string> builder_fee;
  std::optional<uint64_t> tid;
  std::optional<std::string> cloid;
  std::optional<hl_liquidation> liquidation;
  std::optional<std::string> fee_token = std::string{"USDC"};
  bool twap_id_null = true; ///< emit "twapId":null
};

/// Appends the fill as a JSON object (HL's field order) to `out`.
void append_json(std::string& out, const hl_fill& f);

/// Parses a fill object from a recording; `where` names it in errors.
hl_fill parse_fill(const rapidjson::Value& v, const std::string& where);

/// HL's decimal text: plain, and at least one fraction digit ("0.0", "12.5").
std::string hl_text(decimal x);

/// A leader's position in one coin.
struct hl_position {
  decimal szi;      ///< signed size
  decimal entry_px; ///< average entry price
};

/// What a scripted trade needs; the rest is computed.
struct trade_spec {
  std::string leader; ///< lower-case address
  std::string coin;
  char side = 'B';
  std::string px;
  std::string sz;
  std::optional<uint64_t> oid;
  std::optional<uint64_t> tid;
  bool crossed = true;
  std::optional<std::string> cloid;
  std::optional<std::string> builder_fee;
  std::optional<hl_liquidation> liquidation;
};

/// Makes the fill of `t` at `time_ms` against `pos` and updates `pos`.
/// `oid`/`tid` must be resolved by the caller. Fees: 0.045 % taker,
/// 0.015 % maker (HL's base tier), rounded to 6 decimals. Throws
/// input_error naming `where` for bad px/sz/side.
hl_fill make_fill(const trade_spec& t, int64_t time_ms, uint64_t oid,
                  uint64_t tid, hl_position& pos, const std::string& where);

/// Updates `pos` with a recorded fill (start position taken from the fill).
void apply_recorded(const hl_fill& f, hl_position& pos);

/// A deterministic 0x-prefixed 64-hex-digit "tx hash" for (user, oid, time):
/// every fill of one order in one block shares it, as on HL.
std::string make_hash(const std::string& user, uint64_t oid, int64_t time_ms);

/// A deterministic 50-bit trade id for (oid, n).
uint64_t make_tid(uint64_t oid, uint64_t n);

} // namespace hlc::sim::hl
