#pragma once

#include "adapters/binance/parse_error.hpp"
#include "messages/decimal.hpp"
#include "messages/order.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hlc::binance {

/// Who created an order, from its client id (protocol_facts §B.5).
enum class order_origin {
  client,      ///< any id of ours (or the web/app)
  liquidation, ///< "autoclose-..." or execution type CALCULATED
  adl,         ///< "adl_autoclose"
  settlement,  ///< "settlement_autoclose-..."
};

std::string_view to_string(order_origin x) noexcept;

/// Derives the origin from a client order id.
order_origin origin_of(std::string_view client_id) noexcept;

/// An ORDER_TRADE_UPDATE or TRADE_LITE event about one order.
///
/// ORDER_TRADE_UPDATE maps `x`: NEW -> accepted, TRADE / CALCULATED -> trade,
/// CANCELED -> canceled, EXPIRED -> expired, AMENDMENT -> accepted (the order
/// is still live; `execution_type` tells the difference).
///
/// TRADE_LITE is always a trade with `last_qty`/`last_px`, but it carries no
/// cumulative quantity: `update.cum_qty` stays 0 and `lite` is true. It may
/// arrive before the order's NEW.
struct order_event {
  order_update update;
  bool lite = false;          ///< from TRADE_LITE
  std::string execution_type; ///< `x` (empty for TRADE_LITE)
  std::string order_status;   ///< `X` (empty for TRADE_LITE)
  bool reduce_only = false;   ///< `R`
  order_origin origin = order_origin::client;
  int64_t transaction_time_ms = 0; ///< top-level `T`
  int64_t trade_time_ms = 0;       ///< order `T` (TRADE_LITE: top-level `T`)
};

/// One changed position of an ACCOUNT_UPDATE.
struct account_position {
  std::string symbol;
  decimal amount;            ///< `pa`, signed
  decimal entry;             ///< `ep`
  std::string position_side; ///< `ps`
};

/// One changed balance of an ACCOUNT_UPDATE.
struct account_balance {
  std::string asset;    ///< `a`
  decimal wallet;       ///< `wb`
  decimal cross_wallet; ///< `cw`
  decimal change;       ///< `bc`
};

/// ACCOUNT_UPDATE: only changed positions and balances are listed. It can
/// arrive before the ORDER_TRADE_UPDATE of the fill that caused it.
struct account_update {
  std::string reason; ///< `m`: ORDER, FUNDING_FEE, DEPOSIT, ...
  int64_t event_time_ms = 0;
  int64_t transaction_time_ms = 0;
  std::vector<account_position> positions;
  std::vector<account_balance> balances;
};

/// `listenKeyExpired`: the stream sends nothing more; get a new key.
struct listen_key_expired {
  int64_t event_time_ms = 0;
  std::string listen_key;
};

/// Any other event (ALGO_UPDATE, MARGIN_CALL, ACCOUNT_CONFIG_UPDATE ...).
struct other_event {
  std::string type; ///< `e`
};

using user_stream_event
    = std::variant<order_event, account_update, listen_key_expired, other_event,
                   parse_error>;

/// Parses one user-data stream frame, bare or wrapped as `{stream, data}`.
/// Malformed frames yield a parse_error naming the field ("o.i") or "frame".
user_stream_event parse_user_stream_frame(std::string_view text);

} // namespace hlc::binance
