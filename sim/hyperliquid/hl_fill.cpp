#include "sim/hyperliquid/hl_fill.hpp"

#include "sim/common/json_util.hpp"

namespace hlc::sim::hl {

namespace {

void key(std::string& out, const char* k) {
  out += '"';
  out += k;
  out += "\":";
}

void str(std::string& out, const char* k, const std::string& v) {
  key(out, k);
  out += json_quote(v);
  out += ',';
}

uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t fnv(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

decimal parse_field(const std::string& text, const std::string& where,
                    const char* field) {
  auto d = decimal::parse(text);
  if (!d)
    throw input_error(where + "." + field + ": not a decimal: \"" + text
                      + "\"");
  return *d;
}

} // namespace

std::string hl_text(decimal x) {
  auto s = x.normalized().to_string();
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

void append_json(std::string& out, const hl_fill& f) {
  out += '{';
  str(out, "coin", f.coin);
  str(out, "px", f.px);
  str(out, "sz", f.sz);
  str(out, "side", std::string(1, f.side));
  key(out, "time");
  out += std::to_string(f.time);
  out += ',';
  str(out, "startPosition", f.start_position);
  str(out, "dir", f.dir);
  str(out, "closedPnl", f.closed_pnl);
  str(out, "hash", f.hash);
  key(out, "oid");
  out += std::to_string(f.oid);
  out += ',';
  key(out, "crossed");
  out += f.crossed ? "true," : "false,";
  str(out, "fee", f.fee);
  if (f.builder_fee) str(out, "builderFee", *f.builder_fee);
  if (f.tid) {
    key(out, "tid");
    out += std::to_string(*f.tid);
    out += ',';
  }
  if (f.cloid) str(out, "cloid", *f.cloid);
  if (f.liquidation) {
    key(out, "liquidation");
    out += '{';
    if (f.liquidation->liquidated_user)
      str(out, "liquidatedUser", *f.liquidation->liquidated_user);
    str(out, "markPx", f.liquidation->mark_px);
    key(out, "method");
    out += json_quote(f.liquidation->method);
    out += "},";
  }
  if (f.fee_token) str(out, "feeToken", *f.fee_token);
  if (f.twap_id_null) out += "\"twapId\":null,";
  out.back() = '}';
}

hl_fill parse_fill(const rapidjson::Value& v, const std::string& where) {
  if (!v.IsObject()) throw input_error(where + ": expected a fill object");
  hl_fill f;
  f.coin = get_string(v, "coin", where);
  f.px = get_string(v, "px", where);
  parse_field(f.px, where, "px");
  f.sz = get_string(v, "sz", where);
  parse_field(f.sz, where, "sz");
  auto side = get_string(v, "side", where);
  if (side != "B" && side != "A")
    throw input_error(where + ".side: expected \"B\" or \"A\", got \"" + side
                      + "\"");
  f.side = side[0];
  f.time = get_int(v, "time", where);
  f.start_position = get_string(v, "startPosition", where);
  parse_field(f.start_position, where, "startPosition");
  f.dir = opt_string(v, "dir", where).value_or("");
  f.closed_pnl = opt_string(v, "closedPnl", where).value_or("0.0");
  f.hash = opt_string(v, "hash", where).value_or("");
  auto oid = opt_uint(v, "oid", where);
  if (!oid) throw input_error(where + ".oid: missing");
  f.oid = *oid;
  f.crossed = opt_bool(v, "crossed", where).value_or(true);
  f.fee = opt_string(v, "fee", where).value_or("0.0");
  f.builder_fee = opt_string(v, "builderFee", where);
  f.tid = opt_uint(v, "tid", where);
  f.cloid = opt_string(v, "cloid", where);
  if (auto i = v.FindMember("liquidation");
      i != v.MemberEnd() && i->value.IsObject()) {
    hl_liquidation l;
    l.liquidated_user
        = opt_string(i->value, "liquidatedUser", where + ".liquidation");
    l.mark_px
        = opt_string(i->value, "markPx", where + ".liquidation").value_or(f.px);
    l.method = opt_string(i->value, "method", where + ".liquidation")
                   .value_or("market");
    f.liquidation = l;
  }
  f.fee_token = opt_string(v, "feeToken", where);
  f.twap_id_null = v.HasMember("twapId");
  return f;
}

hl_fill make_fill(const trade_spec& t, int64_t time_ms, uint64_t oid,
                  uint64_t tid, hl_position& pos, const std::string& where) {
  if (t.side != 'B' && t.side != 'A')
    throw input_error(where + ".side: expected \"B\" or \"A\"");
  auto px = parse_field(t.px, where, "px");
  auto sz = parse_field(t.sz, where, "sz");
  if (!px.is_positive())
    throw input_error(where + ".px: must be positive: \"" + t.px + "\"");
  if (!sz.is_positive())
    throw input_error(where + ".sz: must be positive: \"" + t.sz + "\"");
  auto start = pos.szi;
  auto signed_sz = t.side == 'B' ? sz : -sz;
  auto end = start + signed_sz;
  hl_fill f;
  f.coin = t.coin;
  f.px = t.px;
  f.sz = t.sz;
  f.side = t.side;
  f.time = time_ms;
  f.start_position = hl_text(start);
  // Label as HL shows it; direction is really startPosition + side.
  if (start.is_zero() || start.sign() == signed_sz.sign())
    f.dir = t.side == 'B' ? "Open Long" : "Open Short";
  else if (end.is_zero() || end.sign() == start.sign())
    f.dir = start.is_positive() ? "Close Long" : "Close Short";
  else
    f.dir = start.is_positive() ? "Long > Short" : "Short > Long";
  // Realized PnL on the reducing part, at the average entry price.
  decimal closed;
  if (!start.is_zero() && start.sign() != signed_sz.sign()) {
    auto reduced = min(sz, start.abs());
    auto per_unit = start.is_positive() ? px - pos.entry_px : pos.entry_px - px;
    closed = decimal::multiply(per_unit, reduced, 6, rounding::half_up);
  }
  f.closed_pnl = hl_text(closed);
  // New average entry.
  if (end.is_zero()) {
    pos.entry_px = decimal{};
  } else if (start.is_zero() || start.sign() != end.sign()) {
    pos.entry_px = px; // opened, or flipped: the remainder entered at px
  } else if (start.sign() == signed_sz.sign()) {
    auto notional
        = decimal::multiply(pos.entry_px, start.abs(), 8, rounding::half_up)
          + decimal::multiply(px, sz, 8, rounding::half_up);
    pos.entry_px = decimal::divide(notional, end.abs(), 8, rounding::half_up)
                       .normalized();
  }
  pos.szi = end;
  auto rate
      = t.crossed ? decimal::from_units(45, 5) : decimal::from_units(15, 5);
  auto notional = decimal::multiply(px, sz, 8, rounding::half_up);
  auto fee = decimal::multiply(notional, rate, 6, rounding::half_up);
  if (t.builder_fee) fee += parse_field(*t.builder_fee, where, "builder_fee");
  f.fee = hl_text(fee);
  f.builder_fee = t.builder_fee;
  f.hash = make_hash(t.leader, oid, time_ms);
  f.oid = oid;
  f.crossed = t.crossed;
  f.tid = tid;
  f.cloid = t.cloid;
  f.liquidation = t.liquidation;
  if (f.liquidation && f.liquidation->mark_px.empty())
    f.liquidation->mark_px = t.px;
  return f;
}

void apply_recorded(const hl_fill& f, hl_position& pos) {
  auto start = decimal::parse(f.start_position).value_or(decimal{});
  auto sz = decimal::parse(f.sz).value_or(decimal{});
  auto px = decimal::parse(f.px).value_or(decimal{});
  auto end = f.side == 'B' ? start + sz : start - sz;
  if (end.is_zero())
    pos.entry_px = decimal{};
  else if (start.is_zero() || start.sign() != end.sign()
           || pos.entry_px.is_zero())
    pos.entry_px = px;
  pos.szi = end;
}

std::string make_hash(const std::string& user, uint64_t oid, int64_t time_ms) {
  static const char* digits = "0123456789abcdef";
  uint64_t seed = fnv(user) ^ splitmix(oid)
                  ^ splitmix(static_cast<uint64_t>(time_ms) * 31u);
  std::string out = "0x";
  for (int word = 0; word < 4; ++word) {
    seed = splitmix(seed);
    for (int i = 15; i >= 0; --i)
      out += digits[(seed >> (i * 4)) & 0xf];
  }
  return out;
}

uint64_t make_tid(uint64_t oid, uint64_t n) {
  return splitmix(oid * 1000003u + n) & ((uint64_t{1} << 50) - 1);
}

} // namespace hlc::sim::hl
