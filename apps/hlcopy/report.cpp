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

replay_report build_report(const settings& cfg, const replay_counters& c,
                           const market_snapshot& market,
                           const std::string& source) {
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
  for (auto& row : strategy_state_repo{db}.load_all()) {
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
  for (auto& p : position_repo{db}.load_book("paper")) {
    auto& s = by_symbol[p.symbol];
    s.symbol = p.symbol;
    s.position = p.qty;
  }
  std::map<std::string, std::set<std::string>> skip_kinds;
  for (auto& skip : skip_repo{db}.load_recent(1000000))
    if (!skip.symbol.empty())
      skip_kinds[skip.symbol].insert(std::string{to_string(skip.reason)});
  for (auto& [symbol, s] : by_symbol) {
    for (auto& f : market.filters)
      if (f.symbol == symbol)
        s.step = f.market_step_size.is_positive() ? f.market_step_size
                                                  : f.step_size;
    for (auto& coin : coins[symbol])
      s.coins += (s.coins.empty() ? "" : ",") + coin;
    auto gap = (s.target - s.position).abs();
    s.within_step = s.step.is_positive() ? gap < s.step : gap.is_zero();
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

std::string render(const replay_report& r) {
  std::ostringstream out;
  auto line = [&out](const std::string& label, auto value) {
    out << "  " << std::left << std::setw(24) << label << value << "\n";
  };
  out << "hlcopy replay report\n";
  line("source", r.source);
  line("leader time span (ms)", std::to_string(r.counters.first_ms) + " .. "
                                    + std::to_string(r.counters.last_ms));
  line("fills read", r.counters.read);
  line("quarantined", r.counters.quarantined);
  line("duplicates dropped", r.counters.duplicates);
  line("fills processed", r.counters.fresh);
  line("trading state", r.trading_state);
  out << "skips by reason\n";
  if (r.skips_by_reason.empty()) out << "  (none)\n";
  for (auto& [reason, n] : r.skips_by_reason)
    line(reason, n);
  out << "orders by final state\n";
  if (r.orders_by_state.empty()) out << "  (none)\n";
  for (auto& [state, n] : r.orders_by_state)
    line(state, n);
  out << "per symbol\n";
  out << "  " << std::left << std::setw(14) << "symbol" << std::setw(8)
      << "coin" << std::right << std::setw(16) << "leader pos" << std::setw(16)
      << "target" << std::setw(16) << "follower pos" << std::setw(10) << "step"
      << "  " << std::left << "check"
      << "\n";
  for (auto& s : r.symbols)
    out << "  " << std::left << std::setw(14) << s.symbol << std::setw(8)
        << s.coins << std::right << std::setw(16)
        << s.leader_position.to_string() << std::setw(16)
        << s.target.to_string() << std::setw(16) << s.position.to_string()
        << std::setw(10) << s.step.to_string() << "  " << std::left << s.note
        << "\n";
  for (auto& u : r.unmapped)
    out << "  " << std::left << std::setw(14) << "(unmapped)" << std::setw(8)
        << u.coin << std::right << std::setw(16)
        << u.leader_position.to_string() << "  not copied: no symbol\n";
  return out.str();
}

} // namespace hlc
