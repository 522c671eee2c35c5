#include "apps/hlcopy/baseline.hpp"

#include <set>
#include <vector>

namespace hlc {

namespace {

void list_open(const std::string& where,
               const std::map<std::string, decimal>& book,
               std::vector<std::string>& out) {
  for (auto& [name, qty] : book)
    if (!qty.is_zero())
      out.push_back(where + " " + name + " " + qty.to_string());
}

std::string join(const std::vector<std::string>& xs) {
  std::string out;
  for (auto& x : xs)
    out += (out.empty() ? "" : "; ") + x;
  return out;
}

} // namespace

std::optional<std::string> baseline_refusal(const baseline_snapshot& b,
                                            bool trust_local) {
  std::vector<std::string> open;
  if (!trust_local) {
    list_open("local", b.local, open);
    list_open("binance", b.binance, open);
    for (auto& [leader, coins] : b.leaders)
      list_open("leader " + leader, coins, open);
    if (open.empty()) return std::nullopt;
    return "positions open at start (" + join(open)
           + "); set strategy.trust_local to accept the local book as the "
             "baseline";
  }
  std::set<std::string> symbols;
  for (auto& [s, q] : b.local)
    symbols.insert(s);
  for (auto& [s, q] : b.binance)
    symbols.insert(s);
  std::vector<std::string> differ;
  for (auto& s : symbols) {
    auto l = b.local.count(s) ? b.local.at(s) : decimal{};
    auto x = b.binance.count(s) ? b.binance.at(s) : decimal{};
    if (l != x && b.unresolved.count(s) == 0)
      differ.push_back(s + " local " + l.to_string() + " binance "
                       + x.to_string());
  }
  if (differ.empty()) return std::nullopt;
  return "Binance positions differ from the local book (" + join(differ)
         + "); close or adopt them, then hlcopy resume";
}

state_change starting_state(const state_change& persisted,
                            const std::optional<std::string>& refusal,
                            int64_t now_ms) {
  if (!refusal) return persisted;
  if (persisted.state != trading_state::active
      && persisted.state != trading_state::reducing)
    return persisted;
  return state_change{trading_state::safe, state_reason::baseline_refused,
                      *refusal, "startup", now_ms};
}

} // namespace hlc
