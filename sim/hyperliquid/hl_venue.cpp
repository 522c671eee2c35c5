#include "sim/hyperliquid/hl_venue.hpp"

#include "sim/common/json_util.hpp"
#include "sim/common/wall_clock.hpp"

#include <algorithm>
#include <cmath>

namespace hlc::sim::hl {

hl_venue::hl_venue(wall_clock& clock, venue_settings settings)
    : clock_(clock), settings_(settings), coins_(default_coins()) {
  reset_limits();
}

void hl_venue::attach(send_fn send, schedule_fn schedule) {
  send_ = std::move(send);
  schedule_ = std::move(schedule);
}

void hl_venue::add_coin(const coin_info& c) {
  if (auto* existing = coin(c.name)) {
    *existing = c;
    return;
  }
  coins_.push_back(c);
}

coin_info* hl_venue::coin(const std::string& name) {
  for (auto& c : coins_)
    if (c.name == name) return &c;
  return nullptr;
}

void hl_venue::set_mid(const std::string& name, decimal mid) {
  auto* c = coin(name);
  if (!c) throw input_error("coin: unknown coin \"" + name + "\"");
  if (!mid.is_positive()) throw input_error("mid: must be positive");
  c->mid = mid;
  publish_market(*c);
}

void hl_venue::add_leader(const std::string& address, decimal account_value) {
  auto addr = normalize_address(address, "leader");
  auto& l = leaders_[addr];
  l.address = addr;
  l.account_value = account_value;
}

leader_state& hl_venue::leader_mut(const std::string& address) {
  auto& l = leaders_[address];
  if (l.address.empty()) {
    l.address = address;
    l.account_value = decimal::parse_or_throw("100000.0");
  }
  return l;
}

const leader_state* hl_venue::leader(const std::string& address) const {
  std::string key = address;
  for (auto& ch : key)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto i = leaders_.find(key);
  return i == leaders_.end() ? nullptr : &i->second;
}

uint64_t hl_venue::next_oid() {
  return ++oid_counter_;
}

hl_fill hl_venue::record(leader_state& l, hl_fill f) {
  ++l.fill_count;
  // Keep ascending time order even for out-of-order history inserts.
  auto pos = std::upper_bound(
      l.fills.begin(), l.fills.end(), f.time,
      [](int64_t t, const hl_fill& x) { return t < x.time; });
  l.fills.insert(pos, f);
  // Only the latest `history_limit` fills of a user exist on HL.
  while (l.fills.size() > settings_.history_limit)
    l.fills.pop_front();
  return f;
}

hl_fill hl_venue::add_history(const trade_spec& t, int64_t time_ms) {
  if (!coin(t.coin))
    throw input_error("trade.coin: unknown coin \"" + t.coin + "\"");
  auto& l = leader_mut(t.leader);
  auto oid = t.oid ? *t.oid : next_oid();
  auto tid = t.tid ? *t.tid : make_tid(oid, l.fill_count);
  trade_spec priced = t;
  if (priced.px.empty()) priced.px = hl_text(coin(t.coin)->mid);
  auto f = make_fill(priced, time_ms, oid, tid, l.positions[t.coin], "trade");
  if (l.positions[t.coin].szi.is_zero()) l.positions.erase(t.coin);
  return record(l, std::move(f));
}

hl_fill hl_venue::push_trade(const trade_spec& t) {
  auto f = add_history(t, clock_.now_ms());
  publish_fill(t.leader, f);
  return f;
}

hl_fill hl_venue::push_recorded(const std::string& leader, hl_fill f) {
  auto& l = leader_mut(leader);
  f.time = clock_.now_ms();
  apply_recorded(f, l.positions[f.coin]);
  if (l.positions[f.coin].szi.is_zero()) l.positions.erase(f.coin);
  if (!coin(f.coin)) {
    // Recorded coins the scenario did not list still get a meta entry.
    coin_info c;
    c.name = f.coin;
    c.mid = decimal::parse(f.px).value_or(decimal::from_int(1));
    auto dot = f.sz.find('.');
    c.sz_decimals = dot == std::string::npos
                        ? 0
                        : static_cast<int>(f.sz.size() - dot - 1);
    coins_.push_back(c);
  }
  auto stored = record(l, std::move(f));
  publish_fill(leader, stored);
  return stored;
}

void hl_venue::load(const scenario& s) {
  settings_ = s.settings;
  if (!s.coins.empty())
    coins_ = s.coins; // the scenario's list replaces the defaults
  reset_limits();
  for (const auto& [addr, equity] : s.leaders)
    add_leader(addr, equity);
  auto now_us = clock_.now_us();
  for (const auto& t : s.trades) {
    if (t.at_ms < 0) {
      add_history(t.spec, (now_us / 1000) + t.at_ms);
      continue;
    }
    timeline_event e;
    e.due_us = now_us
               + static_cast<int64_t>(
                   std::llround(static_cast<double>(t.at_ms) * 1000.0
                                / settings_.time_compression));
    e.leader = t.spec.leader;
    e.trade = t.spec;
    timeline_.push_back(std::move(e));
  }
  std::stable_sort(
      timeline_.begin() + static_cast<std::ptrdiff_t>(timeline_pos_),
      timeline_.end(),
      [](const auto& a, const auto& b) { return a.due_us < b.due_us; });
}

void hl_venue::queue_replay(const std::string& leader,
                            std::vector<hl_fill> fills, double compression) {
  if (compression <= 0) throw input_error("time_compression: must be positive");
  auto addr = normalize_address(leader, "leader");
  leader_mut(addr);
  if (fills.empty()) return;
  auto now_us = clock_.now_us();
  auto t0 = fills.front().time;
  for (auto& f : fills) {
    timeline_event e;
    e.due_us = now_us
               + static_cast<int64_t>(std::llround(
                   static_cast<double>(f.time - t0) * 1000.0 / compression));
    e.leader = addr;
    e.recorded = std::move(f);
    timeline_.push_back(std::move(e));
  }
  std::stable_sort(
      timeline_.begin() + static_cast<std::ptrdiff_t>(timeline_pos_),
      timeline_.end(),
      [](const auto& a, const auto& b) { return a.due_us < b.due_us; });
}

size_t hl_venue::poll() {
  size_t ran = 0;
  auto now = clock_.now_us();
  while (timeline_pos_ < timeline_.size()
         && timeline_[timeline_pos_].due_us <= now) {
    auto e = std::move(timeline_[timeline_pos_++]);
    if (e.trade)
      push_trade(*e.trade);
    else if (e.recorded)
      push_recorded(e.leader, std::move(*e.recorded));
    ++ran;
  }
  if (timeline_pos_ == timeline_.size()) {
    timeline_.clear();
    timeline_pos_ = 0;
  }
  return ran;
}

std::optional<int64_t> hl_venue::next_due_us() const {
  if (timeline_pos_ >= timeline_.size()) return std::nullopt;
  return timeline_[timeline_pos_].due_us;
}

void hl_venue::reset_positions() {
  for (auto& [addr, l] : leaders_)
    l.positions.clear();
}

venue_snapshot hl_venue::snapshot() const {
  venue_snapshot s;
  for (const auto& [addr, l] : leaders_) {
    s.fill_counts[addr] = l.fills.size();
    for (const auto& [c, p] : l.positions)
      if (!p.szi.is_zero()) s.positions[addr][c] = hl_text(p.szi);
  }
  for (const auto& c : coins_)
    s.mids[c.name] = hl_text(c.mid);
  s.connections = conns_.size();
  s.tracked_users = tracked_users();
  s.pending_events = timeline_.size() - timeline_pos_;
  return s;
}

} // namespace hlc::sim::hl
