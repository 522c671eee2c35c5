#include "apps/hlcopy/report.hpp"

#include "persistence/database.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/skip_repo.hpp"
#include "persistence/strategy_state_repo.hpp"
#include "persistence/system_state_repo.hpp"

#include <iomanip>
#include <set>
#include <sstream>

namespace hlc {

replay_report
build_report(const settings& cfg, const replay_counters& c,
             const market_snapshot& market, const std::string& source,
             const std::map<std::string, decimal>* venue_positions) {
  replay_report r;
  r.source = source;
  r.counters = c;
  auto db = database::open(cfg.storage.path);
  for (auto& [reason, n] : skip_repo{db}.counts_by_reason())
    r.skips_by_reason[std::string{to_string(reason)}] = n;
  for (auto& [state, n] : order_repo{db}.counts_by_state())
    r.orders_by_state[std::string{to_string(state)}] = n;
  if (auto s = system_state_repo{db}.load())
    r.trading_state = std::string{to_string(s->change.state)} + " ("
                      + std::string{to_string(s->change.reason)} + ")";
  std::map<std::string, symbol_report> by_symbol;
  std::map<std::string, std::set<std::string>> coins;
  std::map<std::string, decimal> unmapped;
  auto mode_of = [&](const std::string& leader) {
    for (auto& l : cfg.leaders)
      if (l.address == leader) return l.sizing.mode;
    return sizing_mode::ratio;
  };
  for (auto& row : strategy_state_repo{db}.load_all()) {
    if (mode_of(row.leader) != sizing_mode::ratio && !row.symbol.empty())
      r.sizing.push_back(sizing_report{
          row.leader, row.coin, std::string{to_string(mode_of(row.leader))},
          row.k, row.leader_position});
    if (row.symbol.empty()) {
      unmapped[row.coin] += row.leader_position;
      continue;
    }
    auto& s = by_symbol[row.symbol];
    s.symbol = row.symbol;
    s.leader_position += row.leader_position;
    s.target += row.attributed_qty;
    coins[row.symbol].insert(row.coin);
  }
  // Row by row: the report must not hold every order of a long replay.
  order_repo{db}.for_each_traded(
      [&](const std::string& symbol, order_state state, decimal filled) {
        if (state != order_state::filled && filled.is_zero()) return;
        auto& s = by_symbol[symbol];
        s.symbol = symbol;
        s.orders += state == order_state::filled ? 1 : 0;
        s.traded += filled;
      });
  std::map<std::string, decimal> positions;
  if (venue_positions)
    positions = *venue_positions;
  else
    for (auto& p : position_repo{db}.load_book("paper"))
      positions[p.symbol] = p.qty;
  for (auto& [symbol, qty] : positions) {
    // Binance lists every symbol; only those we traded belong here.
    if (venue_positions && qty.is_zero() && by_symbol.count(symbol) == 0)
      continue;
    auto& s = by_symbol[symbol];
    s.symbol = symbol;
    s.position = qty;
  }
  std::map<std::string, std::set<std::string>> skip_kinds;
  for (auto& [symbol, reasons] : skip_repo{db}.reasons_by_symbol())
    for (auto reason : reasons)
      skip_kinds[symbol].insert(std::string{to_string(reason)});
  for (auto& [symbol, s] : by_symbol) {
    for (auto& f : market.filters)
      if (f.symbol == symbol)
        s.step = f.market_step_size.is_positive() ? f.market_step_size
                                                  : f.step_size;
    for (auto& coin : coins[symbol])
      s.coins += (s.coins.empty() ? "" : ",") + coin;
    // Executors hold the exact target rounded toward zero to the step
    // (STR-10); anything else is off target, however small. The target here
    // sums per-leader decimal images (each rounded toward zero below 1e-10),
    // so a sum just below a step multiple also counts as that multiple.
    auto goal = [&](decimal target) {
      return s.step.is_positive() ? target.round_down_to_step(s.step) : target;
    };
    auto slack = decimal::from_units(s.target.sign(), 9);
    s.within_step
        = s.position == goal(s.target) || s.position == goal(s.target + slack);
    auto& kinds = skip_kinds[symbol];
    if (s.within_step)
      s.note = "ok";
    else if (kinds.count("cap"))
      s.note = "capped";
    else if (kinds.count("min_notional_pending"))
      s.note = "waits: below min notional";
    else if (kinds.count("order_rejected"))
      s.note = "order rejected";
    else
      s.note = "OFF TARGET";
    r.symbols.push_back(s);
  }
  for (auto& [coin, pos] : unmapped)
    r.unmapped.push_back(unmapped_report{coin, pos});
  return r;
}

std::string_view explain(const std::string& reason) {
  static const std::map<std::string, std::string_view> text{
      {"unmapped", "no Binance symbol for the coin"},
      {"spot", "spot fill, not a perp"},
      {"hip3", "HIP-3 builder perp"},
      {"dust", "spot dust conversion"},
      {"vault", "vault-internal fill"},
      {"dust_or_vault", "dust conversion or vault-internal fill (old rows)"},
      {"below_step", "delta below one lot step; accumulates"},
      {"liquidation_ignored", "leader liquidation, per policy"},
      {"min_notional_pending", "delta below min qty/notional; accumulates"},
      {"price_deviation", "leader price too far from the mark"},
      {"stale_market", "no fresh mark price"},
      {"stale_fill_open", "fill too old to open; closes still copied"},
      {"missing_open", "leader reduced a position we never held"},
      {"cap", "clamped by a position or exposure cap"},
      {"drawdown", "drawdown stop"},
      {"state_reducing", "REDUCING: opens blocked"},
      {"state_halted", "HALTED/SAFE: nothing copied"},
      {"symbol_disabled", "symbol failed verification"},
      {"order_rejected", "the venue rejected the order"},
      {"denied", "leader or coin not allowed by config"},
      {"no_edge", "kelly: the leader's edge is not positive or not yet "
                  "measured"},
      {"sizing_unavailable", "sizing needs an equity that is not known"},
      {"liquidation_risk", "open clamped: liquidation would be too close"},
      {"slippage", "the book is too far from the mark; waits for a sane "
                   "book"},
      {"residual_below_min", "LIMIT residual below min_residual_usd; not "
                             "chased"},
  };
  auto i = text.find(reason);
  return i == text.end() ? std::string_view{} : i->second;
}

std::string render(const replay_report& r) {
  std::ostringstream out;
  auto line = [&out](const std::string& label, auto value) {
    out << "  " << std::left << std::setw(24) << label << value << "\n";
  };
  out << r.title << "\n";
  line("source", r.source);
  line("leader time span (ms)", std::to_string(r.counters.first_ms) + " .. "
                                    + std::to_string(r.counters.last_ms));
  line("fills read", r.counters.read);
  line("quarantined", r.counters.quarantined);
  line("duplicates dropped", r.counters.duplicates);
  line("fills processed", r.counters.fresh);
  if (r.counters.interrupted)
    line("interrupted", "yes: SIGINT/SIGTERM, the rest was not replayed");
  line("trading state", r.trading_state);
  out << "skips by reason\n";
  if (r.skips_by_reason.empty()) out << "  (none)\n";
  for (auto& [reason, n] : r.skips_by_reason)
    out << "  " << std::left << std::setw(24) << reason << std::setw(6) << n
        << explain(reason) << "\n";
  out << "orders by final state\n";
  if (r.orders_by_state.empty()) out << "  (none)\n";
  for (auto& [state, n] : r.orders_by_state)
    line(state, n);
  out << "per symbol\n";
  out << "  " << std::left << std::setw(14) << "symbol" << std::setw(8)
      << "coin" << std::right << std::setw(16) << "leader pos" << std::setw(16)
      << "target" << std::setw(16) << "follower pos" << std::setw(10) << "step"
      << std::setw(8) << "orders" << std::setw(12) << "traded"
      << "  " << std::left << "check\n";
  for (auto& s : r.symbols)
    out << "  " << std::left << std::setw(14) << s.symbol << std::setw(8)
        << s.coins << std::right << std::setw(16)
        << s.leader_position.to_string() << std::setw(16)
        << s.target.to_string() << std::setw(16) << s.position.to_string()
        << std::setw(10) << s.step.to_string() << std::setw(8) << s.orders
        << std::setw(12) << s.traded.to_string() << "  " << std::left << s.note
        << "\n";
  for (auto& u : r.unmapped)
    out << "  " << std::left << std::setw(14) << "(unmapped)" << std::setw(8)
        << u.coin << std::right << std::setw(16)
        << u.leader_position.to_string() << "  not copied: no symbol\n";
  if (!r.sizing.empty()) {
    out << "k per leader and coin (fixed when its last position opened; 0 = "
           "never sized)\n";
    for (auto& s : r.sizing)
      out << "  " << std::left << std::setw(14) << s.leader.substr(0, 12)
          << std::setw(8) << s.coin << std::setw(11) << s.mode << std::right
          << std::setw(18) << s.k.to_string() << "  leader pos "
          << s.leader_position.to_string() << "\n";
  }
  return out.str();
}

} // namespace hlc
