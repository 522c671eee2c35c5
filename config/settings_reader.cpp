#include "config/settings_reader.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace hlc::detail {

namespace {

using rapidjson::Value;

/// Thrown inside this file only; `read_settings` turns it into a result.
struct read_failure {
  config_error err;
};

[[noreturn]] void fail(std::string ptr, std::string msg) {
  throw read_failure{config_error{std::move(ptr), std::move(msg)}};
}

/// One place in both parse trees.
struct node {
  const Value& v; ///< ordinary numbers
  const Value& t; ///< numbers as source text
  std::string ptr;

  /// The member `key`, if present.
  std::optional<node> get(std::string_view key) const {
    if (!v.IsObject()) fail(ptr, "expected an object");
    auto i = v.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
    auto j = t.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
    if (i == v.MemberEnd() || j == t.MemberEnd()) return std::nullopt;
    return node{i->value, j->value, ptr + "/" + pointer_token(key)};
  }

  node at(rapidjson::SizeType index) const {
    return node{v[index], t[index], ptr + "/" + std::to_string(index)};
  }
};

void read(const node& obj, std::string_view key, std::string& out) {
  if (auto n = obj.get(key)) {
    if (!n->v.IsString()) fail(n->ptr, "expected a string");
    out.assign(n->v.GetString(), n->v.GetStringLength());
  }
}

void read(const node& obj, std::string_view key, bool& out) {
  if (auto n = obj.get(key)) {
    if (!n->v.IsBool()) fail(n->ptr, "expected a boolean");
    out = n->v.GetBool();
  }
}

void read(const node& obj, std::string_view key, int64_t& out) {
  if (auto n = obj.get(key)) {
    if (!n->v.IsInt64()) fail(n->ptr, "expected an integer within 64 bits");
    out = n->v.GetInt64();
  }
}

void read(const node& obj, std::string_view key, int& out) {
  int64_t x = out;
  read(obj, key, x);
  if (x < std::numeric_limits<int>::min()
      || x > std::numeric_limits<int>::max())
    fail(obj.ptr + "/" + pointer_token(key), "integer out of range");
  out = static_cast<int>(x);
}

decimal to_decimal(const node& n) {
  // `t` holds the exact source text whether it was written as a string or a
  // number; a double never sees the value.
  if (!n.t.IsString()) fail(n.ptr, "expected a decimal (string or number)");
  std::string_view text{n.t.GetString(), n.t.GetStringLength()};
  auto d = decimal::parse(text);
  if (!d)
    fail(n.ptr, "not a plain decimal: " + quote_for_message(text)
                    + " (write digits with an optional fraction, no exponent, "
                      "at most 18 decimals)");
  return *d;
}

void read(const node& obj, std::string_view key, decimal& out) {
  if (auto n = obj.get(key)) out = to_decimal(*n);
}

void read(const node& obj, std::string_view key,
          std::vector<std::string>& out) {
  if (auto n = obj.get(key)) {
    if (!n->v.IsArray()) fail(n->ptr, "expected an array of strings");
    out.clear();
    for (rapidjson::SizeType i = 0; i < n->v.Size(); ++i) {
      auto e = n->at(i);
      if (!e.v.IsString()) fail(e.ptr, "expected a string");
      out.emplace_back(e.v.GetString(), e.v.GetStringLength());
    }
  }
}

/// Reads an enum through its `from_string`.
template <class Enum, class Parse>
void read_enum(const node& obj, std::string_view key, Enum& out, Parse parse) {
  std::string text;
  read(obj, key, text);
  if (auto n = obj.get(key)) {
    auto x = parse(text);
    if (!x) fail(n->ptr, "unknown value " + quote_for_message(text));
    out = *x;
  }
}

/// Calls `f(node)` when the object member `key` exists.
template <class F>
void section(const node& obj, std::string_view key, F f) {
  if (auto n = obj.get(key)) {
    if (!n->v.IsObject()) fail(n->ptr, "expected an object");
    f(*n);
  }
}

void read_sizing(const node& n, sizing_settings& x) {
  read_enum(n, "mode", x.mode, sizing_mode_from_string);
  read(n, "ratio", x.ratio);
  read(n, "weight", x.weight);
  read(n, "fixed_usd", x.fixed_usd);
  read(n, "kelly_fraction", x.kelly_fraction);
  read(n, "kelly_win_rate", x.kelly_win_rate);
  read(n, "kelly_payoff", x.kelly_payoff);
  read(n, "kelly_cap", x.kelly_cap);
  read_enum(n, "kelly_source", x.kelly_from, kelly_source_from_string);
  read(n, "kelly_min_trades", x.kelly_min_trades);
  read(n, "kelly_shrink_trades", x.kelly_shrink_trades);
  read(n, "leader_equity_usd", x.leader_equity_usd);
}

void read_leaders(const node& root, std::vector<leader_settings>& out) {
  auto n = root.get("leaders");
  if (!n) fail("/leaders", "required option is missing");
  if (!n->v.IsArray()) fail(n->ptr, "expected an array");
  for (rapidjson::SizeType i = 0; i < n->v.Size(); ++i) {
    auto e = n->at(i);
    leader_settings x;
    read(e, "address", x.address);
    std::transform(x.address.begin(), x.address.end(), x.address.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    read(e, "name", x.name);
    read(e, "enabled", x.enabled);
    section(e, "sizing", [&](const node& s) { read_sizing(s, x.sizing); });
    out.push_back(std::move(x));
  }
}

void read_symbols(const node& n, symbol_settings& x) {
  if (auto o = n.get("overrides")) {
    if (!o->v.IsObject()) fail(o->ptr, "expected an object");
    for (auto& m : o->v.GetObject()) {
      std::string coin{m.name.GetString(), m.name.GetStringLength()};
      auto e = o->get(coin);
      symbol_override ov;
      read(*e, "symbol", ov.symbol);
      read(*e, "multiplier", ov.multiplier);
      read(*e, "enabled", ov.enabled);
      x.overrides[coin] = std::move(ov);
    }
  }
  read(n, "allow", x.allow);
  read(n, "deny", x.deny);
  read(n, "max_mid_mark_deviation_pct", x.max_mid_mark_deviation_pct);
}

void read_hyperliquid(const node& n, hyperliquid_settings& x) {
  read(n, "info_url", x.info_url);
  read(n, "ws_url", x.ws_url);
  read(n, "ws_stale_ms", x.ws_stale_ms);
  read(n, "ping_interval_ms", x.ping_interval_ms);
  read(n, "backfill_window_ms", x.backfill_window_ms);
  read(n, "page_size", x.page_size);
  read(n, "reconnect_initial_ms", x.reconnect_initial_ms);
  read(n, "reconnect_max_ms", x.reconnect_max_ms);
  read(n, "subscribe_user_events", x.subscribe_user_events);
  read(n, "subscribe_order_updates", x.subscribe_order_updates);
}

void read_binance(const node& n, binance_settings& x) {
  read(n, "rest_url", x.rest_url);
  read(n, "ws_url", x.ws_url);
  read(n, "recv_window_ms", x.recv_window_ms);
  read(n, "request_timeout_ms", x.request_timeout_ms);
  read(n, "api_key_env", x.api_key_env);
  read(n, "api_secret_env", x.api_secret_env);
  read(n, "secrets_file", x.secrets_file);
  read(n, "allow_hedge_mode", x.allow_hedge_mode);
  read(n, "leverage_mode", x.leverage_mode);
  read(n, "leverage", x.leverage);
  read(n, "margin_type", x.margin_type);
}

void read_strategy(const node& n, strategy_settings& x) {
  read(n, "max_fill_age_ms", x.max_fill_age_ms);
  read(n, "max_stale_ms", x.max_stale_ms);
  read(n, "max_dev_pct", x.max_dev_pct);
  read(n, "max_dev_usd", x.max_dev_usd);
  read_enum(n, "on_liquidation", x.on_liquidation,
            liquidation_policy_from_string);
  read(n, "copy_existing_positions", x.copy_existing_positions);
  read(n, "trust_local", x.trust_local);
}

void read_risk(const node& n, risk_settings& x) {
  read(n, "max_position_usd", x.max_position_usd);
  if (auto q = n.get("max_position_qty")) {
    if (!q->v.IsObject()) fail(q->ptr, "expected an object");
    for (auto& m : q->v.GetObject()) {
      std::string symbol{m.name.GetString(), m.name.GetStringLength()};
      x.max_position_qty[symbol] = to_decimal(*q->get(symbol));
    }
  }
  read(n, "max_gross_usd", x.max_gross_usd);
  read(n, "max_leverage", x.max_leverage);
  read(n, "max_open_symbols", x.max_open_symbols);
  read(n, "max_drawdown_usd", x.max_drawdown_usd);
  read_enum(n, "drawdown_action", x.drawdown_action,
            drawdown_action_from_string);
  read(n, "max_leader_drawdown_usd", x.max_leader_drawdown_usd);
  read(n, "min_liq_distance_pct", x.min_liq_distance_pct);
}

void read_execution(const node& n, execution_settings& x) {
  read(n, "order_type", x.order_type);
  read(n, "price_offset_pct", x.price_offset_pct);
  read(n, "tif_ms", x.tif_ms);
  read(n, "max_slippage_pct", x.max_slippage_pct);
  read(n, "min_residual_usd", x.min_residual_usd);
  read(n, "client_id_prefix", x.client_id_prefix);
  section(n, "paper", [&](const node& p) {
    read(p, "latency_ms", x.paper.latency_ms);
    read(p, "slippage_pct", x.paper.slippage_pct);
    read(p, "starting_balance_usd", x.paper.starting_balance_usd);
  });
}

void read_safety(const node& n, safety_settings& x) {
  section(n, "supervision", [&](const node& s) {
    read(s, "max_restarts", x.supervision.max_restarts);
    read(s, "window_ms", x.supervision.window_ms);
    read(s, "backoff_initial_ms", x.supervision.backoff_initial_ms);
    read(s, "backoff_max_ms", x.supervision.backoff_max_ms);
  });
  read(n, "reconcile_interval_ms", x.reconcile_interval_ms);
  read(n, "drift_warn_usd", x.drift_warn_usd);
  read(n, "drift_critical_usd", x.drift_critical_usd);
  read(n, "drift_warn_pct", x.drift_warn_pct);
  read(n, "drift_critical_pct", x.drift_critical_pct);
  read(n, "auto_close", x.auto_close);
  read(n, "heartbeat_file", x.heartbeat_file);
  read(n, "heartbeat_interval_ms", x.heartbeat_interval_ms);
  read(n, "shutdown_grace_ms", x.shutdown_grace_ms);
}

void read_storage(const node& n, storage_settings& x) {
  read(n, "path", x.path);
  read(n, "dedup_ttl_days", x.dedup_ttl_days);
  read(n, "writer_batch", x.writer_batch);
  read(n, "writer_flush_ms", x.writer_flush_ms);
}

void read_logging(const node& n, logging_settings& x) {
  read(n, "level", x.level);
  read(n, "format", x.format);
  read(n, "file", x.file);
  read(n, "rotate_mb", x.rotate_mb);
  read(n, "rotate_files", x.rotate_files);
}

void read_metrics(const node& n, metrics_settings& x) {
  read(n, "enabled", x.enabled);
  read(n, "bind", x.bind);
}

void read_notifier(const node& n, notifier_settings& x) {
  read(n, "stdout_enabled", x.stdout_enabled);
  read(n, "telegram_enabled", x.telegram_enabled);
  read(n, "telegram_base_url", x.telegram_base_url);
  read(n, "telegram_chat_id", x.telegram_chat_id);
  read(n, "telegram_token_env", x.telegram_token_env);
  read(n, "dedup_window_ms", x.dedup_window_ms);
  read(n, "rate_per_minute", x.rate_per_minute);
  read(n, "min_severity", x.min_severity);
}

} // namespace

config_result<settings> read_settings(const json_source& src) {
  try {
    node root{src.values, src.texts, ""};
    if (!root.v.IsObject()) fail("", "expected a JSON object at the top level");
    settings s;
    if (auto m = root.get("mode")) {
      if (!m->v.IsString()) fail(m->ptr, "expected a string");
      auto mode = run_mode_from_string(m->v.GetString());
      if (!mode)
        fail(m->ptr, "unknown mode " + quote_for_message(m->v.GetString())
                         + "; expected live, dry-run, backfill-only or replay");
      s.mode = *mode;
    }
    read(root, "instance", s.instance);
    read_leaders(root, s.leaders);
    section(root, "symbols",
            [&](const node& n) { read_symbols(n, s.symbols); });
    section(root, "hyperliquid",
            [&](const node& n) { read_hyperliquid(n, s.hyperliquid); });
    section(root, "binance",
            [&](const node& n) { read_binance(n, s.binance); });
    section(root, "strategy",
            [&](const node& n) { read_strategy(n, s.strategy); });
    section(root, "risk", [&](const node& n) { read_risk(n, s.risk); });
    section(root, "execution",
            [&](const node& n) { read_execution(n, s.execution); });
    section(root, "safety", [&](const node& n) { read_safety(n, s.safety); });
    section(root, "storage",
            [&](const node& n) { read_storage(n, s.storage); });
    section(root, "logging",
            [&](const node& n) { read_logging(n, s.logging); });
    section(root, "metrics",
            [&](const node& n) { read_metrics(n, s.metrics); });
    section(root, "notifier",
            [&](const node& n) { read_notifier(n, s.notifier); });
    return s;
  } catch (const read_failure& x) {
    return x.err;
  }
}

} // namespace hlc::detail
