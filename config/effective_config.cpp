#include "config/effective_config.hpp"

#include <openssl/evp.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace hlc {

namespace {

/// Writes the settings; one function for both writers so the hashed form and
/// the printed form cannot diverge.
template <class Writer>
class settings_writer {
public:
  explicit settings_writer(Writer& w) : w_(w) {
    // nop
  }

  void all(const settings& s, bool with_secrets) {
    w_.StartObject();
    str("mode", to_string(s.mode));
    str("instance", s.instance);
    key("leaders");
    w_.StartArray();
    for (auto& l : s.leaders)
      leader(l);
    w_.EndArray();
    symbols(s.symbols);
    hyperliquid(s.hyperliquid);
    binance(s.binance);
    strategy(s.strategy);
    risk(s.risk);
    execution(s.execution);
    safety(s.safety);
    storage(s.storage);
    logging(s.logging);
    metrics(s.metrics);
    notifier(s.notifier);
    if (with_secrets) {
      begin("secrets");
      auto state
          = [](const std::string& v) { return v.empty() ? "missing" : "set"; };
      str("binance_api_key", state(s.keys.binance_api_key));
      str("binance_api_secret", state(s.keys.binance_api_secret));
      str("telegram_token", state(s.keys.telegram_token));
      w_.EndObject();
    }
    w_.EndObject();
  }

private:
  void key(std::string_view k) {
    w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
  }

  void begin(std::string_view k) {
    key(k);
    w_.StartObject();
  }

  void str(std::string_view k, std::string_view v) {
    key(k);
    w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }

  void dec(std::string_view k, decimal v) { str(k, v.to_string()); }

  void boolean(std::string_view k, bool v) {
    key(k);
    w_.Bool(v);
  }

  void integer(std::string_view k, int64_t v) {
    key(k);
    w_.Int64(v);
  }

  void strings(std::string_view k, const std::vector<std::string>& xs) {
    key(k);
    w_.StartArray();
    for (auto& x : xs)
      w_.String(x.data(), static_cast<rapidjson::SizeType>(x.size()));
    w_.EndArray();
  }

  void leader(const leader_settings& l) {
    w_.StartObject();
    str("address", l.address);
    str("name", l.name);
    boolean("enabled", l.enabled);
    begin("sizing");
    str("mode", to_string(l.sizing.mode));
    dec("ratio", l.sizing.ratio);
    dec("weight", l.sizing.weight);
    dec("fixed_usd", l.sizing.fixed_usd);
    dec("kelly_fraction", l.sizing.kelly_fraction);
    dec("kelly_win_rate", l.sizing.kelly_win_rate);
    dec("kelly_payoff", l.sizing.kelly_payoff);
    dec("kelly_cap", l.sizing.kelly_cap);
    str("kelly_source", to_string(l.sizing.kelly_from));
    integer("kelly_min_trades", l.sizing.kelly_min_trades);
    integer("kelly_shrink_trades", l.sizing.kelly_shrink_trades);
    dec("leader_equity_usd", l.sizing.leader_equity_usd);
    w_.EndObject();
    w_.EndObject();
  }

  void symbols(const symbol_settings& x) {
    begin("symbols");
    begin("overrides");
    for (auto& [coin, ov] : x.overrides) {
      begin(coin);
      str("symbol", ov.symbol);
      dec("multiplier", ov.multiplier);
      boolean("enabled", ov.enabled);
      w_.EndObject();
    }
    w_.EndObject();
    strings("allow", x.allow);
    strings("deny", x.deny);
    dec("max_mid_mark_deviation_pct", x.max_mid_mark_deviation_pct);
    w_.EndObject();
  }

  void hyperliquid(const hyperliquid_settings& x) {
    begin("hyperliquid");
    str("info_url", x.info_url);
    str("ws_url", x.ws_url);
    integer("ws_stale_ms", x.ws_stale_ms);
    integer("ping_interval_ms", x.ping_interval_ms);
    integer("backfill_window_ms", x.backfill_window_ms);
    integer("page_size", x.page_size);
    integer("reconnect_initial_ms", x.reconnect_initial_ms);
    integer("reconnect_max_ms", x.reconnect_max_ms);
    boolean("subscribe_user_events", x.subscribe_user_events);
    boolean("subscribe_order_updates", x.subscribe_order_updates);
    w_.EndObject();
  }

  void binance(const binance_settings& x) {
    begin("binance");
    str("rest_url", x.rest_url);
    str("ws_url", x.ws_url);
    integer("recv_window_ms", x.recv_window_ms);
    integer("request_timeout_ms", x.request_timeout_ms);
    str("api_key_env", x.api_key_env);
    str("api_secret_env", x.api_secret_env);
    str("secrets_file", x.secrets_file);
    boolean("allow_hedge_mode", x.allow_hedge_mode);
    str("leverage_mode", x.leverage_mode);
    integer("leverage", x.leverage);
    str("margin_type", x.margin_type);
    w_.EndObject();
  }

  void strategy(const strategy_settings& x) {
    begin("strategy");
    integer("max_fill_age_ms", x.max_fill_age_ms);
    integer("max_stale_ms", x.max_stale_ms);
    dec("max_dev_pct", x.max_dev_pct);
    dec("max_dev_usd", x.max_dev_usd);
    str("on_liquidation", to_string(x.on_liquidation));
    boolean("copy_existing_positions", x.copy_existing_positions);
    boolean("trust_local", x.trust_local);
    w_.EndObject();
  }

  void risk(const risk_settings& x) {
    begin("risk");
    dec("max_position_usd", x.max_position_usd);
    begin("max_position_qty");
    for (auto& [symbol, qty] : x.max_position_qty)
      dec(symbol, qty);
    w_.EndObject();
    dec("max_gross_usd", x.max_gross_usd);
    integer("max_leverage", x.max_leverage);
    integer("max_open_symbols", x.max_open_symbols);
    dec("max_drawdown_usd", x.max_drawdown_usd);
    str("drawdown_action", drawdown_action_to_string(x.drawdown_action));
    dec("max_leader_drawdown_usd", x.max_leader_drawdown_usd);
    dec("min_liq_distance_pct", x.min_liq_distance_pct);
    w_.EndObject();
  }

  void execution(const execution_settings& x) {
    begin("execution");
    str("order_type", x.order_type);
    dec("price_offset_pct", x.price_offset_pct);
    integer("tif_ms", x.tif_ms);
    dec("max_slippage_pct", x.max_slippage_pct);
    dec("min_residual_usd", x.min_residual_usd);
    str("client_id_prefix", x.client_id_prefix);
    begin("paper");
    integer("latency_ms", x.paper.latency_ms);
    dec("slippage_pct", x.paper.slippage_pct);
    dec("starting_balance_usd", x.paper.starting_balance_usd);
    w_.EndObject();
    w_.EndObject();
  }

  void safety(const safety_settings& x) {
    begin("safety");
    begin("supervision");
    integer("max_restarts", x.supervision.max_restarts);
    integer("window_ms", x.supervision.window_ms);
    integer("backoff_initial_ms", x.supervision.backoff_initial_ms);
    integer("backoff_max_ms", x.supervision.backoff_max_ms);
    w_.EndObject();
    integer("reconcile_interval_ms", x.reconcile_interval_ms);
    dec("drift_warn_usd", x.drift_warn_usd);
    dec("drift_critical_usd", x.drift_critical_usd);
    dec("drift_warn_pct", x.drift_warn_pct);
    dec("drift_critical_pct", x.drift_critical_pct);
    boolean("auto_close", x.auto_close);
    str("heartbeat_file", x.heartbeat_file);
    integer("heartbeat_interval_ms", x.heartbeat_interval_ms);
    integer("shutdown_grace_ms", x.shutdown_grace_ms);
    w_.EndObject();
  }

  void storage(const storage_settings& x) {
    begin("storage");
    str("path", x.path);
    integer("dedup_ttl_days", x.dedup_ttl_days);
    integer("writer_batch", x.writer_batch);
    integer("writer_flush_ms", x.writer_flush_ms);
    w_.EndObject();
  }

  void logging(const logging_settings& x) {
    begin("logging");
    str("level", x.level);
    str("format", x.format);
    str("file", x.file);
    integer("rotate_mb", x.rotate_mb);
    integer("rotate_files", x.rotate_files);
    w_.EndObject();
  }

  void metrics(const metrics_settings& x) {
    begin("metrics");
    boolean("enabled", x.enabled);
    str("bind", x.bind);
    w_.EndObject();
  }

  void notifier(const notifier_settings& x) {
    begin("notifier");
    boolean("stdout_enabled", x.stdout_enabled);
    boolean("telegram_enabled", x.telegram_enabled);
    str("telegram_base_url", x.telegram_base_url);
    str("telegram_chat_id", x.telegram_chat_id);
    str("telegram_token_env", x.telegram_token_env);
    integer("dedup_window_ms", x.dedup_window_ms);
    integer("rate_per_minute", x.rate_per_minute);
    str("min_severity", x.min_severity);
    w_.EndObject();
  }

  Writer& w_;
};

template <class Writer>
std::string serialize(const settings& s, bool with_secrets) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  if constexpr (std::is_same_v<
                    Writer, rapidjson::PrettyWriter<rapidjson::StringBuffer>>)
    w.SetIndent(' ', 2);
  settings_writer<Writer>{w}.all(s, with_secrets);
  return {buf.GetString(), buf.GetSize()};
}

} // namespace

std::string effective_config_json(const settings& s, bool pretty) {
  return pretty
             ? serialize<rapidjson::PrettyWriter<rapidjson::StringBuffer>>(s,
                                                                           true)
             : serialize<rapidjson::Writer<rapidjson::StringBuffer>>(s, true);
}

std::string config_hash(const settings& s) {
  auto canonical
      = serialize<rapidjson::Writer<rapidjson::StringBuffer>>(s, false);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(canonical.data(), canonical.size(), digest, &len, EVP_sha256(),
                 nullptr)
      != 1)
    throw std::runtime_error("SHA-256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string result;
  for (unsigned int i = 0; i < len; ++i) {
    result += hex[digest[i] >> 4];
    result += hex[digest[i] & 0x0f];
  }
  return result;
}

} // namespace hlc
