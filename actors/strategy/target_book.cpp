#include "actors/strategy/target_book.hpp"

#include "actors/strategy/sizing.hpp"

namespace hlc {

namespace {

// Attributed quantities and derived prices keep 10 decimals: finer than any
// Binance step, small enough that 64-bit mantissas hold 9e8 units.
constexpr int qty_scale = 10;

const decimal hundred = decimal::from_int(100);

bool is_dust_or_vault(const leader_fill& f) {
  return f.dir == "Spot Dust Conversion" || f.dir == "Net Child Vaults";
}

} // namespace

struct target_book::context {
  const leader_fill& fill;
  const mark_table& marks;
  trading_state state;
  int64_t now_ms;
  leader_coin_state& row;
  symbol_mapping mapping;
  fill_decision& out;
  decimal start;
  decimal end;
};

target_book::target_book(const settings& cfg, const symbol_map& map)
    : cfg_(cfg), map_(map) {
  // nop
}

fill_decision target_book::on_fill(const leader_fill& fill,
                                   const mark_table& marks, trading_state state,
                                   int64_t now_ms) {
  // All or nothing: a fill whose numbers cannot be computed exactly (e.g. a
  // decimal overflow) leaves the book as it was, and the caller quarantines.
  auto key = std::make_pair(fill.key.leader, fill.key.coin);
  auto existing = states_.find(key);
  std::optional<leader_coin_state> saved;
  if (existing != states_.end()) saved = existing->second;
  try {
    return apply(fill, marks, state, now_ms);
  } catch (...) {
    if (saved)
      states_[key] = *saved;
    else
      states_.erase(key);
    throw;
  }
}

fill_decision target_book::apply(const leader_fill& fill,
                                 const mark_table& marks, trading_state state,
                                 int64_t now_ms) {
  fill_decision out;
  auto record = [&](skip_reason reason, std::string detail,
                    std::string symbol = {}) {
    out.skips.push_back(skip_record{reason, fill.key.leader, fill.key.coin,
                                    std::move(symbol), to_string(fill.key),
                                    std::move(detail), now_ms});
  };
  switch (classify_coin(fill.key.coin)) {
  case coin_kind::spot:
    record(skip_reason::spot, "spot fill on " + fill.key.coin);
    return out;
  case coin_kind::hip3:
    record(skip_reason::hip3, "HIP-3 builder perp " + fill.key.coin);
    return out;
  case coin_kind::perp:
    break;
  }
  if (is_dust_or_vault(fill)) {
    record(skip_reason::dust_or_vault, "dir \"" + fill.dir + "\"");
    return out;
  }
  if (!follows(fill.key.leader)) {
    // Never size a stranger's fills with a default: only configured,
    // enabled leaders are copied.
    record(skip_reason::denied, "leader " + fill.key.leader
                                    + " is not a configured, enabled "
                                      "leader");
    return out;
  }
  auto& row = states_[{fill.key.leader, fill.key.coin}];
  row.leader = fill.key.leader;
  row.coin = fill.key.coin;
  auto start = fill.start_position;
  auto end = fill.end_position();
  mapping_refusal why;
  auto mapping = map_.resolve(fill.key.coin, &why);
  if (!mapping) {
    record(why.reason, why.detail);
    row.leader_position = end;
    out.state = row;
    return out;
  }
  row.symbol = mapping->symbol;
  if (fill.liquidation
      && cfg_.strategy.on_liquidation == liquidation_policy::ignore) {
    record(skip_reason::liquidation_ignored,
           "leader liquidation fill, policy ignore", row.symbol);
    row.leader_position = end;
    out.state = row;
    return out;
  }
  auto before = row.attributed;
  context ctx{fill, marks, state, now_ms, row, *mapping, out, start, end};
  bool flip = !start.is_zero() && !end.is_zero() && start.sign() != end.sign();
  bool reducing
      = !start.is_zero() && (end.is_zero() || flip || end.abs() < start.abs());
  if (reducing) reduce(ctx);
  if (start.is_zero() && !end.is_zero())
    open(ctx, end, true);
  else if (flip)
    open(ctx, end, true);
  else if (!start.is_zero() && end.abs() > start.abs())
    open(ctx, end - start, false);
  row.leader_position = end;
  if (row.attributed != before) {
    auto& total = targets_[row.symbol];
    total = total + (row.attributed - before);
    symbol_target t;
    t.symbol = row.symbol;
    t.target_qty = total;
    t.reference_px = decimal::divide(fill.px, mapping->multiplier, qty_scale,
                                     rounding::half_up);
    t.reduce_only = total.abs() < (total - (row.attributed - before)).abs()
                    && total.sign() * before.sign() >= 0;
    t.seq = ++seq_;
    t.correlation = to_string(fill.key);
    t.leader_time_ms = fill.key.time_ms;
    t.received_us = fill.received_us;
    out.target = std::move(t);
  }
  out.state = row;
  return out;
}

void target_book::reduce(context& ctx) {
  auto& row = ctx.row;
  if (row.attributed.is_zero()) {
    skip(ctx, skip_reason::missing_open,
         "leader " + ctx.fill.dir + " " + ctx.start.to_string() + " -> "
             + ctx.end.to_string()
             + " but no follower position is attributed to it");
    return;
  }
  if (ctx.state == trading_state::halted || ctx.state == trading_state::safe) {
    skip(ctx, skip_reason::state_halted,
         std::string{"close not copied: trading state "}
             + std::string{to_string(ctx.state)});
    return;
  }
  bool to_flat = ctx.end.is_zero() || ctx.start.sign() != ctx.end.sign();
  if (to_flat) {
    row.attributed = decimal{};
    return;
  }
  // φ = 1 − |end|/|start|; attribution keeps the fraction |end|/|start|.
  // The fraction first (at most 1, 18 digits): attribution × |end| could
  // exceed 64 bits before the division.
  auto kept = decimal::divide(ctx.end.abs(), ctx.start.abs(), 18,
                              rounding::toward_zero);
  row.attributed = decimal::multiply(row.attributed, kept, qty_scale,
                                     rounding::toward_zero);
}

void target_book::open(context& ctx, decimal leader_delta, bool from_flat) {
  auto& row = ctx.row;
  if (from_flat || row.k.is_zero()) {
    auto sized = scale_factor(sizing_for(row.leader),
                              sizing_inputs{ctx.end.abs(), ctx.fill.px});
    if (!sized.k) {
      skip(ctx, skip_reason::cap, sized.error);
      return;
    }
    row.k = *sized.k;
  }
  auto add = decimal::multiply(
      decimal::multiply(row.k, leader_delta, qty_scale, rounding::toward_zero),
      ctx.mapping.multiplier, qty_scale, rounding::toward_zero);
  std::string detail;
  if (auto blocker = open_blocker(ctx, add, detail)) {
    skip(ctx, *blocker, std::move(detail));
    return;
  }
  auto proposed = row.attributed + add;
  auto allowed = clamp_to_caps(ctx, proposed, detail);
  if (allowed != proposed) skip(ctx, skip_reason::cap, std::move(detail));
  row.attributed = allowed;
}

std::optional<skip_reason> target_book::open_blocker(context& ctx, decimal add,
                                                     std::string& detail) {
  const auto& s = cfg_.strategy;
  if (ctx.state == trading_state::halted || ctx.state == trading_state::safe) {
    detail = std::string{"open not copied: trading state "}
             + std::string{to_string(ctx.state)};
    return skip_reason::state_halted;
  }
  if (ctx.state == trading_state::reducing) {
    detail = "open not copied: trading state REDUCING";
    return skip_reason::state_reducing;
  }
  if (ctx.fill.liquidation
      && s.on_liquidation == liquidation_policy::close_only) {
    detail = "leader liquidation fill, policy close_only";
    return skip_reason::liquidation_ignored;
  }
  auto age = ctx.now_ms - ctx.fill.key.time_ms;
  if (age > s.max_fill_age_ms) {
    detail = "fill is " + std::to_string(age) + " ms old (max_fill_age_ms "
             + std::to_string(s.max_fill_age_ms) + "): close-only";
    return skip_reason::stale_fill_open;
  }
  auto m = ctx.marks.find(ctx.mapping.symbol);
  if (m == ctx.marks.end() || !m->second.mark.is_positive()) {
    detail = "no mark price for " + ctx.mapping.symbol;
    return skip_reason::stale_market;
  }
  auto mark_age = ctx.now_ms - m->second.time_ms;
  if (mark_age > s.max_stale_ms) {
    detail = "mark for " + ctx.mapping.symbol + " is "
             + std::to_string(mark_age) + " ms old (max_stale_ms "
             + std::to_string(s.max_stale_ms) + ")";
    return skip_reason::stale_market;
  }
  auto mark = m->second.mark;
  auto leader_px = decimal::divide(ctx.fill.px, ctx.mapping.multiplier,
                                   qty_scale, rounding::half_up);
  auto gap = (leader_px - mark).abs();
  auto gap_pct = decimal::divide(gap * hundred, mark, 6, rounding::ceil);
  auto cost = decimal::multiply(gap, add.abs(), 6, rounding::ceil);
  if (gap_pct > s.max_dev_pct || cost > s.max_dev_usd) {
    detail = "leader px " + leader_px.to_string() + " vs mark "
             + mark.to_string() + ": " + gap_pct.to_string() + "% (max "
             + s.max_dev_pct.to_string() + "%), cost " + cost.to_string()
             + " USD (max " + s.max_dev_usd.to_string() + ")";
    return skip_reason::price_deviation;
  }
  return std::nullopt;
}

decimal target_book::clamp_to_caps(context& ctx, decimal proposed,
                                   std::string& detail) {
  const auto& r = cfg_.risk;
  auto& symbol = ctx.mapping.symbol;
  auto current = symbol_target_qty(symbol);
  auto others = current - ctx.row.attributed;
  auto wanted = others + proposed;
  auto current_mag
      = current.sign() == wanted.sign() ? current.abs() : decimal{};
  if (wanted.abs() <= current_mag)
    return proposed; // not adding exposure: caps never block reductions
  auto mark = ctx.marks.at(symbol).mark;
  auto limit = decimal::divide(r.max_position_usd, mark, qty_scale,
                               rounding::toward_zero);
  std::string which = "max_position_usd " + r.max_position_usd.to_string();
  if (auto i = r.max_position_qty.find(symbol);
      i != r.max_position_qty.end() && i->second < limit) {
    limit = i->second;
    which = "max_position_qty " + i->second.to_string();
  }
  auto room_usd = r.max_gross_usd - gross_usd_excluding(symbol, ctx.marks);
  auto gross_limit
      = room_usd.is_positive()
            ? decimal::divide(room_usd, mark, qty_scale, rounding::toward_zero)
            : decimal{};
  if (gross_limit < limit) {
    limit = gross_limit;
    which = "max_gross_usd " + r.max_gross_usd.to_string();
  }
  if (current.is_zero()
      && open_symbol_count() >= static_cast<size_t>(r.max_open_symbols)) {
    limit = decimal{};
    which = "max_open_symbols " + std::to_string(r.max_open_symbols);
  }
  limit = max(limit, current_mag); // never force a reduction
  if (wanted.abs() <= limit) return proposed;
  auto allowed_total = wanted.is_negative() ? -limit : limit;
  detail = symbol + " target " + wanted.to_string() + " capped to "
           + allowed_total.to_string() + " by " + which;
  return allowed_total - others;
}

void target_book::skip(context& ctx, skip_reason reason, std::string detail) {
  ctx.out.skips.push_back(skip_record{
      reason, ctx.fill.key.leader, ctx.fill.key.coin, ctx.mapping.symbol,
      to_string(ctx.fill.key), std::move(detail), ctx.now_ms});
}

bool target_book::follows(const std::string& leader) const {
  for (auto& l : cfg_.leaders)
    if (l.address == leader) return l.enabled;
  return false;
}

const sizing_settings&
target_book::sizing_for(const std::string& leader) const {
  for (auto& l : cfg_.leaders)
    if (l.address == leader) return l.sizing;
  static const sizing_settings fallback{};
  return fallback;
}

decimal target_book::gross_usd_excluding(const std::string& symbol,
                                         const mark_table& marks) const {
  decimal total;
  for (auto& [s, qty] : targets_) {
    if (s == symbol || qty.is_zero()) continue;
    if (auto m = marks.find(s); m != marks.end())
      total += decimal::multiply(qty.abs(), m->second.mark, 6, rounding::ceil);
  }
  return total;
}

size_t target_book::open_symbol_count() const {
  size_t n = 0;
  for (auto& [s, qty] : targets_)
    if (!qty.is_zero()) ++n;
  return n;
}

void target_book::restore(const leader_coin_state& row) {
  auto& slot = states_[{row.leader, row.coin}];
  if (!row.symbol.empty()) {
    auto& total = targets_[row.symbol];
    total = total + (row.attributed - slot.attributed);
  }
  slot = row;
}

decimal target_book::symbol_target_qty(const std::string& symbol) const {
  auto i = targets_.find(symbol);
  return i == targets_.end() ? decimal{} : i->second;
}

std::vector<symbol_target> target_book::all_targets() {
  std::map<std::string, decimal> sorted(targets_.begin(), targets_.end());
  std::vector<symbol_target> result;
  for (auto& [symbol, qty] : sorted) {
    symbol_target t;
    t.symbol = symbol;
    t.target_qty = qty;
    t.seq = ++seq_;
    t.restated = true;
    result.push_back(std::move(t));
  }
  return result;
}

} // namespace hlc
