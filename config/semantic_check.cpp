#include "config/semantic_check.hpp"

#include "config/json_source.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace hlc {

namespace {

/// Thrown inside this file only; `check_settings` turns it into a result.
struct check_failure {
  config_error err;
};

[[noreturn]] void fail(std::string ptr, std::string msg) {
  throw check_failure{config_error{std::move(ptr), std::move(msg)}};
}

const decimal zero = decimal::from_int(0);
const decimal one = decimal::from_int(1);

void positive(const std::string& ptr, decimal x) {
  if (!x.is_positive()) fail(ptr, "must be > 0, got " + x.to_string());
}

void non_negative(const std::string& ptr, decimal x) {
  if (x.is_negative()) fail(ptr, "must be >= 0, got " + x.to_string());
}

void in_range(const std::string& ptr, decimal x, decimal lo, decimal hi,
              bool lo_open) {
  if ((lo_open ? x <= lo : x < lo) || x > hi)
    fail(ptr, "must be in " + std::string(lo_open ? "(" : "[") + lo.to_string()
                  + ", " + hi.to_string() + "], got " + x.to_string());
}

bool matches_charset(const std::string& s, size_t min, size_t max,
                     bool (*ok)(unsigned char)) {
  return s.size() >= min && s.size() <= max
         && std::all_of(s.begin(), s.end(), [ok](char c) {
              return ok(static_cast<unsigned char>(c));
            });
}

bool is_hex_address(const std::string& a) {
  return a.size() == 42 && a[0] == '0' && a[1] == 'x'
         && std::all_of(a.begin() + 2, a.end(), [](char c) {
              return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            });
}

/// Plain-text schemes (http, ws) only for loopback: a simulator on this
/// machine, never a remote venue in the clear (ING-1).
void check_url(const std::string& ptr, const std::string& url,
               std::string_view tls_scheme, std::string_view plain_scheme) {
  auto sep = url.find("://");
  if (sep == std::string::npos) fail(ptr, "not a URL");
  auto scheme = std::string_view{url}.substr(0, sep);
  if (scheme != tls_scheme && scheme != plain_scheme)
    fail(ptr, "scheme must be " + std::string(tls_scheme) + " (or "
                  + std::string(plain_scheme) + " for loopback)");
  auto rest = std::string_view{url}.substr(sep + 3);
  std::string_view host;
  if (!rest.empty() && rest[0] == '[') {
    host = rest.substr(0, rest.find(']') + 1);
  } else {
    host = rest.substr(0, rest.find_first_of(":/?"));
  }
  if (host.empty()) fail(ptr, "URL has no host");
  if (scheme == plain_scheme) {
    bool loopback
        = host == "localhost" || host == "[::1]" || host.substr(0, 4) == "127.";
    if (!loopback)
      fail(ptr, std::string(plain_scheme)
                    + ":// is only allowed for "
                      "loopback hosts; use "
                    + std::string(tls_scheme) + "://");
  }
}

void check_leaders(const settings& s) {
  if (s.leaders.empty()) fail("/leaders", "needs at least one leader");
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < s.leaders.size(); ++i) {
    auto& l = s.leaders[i];
    auto ptr = "/leaders/" + std::to_string(i);
    if (!is_hex_address(l.address))
      fail(ptr + "/address", "must be 0x followed by 40 lower-case hex digits");
    auto [it, added] = seen.emplace(l.address, i);
    if (!added)
      fail(ptr + "/address", "duplicate leader " + l.address
                                 + " (already /leaders/"
                                 + std::to_string(it->second) + ")");
    auto sz = ptr + "/sizing/";
    positive(sz + "ratio", l.sizing.ratio);
    positive(sz + "weight", l.sizing.weight);
    positive(sz + "fixed_usd", l.sizing.fixed_usd);
    in_range(sz + "kelly_fraction", l.sizing.kelly_fraction, zero, one, true);
    in_range(sz + "kelly_win_rate", l.sizing.kelly_win_rate, zero, one, false);
    positive(sz + "kelly_payoff", l.sizing.kelly_payoff);
    in_range(sz + "kelly_cap", l.sizing.kelly_cap, zero, one, true);
    if (l.sizing.kelly_min_trades < 1)
      fail(sz + "kelly_min_trades", "must be at least 1");
    if (l.sizing.kelly_shrink_trades < 0)
      fail(sz + "kelly_shrink_trades", "must be >= 0");
    non_negative(sz + "leader_equity_usd", l.sizing.leader_equity_usd);
  }
  if (seen.size() > 10)
    fail("/leaders", "has " + std::to_string(seen.size())
                         + " distinct leaders, at most 10 allowed (Hyperliquid "
                           "allows at most 10 distinct users per IP (ING-1))");
}

void check_symbols(const symbol_settings& x) {
  for (auto& [coin, ov] : x.overrides) {
    auto ptr = "/symbols/overrides/" + detail::pointer_token(coin);
    if (!matches_charset(ov.symbol, 2, 32, [](unsigned char c) {
          return std::isupper(c) != 0 || std::isdigit(c) != 0;
        }))
      fail(ptr + "/symbol", "must be a Binance symbol (A-Z, 0-9)");
    positive(ptr + "/multiplier", ov.multiplier);
  }
  std::set<std::string> allow(x.allow.begin(), x.allow.end());
  for (size_t i = 0; i < x.deny.size(); ++i)
    if (allow.count(x.deny[i]) > 0)
      fail("/symbols/deny/" + std::to_string(i),
           "coin " + x.deny[i] + " is both allowed and denied");
  positive("/symbols/max_mid_mark_deviation_pct", x.max_mid_mark_deviation_pct);
}

bool env_name_ok(const std::string& name) {
  return !name.empty() && name.size() <= 64
         && std::isdigit(static_cast<unsigned char>(name[0])) == 0
         && matches_charset(name, 1, 64, [](unsigned char c) {
              return std::isupper(c) != 0 || std::isdigit(c) != 0 || c == '_';
            });
}

void check_connectivity(const settings& s) {
  check_url("/hyperliquid/info_url", s.hyperliquid.info_url, "https", "http");
  check_url("/hyperliquid/ws_url", s.hyperliquid.ws_url, "wss", "ws");
  check_url("/binance/rest_url", s.binance.rest_url, "https", "http");
  check_url("/binance/ws_url", s.binance.ws_url, "wss", "ws");
  check_url("/notifier/telegram_base_url", s.notifier.telegram_base_url,
            "https", "http");
  auto& h = s.hyperliquid;
  if (h.ping_interval_ms < 1000 || h.ping_interval_ms > 55000)
    fail("/hyperliquid/ping_interval_ms",
         "must be in [1000, 55000]: Hyperliquid closes idle sockets after "
         "60 s (ING-1)");
  if (h.page_size < 1 || h.page_size > 2000)
    fail("/hyperliquid/page_size", "must be in [1, 2000] (ING-5)");
  if (h.reconnect_initial_ms > h.reconnect_max_ms)
    fail("/hyperliquid/reconnect_max_ms", "must be >= reconnect_initial_ms");
  auto& b = s.binance;
  if (b.recv_window_ms < 1 || b.recv_window_ms > 60000)
    fail("/binance/recv_window_ms", "must be in [1, 60000] (EXE-1)");
  if (!env_name_ok(b.api_key_env))
    fail("/binance/api_key_env", "must be an environment variable name");
  if (!env_name_ok(b.api_secret_env))
    fail("/binance/api_secret_env", "must be an environment variable name");
  if (!env_name_ok(s.notifier.telegram_token_env))
    fail("/notifier/telegram_token_env",
         "must be an environment variable name");
  if (b.leverage_mode != "follow" && b.leverage_mode != "fixed"
      && b.leverage_mode != "cap")
    fail("/binance/leverage_mode", "must be follow, fixed or cap");
  if (b.margin_type != "cross" && b.margin_type != "isolated")
    fail("/binance/margin_type", "must be cross or isolated");
  if (b.leverage < 1 || b.leverage > s.risk.max_leverage)
    fail("/binance/leverage", "must be in [1, risk.max_leverage = "
                                  + std::to_string(s.risk.max_leverage) + "]");
  if (s.metrics.enabled) {
    auto colon = s.metrics.bind.rfind(':');
    auto port = colon == std::string::npos ? std::string{}
                                           : s.metrics.bind.substr(colon + 1);
    if (colon == 0 || port.empty() || port.size() > 5
        || !std::all_of(port.begin(), port.end(),
                        [](char c) { return c >= '0' && c <= '9'; })
        || std::stoi(port) > 65535)
      fail("/metrics/bind", "must be host:port with a port up to 65535");
  }
  if (s.notifier.telegram_enabled && s.notifier.telegram_chat_id.empty())
    fail("/notifier/telegram_chat_id",
         "required when notifier.telegram_enabled is true");
}

void check_trading(const settings& s) {
  auto& st = s.strategy;
  non_negative("/strategy/max_dev_pct", st.max_dev_pct);
  non_negative("/strategy/max_dev_usd", st.max_dev_usd);
  auto& r = s.risk;
  positive("/risk/max_position_usd", r.max_position_usd);
  for (auto& [symbol, qty] : r.max_position_qty)
    positive("/risk/max_position_qty/" + detail::pointer_token(symbol), qty);
  positive("/risk/max_gross_usd", r.max_gross_usd);
  non_negative("/risk/max_drawdown_usd", r.max_drawdown_usd);
  non_negative("/risk/max_leader_drawdown_usd", r.max_leader_drawdown_usd);
  if (r.min_liq_distance_pct.is_negative()
      || r.min_liq_distance_pct >= decimal::from_int(100))
    fail("/risk/min_liq_distance_pct", "must be in [0, 100)");
  if (r.drawdown_action != trading_state::reducing
      && r.drawdown_action != trading_state::halted)
    fail("/risk/drawdown_action", "must be reducing or halted");
  auto& e = s.execution;
  if (e.order_type != "market" && e.order_type != "limit")
    fail("/execution/order_type", "must be market or limit");
  in_range("/execution/price_offset_pct", e.price_offset_pct, zero,
           decimal::parse_or_throw("0.05"), false);
  non_negative("/execution/max_slippage_pct", e.max_slippage_pct);
  non_negative("/execution/min_residual_usd", e.min_residual_usd);
  if (!matches_charset(e.client_id_prefix, 1, 8,
                       [](unsigned char c) { return std::isalnum(c) != 0; }))
    fail("/execution/client_id_prefix",
         "must match ^[A-Za-z0-9]{1,8}$ (EXE-4)");
  non_negative("/execution/paper/slippage_pct", e.paper.slippage_pct);
  positive("/execution/paper/starting_balance_usd",
           e.paper.starting_balance_usd);
}

void check_operations(const settings& s) {
  if (!matches_charset(s.instance, 1, 32, [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '_' || c == '-';
      }))
    fail("/instance", "must match ^[A-Za-z0-9_-]{1,32}$");
  auto& sf = s.safety;
  if (sf.supervision.backoff_initial_ms > sf.supervision.backoff_max_ms)
    fail("/safety/supervision/backoff_max_ms", "must be >= backoff_initial_ms");
  non_negative("/safety/drift_warn_usd", sf.drift_warn_usd);
  non_negative("/safety/drift_warn_pct", sf.drift_warn_pct);
  if (sf.drift_critical_usd < sf.drift_warn_usd)
    fail("/safety/drift_critical_usd", "must be >= drift_warn_usd");
  if (sf.drift_critical_pct < sf.drift_warn_pct)
    fail("/safety/drift_critical_pct", "must be >= drift_warn_pct");
  if (s.storage.path.empty()) fail("/storage/path", "must not be empty");
  auto& lg = s.logging;
  static const std::set<std::string> levels{"trace", "debug", "info",
                                            "warn",  "error", "critical"};
  if (levels.count(lg.level) == 0)
    fail("/logging/level",
         "must be trace, debug, info, warn, error or critical");
  if (lg.format != "json" && lg.format != "human")
    fail("/logging/format", "must be json or human");
  auto& sev = s.notifier.min_severity;
  if (sev != "info" && sev != "warn" && sev != "critical")
    fail("/notifier/min_severity", "must be info, warn or critical");
}

} // namespace

std::optional<config_error> check_settings(const settings& s) {
  try {
    check_leaders(s);
    check_symbols(s.symbols);
    check_connectivity(s);
    check_trading(s);
    check_operations(s);
    return std::nullopt;
  } catch (const check_failure& x) {
    return x.err;
  } catch (const std::exception& x) { // decimal arithmetic, stoi
    return config_error{"", x.what()};
  }
}

} // namespace hlc
