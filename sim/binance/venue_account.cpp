// Account endpoints: position mode, positionRisk v2/v3, account v2/v3,
// balance, leverage, marginType, listenKey.

#include "sim/binance/binance_venue.hpp"
#include "sim/binance/venue_util.hpp"

#include <cstring>

namespace hlc::sim::binance {

using detail::json;
using detail::kv;
using detail::required;

namespace {

constexpr int money = 8;

std::string zero_or(decimal x, int decimals) {
  return x.is_zero() ? std::string{"0"} : x.to_fixed(decimals);
}

std::string plain(decimal x) {
  return x.is_zero() ? std::string{"0"} : x.to_string();
}

// Maintenance margin rate of the first notional bracket (0.4 %).
const decimal maint_rate = decimal::parse_or_throw("0.004");

} // namespace

// -- position mode
// --------------------------------------------------------------

std::string binance_venue::get_dual(context&) {
  return json([&](json_writer& w) {
    w.StartObject();
    w.Key("dualSidePosition");
    w.Bool(account_.dual_side);
    w.EndObject();
  });
}

std::string binance_venue::post_dual(context& ctx) {
  auto v = required(ctx.params, "dualSidePosition");
  if (v != "true" && v != "false")
    throw errors::illegal_value("dualSidePosition");
  bool dual = v == "true";
  if (dual == account_.dual_side) throw errors::no_need_position_side();
  for (auto& [k, p] : account_.positions())
    if (!p.amount.is_zero()) throw errors::position_side_locked();
  for (auto* o : open_)
    if (o->is_open()) throw errors::position_side_locked();
  account_.dual_side = dual;
  return R"({"code":200,"msg":"success"})";
}

// -- positions
// ------------------------------------------------------------------

std::string binance_venue::get_position_risk_v2(context& ctx) {
  std::string only;
  if (ctx.params.has("symbol")) only = require_symbol(ctx).symbol;
  return json([&](json_writer& w) {
    w.StartArray();
    for (auto& s : cfg_.symbols) {
      if (!only.empty() && s.symbol != only) continue;
      auto& spec = specs_.at(s.symbol);
      auto mark = markets_.at(s.symbol).mark;
      std::vector<std::string> sides;
      if (account_.dual_side)
        sides = {"LONG", "SHORT"};
      else
        sides = {"BOTH"};
      for (auto& side : sides) {
        auto p = account_.peek(s.symbol, side);
        w.StartObject();
        kv(w, "symbol", s.symbol);
        kv(w, "positionAmt", p.amount.to_fixed(spec.quantity_precision));
        kv(w, "entryPrice", plain(p.entry_price));
        kv(w, "breakEvenPrice", plain(account_.break_even(p)));
        kv(w, "markPrice", mark.to_fixed(money));
        kv(w, "unRealizedProfit", account::unrealized(p, mark).to_fixed(money));
        kv(w, "liquidationPrice", "0");
        kv(w, "leverage", std::to_string(account_.leverage(s.symbol)));
        kv(w, "maxNotionalValue", "1000000");
        kv(w, "marginType", account_.isolated(s.symbol) ? "isolated" : "cross");
        kv(w, "isolatedMargin", "0.00000000");
        kv(w, "isAutoAddMargin", "false");
        kv(w, "positionSide", side);
        kv(w, "notional", plain(p.amount * mark));
        kv(w, "isolatedWallet", "0");
        w.Key("updateTime");
        w.Int64(p.update_time_ms);
        w.EndObject();
      }
    }
    w.EndArray();
  });
}

std::string binance_venue::get_position_risk_v3(context& ctx) {
  std::string only;
  if (ctx.params.has("symbol")) only = require_symbol(ctx).symbol;
  return json([&](json_writer& w) {
    w.StartArray();
    for (auto& [k, p] : account_.positions()) {
      if (!only.empty() && p.symbol != only) continue;
      bool has_orders = false;
      for (auto* o : open_)
        if (o->is_open() && o->symbol == p.symbol) has_orders = true;
      // v3 lists only symbols with a position or open orders.
      if (p.amount.is_zero() && !has_orders) continue;
      auto mark = markets_.at(p.symbol).mark;
      auto notional = p.amount * mark;
      auto im = account_.initial_margin(p, mark);
      auto mm = decimal::multiply(notional.abs(), maint_rate, money,
                                  rounding::half_up);
      // Simplified cross liquidation price: the wallet absorbs the loss.
      decimal liq;
      if (!p.amount.is_zero()) {
        auto cushion
            = decimal::divide(account_.wallet_balance - mm, p.amount.abs(),
                              money, rounding::half_up);
        liq = p.amount.is_positive() ? max(decimal{}, p.entry_price - cushion)
                                     : p.entry_price + cushion;
      }
      w.StartObject();
      kv(w, "symbol", p.symbol);
      kv(w, "positionSide", p.side);
      kv(w, "positionAmt", plain(p.amount));
      kv(w, "entryPrice", plain(p.entry_price));
      kv(w, "breakEvenPrice", plain(account_.break_even(p)));
      kv(w, "markPrice", mark.to_fixed(money));
      kv(w, "unRealizedProfit", account::unrealized(p, mark).to_fixed(money));
      kv(w, "liquidationPrice", zero_or(liq, money));
      kv(w, "isolatedMargin", "0");
      kv(w, "notional", notional.to_fixed(money));
      kv(w, "marginAsset", "USDT");
      kv(w, "isolatedWallet", "0");
      kv(w, "initialMargin", im.to_fixed(money));
      kv(w, "maintMargin", mm.to_fixed(money));
      kv(w, "positionInitialMargin", im.to_fixed(money));
      kv(w, "openOrderInitialMargin", "0");
      w.Key("adl");
      w.Int(2);
      kv(w, "bidNotional", plain(open_notional(p.symbol, true)));
      kv(w, "askNotional", plain(open_notional(p.symbol, false)));
      w.Key("updateTime");
      w.Int64(p.update_time_ms);
      w.EndObject();
    }
    w.EndArray();
  });
}

// -- account and balance
// ----------------------------------------------------------

std::string binance_venue::get_account(context& ctx, int version) {
  decimal upnl;
  decimal im;
  decimal mm;
  for (auto& [k, p] : account_.positions()) {
    auto mark = markets_.at(p.symbol).mark;
    upnl += account::unrealized(p, mark);
    im += account_.initial_margin(p, mark);
    mm += decimal::multiply((p.amount * mark).abs(), maint_rate, money,
                            rounding::half_up);
  }
  auto wallet = account_.wallet_balance;
  auto avail = available_balance();
  auto withdraw = max(decimal{}, min(avail, wallet));
  auto f = [](decimal x) { return x.to_fixed(money); };
  if (version < 0) { // /fapi/v2|v3/balance
    return json([&](json_writer& w) {
      w.StartArray();
      w.StartObject();
      kv(w, "accountAlias", "SgsR");
      kv(w, "asset", "USDT");
      kv(w, "balance", f(wallet));
      kv(w, "crossWalletBalance", f(wallet));
      kv(w, "crossUnPnl", f(upnl));
      kv(w, "availableBalance", f(avail));
      kv(w, "maxWithdrawAmount", f(withdraw));
      w.Key("marginAvailable");
      w.Bool(true);
      w.Key("updateTime");
      w.Int64(ctx.now_ms);
      w.EndObject();
      w.EndArray();
    });
  }
  return json([&](json_writer& w) {
    w.StartObject();
    if (version == 2) {
      w.Key("feeTier");
      w.Int(0);
      w.Key("canTrade");
      w.Bool(true);
      w.Key("canDeposit");
      w.Bool(true);
      w.Key("canWithdraw");
      w.Bool(true);
      w.Key("tradeGroupId");
      w.Int(-1);
      w.Key("updateTime");
      w.Int(0);
      w.Key("multiAssetsMargin");
      w.Bool(false);
    }
    kv(w, "totalInitialMargin", f(im));
    kv(w, "totalMaintMargin", f(mm));
    kv(w, "totalWalletBalance", f(wallet));
    kv(w, "totalUnrealizedProfit", f(upnl));
    kv(w, "totalMarginBalance", f(wallet + upnl));
    kv(w, "totalPositionInitialMargin", f(im));
    kv(w, "totalOpenOrderInitialMargin", f(decimal{}));
    kv(w, "totalCrossWalletBalance", f(wallet));
    kv(w, "totalCrossUnPnl", f(upnl));
    kv(w, "availableBalance", f(avail));
    kv(w, "maxWithdrawAmount", f(withdraw));
    w.Key("assets");
    w.StartArray();
    w.StartObject();
    kv(w, "asset", "USDT");
    kv(w, "walletBalance", f(wallet));
    kv(w, "unrealizedProfit", f(upnl));
    kv(w, "marginBalance", f(wallet + upnl));
    kv(w, "maintMargin", f(mm));
    kv(w, "initialMargin", f(im));
    kv(w, "positionInitialMargin", f(im));
    kv(w, "openOrderInitialMargin", f(decimal{}));
    if (version == 2) kv(w, "maxWithdrawAmount", f(withdraw));
    kv(w, "crossWalletBalance", f(wallet));
    kv(w, "crossUnPnl", f(upnl));
    kv(w, "availableBalance", f(avail));
    if (version != 2) kv(w, "maxWithdrawAmount", f(withdraw));
    if (version == 2) {
      w.Key("marginAvailable");
      w.Bool(true);
    }
    w.Key("updateTime");
    w.Int64(ctx.now_ms);
    w.EndObject();
    w.EndArray();
    w.Key("positions");
    w.StartArray();
    for (auto& [k, p] : account_.positions()) {
      if (version == 3 && p.amount.is_zero()) continue;
      auto mark = markets_.at(p.symbol).mark;
      w.StartObject();
      kv(w, "symbol", p.symbol);
      kv(w, "positionSide", p.side);
      kv(w, "positionAmt", plain(p.amount));
      kv(w, "unrealizedProfit", f(account::unrealized(p, mark)));
      kv(w, "isolatedMargin", "0");
      kv(w, "notional", f(p.amount * mark));
      kv(w, "isolatedWallet", "0");
      kv(w, "initialMargin", f(account_.initial_margin(p, mark)));
      kv(w, "maintMargin",
         f(decimal::multiply((p.amount * mark).abs(), maint_rate, money,
                             rounding::half_up)));
      w.Key("updateTime");
      w.Int64(p.update_time_ms);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

// -- settings
// -------------------------------------------------------------------

std::string binance_venue::post_leverage(context& ctx) {
  auto& spec = require_symbol(ctx);
  auto lev = detail::int_param(required(ctx.params, "leverage"), "leverage");
  if (lev < 1 || lev > spec.max_leverage) throw errors::invalid_leverage();
  account_.set_leverage(spec.symbol, static_cast<int>(lev));
  return json([&](json_writer& w) {
    w.StartObject();
    w.Key("leverage");
    w.Int(static_cast<int>(lev));
    kv(w, "maxNotionalValue", "1000000");
    kv(w, "symbol", spec.symbol);
    w.EndObject();
  });
}

/// Notional brackets per symbol (`GET /fapi/v1/leverageBracket`). Real
/// tables have up to ten brackets; three with the symbol's max leverage at
/// the bottom keep the shape (numbers as JSON numbers, as Binance sends).
std::string binance_venue::get_leverage_bracket(context& ctx) {
  auto write_symbol = [](json_writer& w, const symbol_spec& spec) {
    struct bracket {
      int divisor;
      int64_t floor;
      int64_t cap;
      const char* mmr; // written as a JSON number, never through double
      int64_t cum;
    };
    const bracket table[] = {{1, 0, 50000, "0.004", 0},
                             {2, 50000, 500000, "0.005", 50},
                             {5, 500000, 10000000, "0.01", 2550}};
    w.StartObject();
    kv(w, "symbol", spec.symbol);
    w.Key("brackets");
    w.StartArray();
    int n = 1;
    for (auto& b : table) {
      w.StartObject();
      w.Key("bracket");
      w.Int(n++);
      w.Key("initialLeverage");
      w.Int(std::max(1, spec.max_leverage / b.divisor));
      w.Key("notionalCap");
      w.Int64(b.cap);
      w.Key("notionalFloor");
      w.Int64(b.floor);
      w.Key("maintMarginRatio");
      w.RawValue(b.mmr, std::strlen(b.mmr), rapidjson::kNumberType);
      w.Key("cum");
      w.Int64(b.cum);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  };
  if (ctx.params.has("symbol")) {
    auto& spec = require_symbol(ctx);
    return json([&](json_writer& w) { write_symbol(w, spec); });
  }
  return json([&](json_writer& w) {
    w.StartArray();
    for (auto& s : cfg_.symbols)
      write_symbol(w, specs_.at(s.symbol));
    w.EndArray();
  });
}

std::string binance_venue::post_margin_type(context& ctx) {
  auto& spec = require_symbol(ctx);
  auto type = required(ctx.params, "marginType");
  if (type != "ISOLATED" && type != "CROSSED")
    throw errors::illegal_value("marginType");
  bool isolated = type == "ISOLATED";
  if (isolated == account_.isolated(spec.symbol))
    throw errors::no_need_margin_type();
  account_.set_isolated(spec.symbol, isolated);
  return R"({"code":200,"msg":"success"})";
}

// -- listenKey
// ------------------------------------------------------------------

std::string binance_venue::post_listen_key(context& ctx) {
  stream_.poll(ctx.now_ms * 1000);
  auto key = stream_.open(ctx.now_ms);
  return json([&](json_writer& w) {
    w.StartObject();
    kv(w, "listenKey", key);
    w.EndObject();
  });
}

std::string binance_venue::put_listen_key(context& ctx) {
  stream_.poll(ctx.now_ms * 1000);
  if (auto k = ctx.params.get("listenKey"); k && *k != stream_.key())
    throw errors::invalid_listen_key();
  if (!stream_.keepalive(ctx.now_ms)) throw errors::invalid_listen_key();
  return json([&](json_writer& w) {
    w.StartObject();
    kv(w, "listenKey", stream_.key());
    w.EndObject();
  });
}

std::string binance_venue::delete_listen_key(context& ctx) {
  stream_.poll(ctx.now_ms * 1000);
  if (!stream_.close(ctx.now_ms)) throw errors::invalid_listen_key();
  return "{}";
}

} // namespace hlc::sim::binance
