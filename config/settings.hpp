#pragma once

#include "support/logging_settings.hpp"

#include "messages/decimal.hpp"
#include "messages/reasons.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hlc {

// The effective configuration. Every field has the default documented in
// docs/configuration.md and config/schema.json; the loader fills it from the
// JSON file and the environment (secrets). Nothing here is read at run time
// from anywhere else.

/// Run modes (SPEC MODE-1).
enum class run_mode : uint8_t { live, dry_run, backfill_only, replay };

std::string_view to_string(run_mode x) noexcept;
std::optional<run_mode> run_mode_from_string(std::string_view x) noexcept;

/// How the scale factor k of a leader position is decided (SPEC STR-3).
enum class sizing_mode : uint8_t { ratio, equity, fixed_usd, kelly };

std::string_view to_string(sizing_mode x) noexcept;
std::optional<sizing_mode> sizing_mode_from_string(std::string_view x) noexcept;

/// Where kelly sizing takes the win rate and payoff from (STR-3).
enum class kelly_source : uint8_t { configured, measured };

std::string_view to_string(kelly_source x) noexcept;
std::optional<kelly_source>
kelly_source_from_string(std::string_view x) noexcept;

/// The config text of `risk.drawdown_action`: "reducing" or "halted" (the
/// only states a drawdown stop may enter, STR-6).
std::string_view drawdown_action_to_string(trading_state x) noexcept;
std::optional<trading_state>
drawdown_action_from_string(std::string_view x) noexcept;

struct sizing_settings {
  sizing_mode mode = sizing_mode::ratio;
  decimal ratio = decimal::from_int(1);  ///< ratio: follower = ratio × leader
  decimal weight = decimal::from_int(1); ///< equity: weight × eq_f / eq_l
  decimal fixed_usd = decimal::from_int(100); ///< fixed_usd: opening notional
  decimal kelly_fraction = decimal::parse_or_throw("0.25");
  decimal kelly_win_rate = decimal::parse_or_throw("0.5");
  decimal kelly_payoff = decimal::from_int(1);
  decimal kelly_cap = decimal::parse_or_throw("0.1"); ///< max equity share
  kelly_source kelly_from = kelly_source::configured;
  int kelly_min_trades = 20;    ///< measured: smaller samples do not copy
  int kelly_shrink_trades = 20; ///< measured: f* × n / (n + this)
  /// equity: the leader's equity until clearinghouseState reports one
  /// (replay has none); 0 = unknown.
  decimal leader_equity_usd = decimal::from_int(0);
};

struct leader_settings {
  std::string address; ///< lower-case 0x + 40 hex
  std::string name;    ///< optional label for logs
  bool enabled = true;
  sizing_settings sizing;
};

/// A coin → symbol mapping override (SPEC STR-1).
struct symbol_override {
  std::string symbol;
  decimal multiplier = decimal::from_int(1);
  bool enabled = true;
};

struct symbol_settings {
  std::map<std::string, symbol_override> overrides; ///< by HL coin
  std::vector<std::string> allow;                   ///< HL coins; empty = all
  std::vector<std::string> deny;                    ///< HL coins
  decimal max_mid_mark_deviation_pct = decimal::from_int(5);
};

struct hyperliquid_settings {
  std::string info_url = "https://api.hyperliquid.xyz/info";
  std::string ws_url = "wss://api.hyperliquid.xyz/ws";
  int64_t ws_stale_ms = 30000;
  int64_t ping_interval_ms = 50000;
  int64_t backfill_window_ms = 900000;
  int page_size = 2000;
  int reconnect_initial_ms = 500;
  int reconnect_max_ms = 30000;
  bool subscribe_user_events = false;
  bool subscribe_order_updates = false;
};

struct binance_settings {
  std::string rest_url = "https://fapi.binance.com";
  std::string ws_url = "wss://fstream.binance.com";
  int64_t recv_window_ms = 5000;
  int64_t request_timeout_ms = 5000;
  std::string api_key_env = "HLC_BINANCE_API_KEY";
  std::string api_secret_env = "HLC_BINANCE_API_SECRET";
  std::string secrets_file; ///< optional; must be mode 0600
  bool allow_hedge_mode = false;
  std::string leverage_mode = "fixed"; ///< follow | fixed | cap
  int leverage = 5;
  std::string margin_type = "cross"; ///< cross | isolated
};

struct strategy_settings {
  int64_t max_fill_age_ms = 10000; ///< older fills are close-only (STR-8)
  int64_t max_stale_ms = 5000;     ///< older market data blocks opens
  decimal max_dev_pct = decimal::parse_or_throw("0.5"); ///< STR-7
  decimal max_dev_usd = decimal::from_int(50);          ///< STR-7
  liquidation_policy on_liquidation = liquidation_policy::close_only;
  bool copy_existing_positions = false;
  bool trust_local = false;
};

struct risk_settings {
  decimal max_position_usd = decimal::from_int(10000); ///< per symbol
  std::map<std::string, decimal> max_position_qty;     ///< by symbol
  decimal max_gross_usd = decimal::from_int(50000);
  int max_leverage = 10;
  int max_open_symbols = 20;
  decimal max_drawdown_usd = decimal::from_int(0); ///< 0 = off
  trading_state drawdown_action = trading_state::reducing;
  /// Per leader: the follower's realized pnl attributed to the leader may
  /// fall this far from its peak; 0 = off.
  decimal max_leader_drawdown_usd = decimal::from_int(0);
  /// Liquidation-aware sizing: opens keep the estimated liquidation price
  /// at least this far from the mark; 0 = off.
  decimal min_liq_distance_pct = decimal::from_int(0);
};

struct paper_settings {
  int64_t latency_ms = 0;
  decimal slippage_pct = decimal::from_int(0);
  decimal starting_balance_usd = decimal::from_int(100000);
};

struct execution_settings {
  std::string order_type = "market"; ///< market | limit
  decimal price_offset_pct = decimal::parse_or_throw("0.02");
  int64_t tif_ms = 3000;
  decimal max_slippage_pct = decimal::parse_or_throw("0.2");
  decimal min_residual_usd = decimal::from_int(5);
  std::string client_id_prefix = "hlc"; ///< [A-Za-z0-9]{1,8}, per instance
  paper_settings paper;
};

struct supervision_settings {
  int max_restarts = 5;
  int64_t window_ms = 60000;
  int64_t backoff_initial_ms = 100;
  int64_t backoff_max_ms = 10000;
};

struct safety_settings {
  supervision_settings supervision;
  int64_t reconcile_interval_ms = 60000;
  decimal drift_warn_usd = decimal::from_int(50);
  decimal drift_critical_usd = decimal::from_int(500);
  decimal drift_warn_pct = decimal::from_int(5);
  decimal drift_critical_pct = decimal::from_int(20);
  bool auto_close = false;
  std::string heartbeat_file;
  int64_t heartbeat_interval_ms = 5000;
  int64_t shutdown_grace_ms = 10000;
};

struct storage_settings {
  std::string path = "hlcopy.db";
  int dedup_ttl_days = 7;
  int writer_batch = 256;
  int64_t writer_flush_ms = 50;
};

struct metrics_settings {
  bool enabled = true;
  std::string bind = "127.0.0.1:9464";
};

struct notifier_settings {
  bool stdout_enabled = true;
  bool telegram_enabled = false;
  std::string telegram_base_url = "https://api.telegram.org";
  std::string telegram_chat_id;
  std::string telegram_token_env = "HLC_TELEGRAM_TOKEN";
  int64_t dedup_window_ms = 60000;
  int rate_per_minute = 20;
  std::string min_severity = "info"; ///< info | warn | critical
};

/// Secrets, from the environment or a 0600 file only (SAF-4). Never logged,
/// never stored; `check-config` shows them as set/missing.
struct secrets {
  std::string binance_api_key;
  std::string binance_api_secret;
  std::string telegram_token;
};

struct settings {
  run_mode mode = run_mode::dry_run;
  std::string instance = "hlc"; ///< instance name, logs and run ids
  std::vector<leader_settings> leaders;
  symbol_settings symbols;
  hyperliquid_settings hyperliquid;
  binance_settings binance;
  strategy_settings strategy;
  risk_settings risk;
  execution_settings execution;
  safety_settings safety;
  storage_settings storage;
  logging_settings logging;
  metrics_settings metrics;
  notifier_settings notifier;
  secrets keys; ///< filled from the environment, never from the file
};

} // namespace hlc
