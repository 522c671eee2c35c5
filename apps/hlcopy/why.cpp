#include "apps/hlcopy/why.hpp"

#include "apps/hlcopy/ledger_cli.hpp"
#include "apps/hlcopy/report.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/processed_fill_repo.hpp"
#include "persistence/skip_repo.hpp"
#include "persistence/strategy_state_repo.hpp"

#include <charconv>
#include <set>

namespace hlc {

namespace {

constexpr const char* usage
    = R"(usage: hlcopy why <fill key | client order id | symbol> [--db F | --config F]

Tells what hlcopy decided and why, from the database (read-only):
  fill key         COIN:OID:TID:TIME as in logs and skips, e.g. SOL:123:456:1683245700000
  client order id  as in `hlcopy status` and the orders table
  symbol or coin   SOLUSDT or SOL: leaders, target, follower, last skips and orders
Exit 0 when something is recorded about it, 3 when nothing is.
)";

constexpr int nothing_recorded = 3;

struct fill_ref {
  std::string coin;
  uint64_t oid = 0;
  uint64_t tid = 0;
  int64_t time_ms = 0;
};

template <class T>
bool number(const std::string& text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

/// "COIN:OID:TID:TIME" (the coin may contain ':', e.g. HIP-3 "dex:COIN").
std::optional<fill_ref> parse_fill_key(const std::string& s) {
  std::vector<std::string> parts;
  size_t end = s.size();
  for (int i = 0; i < 3; ++i) {
    auto colon = s.rfind(':', end == 0 ? 0 : end - 1);
    if (colon == std::string::npos || end == 0) return std::nullopt;
    parts.push_back(s.substr(colon + 1, end - colon - 1));
    end = colon;
  }
  fill_ref f;
  f.coin = s.substr(0, end);
  if (f.coin.empty() || !number(parts[2], f.oid) || !number(parts[1], f.tid)
      || !number(parts[0], f.time_ms))
    return std::nullopt;
  return f;
}

std::string words(skip_reason r) {
  std::string name{to_string(r)};
  auto text = explain(name);
  return text.empty() ? name : name + " (" + std::string{text} + ")";
}

void print_skip(std::ostream& out, const skip_record& s) {
  out << "  " << ledger_cli::utc(s.time_ms) << "  " << words(s.reason);
  if (!s.symbol.empty()) out << " on " << s.symbol;
  out << "\n";
  if (!s.detail.empty()) out << "      " << s.detail << "\n";
}

void print_order(std::ostream& out, const order_record& o) {
  out << "  " << o.intent.client_id << "  " << o.intent.symbol << " "
      << to_string(o.intent.side) << " " << o.intent.qty.to_string() << " "
      << to_string(o.intent.type)
      << (o.intent.reduce_only ? " reduce-only" : "") << " -> "
      << to_string(o.state) << ", filled " << o.filled_qty.to_string();
  if (o.avg_px.is_positive()) out << " @ " << o.avg_px.to_string();
  if (o.error_code != 0)
    out << ", venue error " << o.error_code << " " << o.error_text;
  out << "  (" << ledger_cli::utc(o.intent.created_ms) << ")\n";
}

/// The fill's skips and orders, and a one-line verdict.
void explain_fill(database& db, const std::string& key, std::ostream& out) {
  auto skips = skip_repo{db}.load_for_correlation(key);
  auto orders = order_repo{db}.load_for_correlation(key);
  if (!skips.empty()) {
    out << "decisions not to trade:\n";
    for (auto& s : skips)
      print_skip(out, s);
  }
  if (!orders.empty()) {
    out << "orders placed for it:\n";
    for (auto& o : orders)
      print_order(out, o);
  }
  decimal filled;
  for (auto& o : orders)
    filled += o.filled_qty;
  out << "verdict: ";
  if (!orders.empty() && filled.is_positive())
    out << "copied (" << orders.size() << " order"
        << (orders.size() == 1 ? "" : "s") << ")";
  else if (!orders.empty())
    out << "orders placed, nothing filled";
  else if (!skips.empty())
    out << "not copied: " << to_string(skips.front().reason);
  else
    out << "no order and no skip names this fill: it did not change the "
           "target, or a later fill of the same millisecond moved the same "
           "symbol and its order carries that fill's key";
  if (!orders.empty() && !skips.empty())
    out << "; partly held back (" << to_string(skips.front().reason) << ")";
  out << "\n";
}

bool why_fill(database& db, const std::string& key, const fill_ref& f,
              std::ostream& out) {
  auto processed
      = processed_fill_repo{db}.find(f.coin, f.oid, f.tid, f.time_ms);
  auto skips = skip_repo{db}.load_for_correlation(key);
  auto orders = order_repo{db}.load_for_correlation(key);
  if (processed.empty() && skips.empty() && orders.empty()) return false;
  out << "leader fill " << key << " (" << ledger_cli::utc(f.time_ms) << ")\n";
  if (processed.empty())
    out << "received: not in processed_fills (pruned after "
           "storage.dedup_ttl_days, or never received)\n";
  for (auto& p : processed)
    out << "received: leader " << p.key.leader << ", position "
        << p.key.start_position.to_string() << " size " << p.key.sz.to_string()
        << ", processed " << ledger_cli::utc(p.processed_ms) << "\n";
  explain_fill(db, key, out);
  return true;
}

bool why_order(database& db, const order_record& o, std::ostream& out) {
  out << "order " << o.intent.client_id << "\n";
  print_order(out, o);
  for (auto& e : order_repo{db}.load_events(o.intent.client_id))
    out << "    event " << to_string(e.update.kind) << " cum "
        << e.update.cum_qty.to_string()
        << (e.update.error_code != 0
                ? " error " + std::to_string(e.update.error_code) + " "
                      + e.update.error_text
                : std::string{})
        << "\n";
  if (o.intent.correlation.empty()) {
    out << "caused by: no leader fill recorded (restart recovery)\n";
    return true;
  }
  out << "caused by leader fill " << o.intent.correlation << "\n";
  explain_fill(db, o.intent.correlation, out);
  return true;
}

bool why_symbol(database& db, const std::string& name, std::ostream& out) {
  std::vector<strategy_state_row> rows;
  std::set<std::string> symbols;
  for (auto& r : strategy_state_repo{db}.load_all())
    if (r.symbol == name || r.coin == name) {
      rows.push_back(r);
      if (!r.symbol.empty()) symbols.insert(r.symbol);
    }
  if (symbols.empty()) symbols.insert(name);
  bool found = !rows.empty();
  for (auto& symbol : symbols) {
    decimal target;
    for (auto& r : rows)
      if (r.symbol == symbol) target += r.attributed_qty;
    auto skips = skip_repo{db}.load_for_symbol(symbol, 10);
    if (skips.empty() && symbol != name)
      skips = skip_repo{db}.load_for_symbol(name, 10);
    auto orders = order_repo{db}.load_recent_for_symbol(symbol, 10);
    found = found || !skips.empty() || !orders.empty();
    if (!found) continue;
    out << symbol << ": target " << target.to_string();
    position_repo positions{db};
    for (auto* book : {"local", "paper"})
      if (auto p = positions.load(book, symbol))
        out << ", " << book << " position " << p->qty.to_string();
    out << "\n";
    for (auto& r : rows)
      out << "  leader " << r.leader << " " << r.coin << " "
          << r.leader_position.to_string() << ", k " << r.k.to_string()
          << ", attributed " << r.attributed_qty.to_string() << "\n";
    if (!skips.empty()) {
      out << "last skips (newest first):\n";
      for (auto& s : skips) {
        print_skip(out, s);
        if (!s.correlation.empty())
          out << "      fill " << s.correlation << "\n";
      }
    }
    if (!orders.empty()) {
      out << "last orders (newest first):\n";
      for (auto& o : orders)
        print_order(out, o);
    }
  }
  return found;
}

} // namespace

int why_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  auto o = ledger_cli::parse(argc, argv, false, err);
  if (!o) {
    err << "\n" << usage;
    return 2;
  }
  if (o->help) {
    out << usage;
    return 0;
  }
  if (o->positional.size() != 1) {
    err << "hlcopy why: needs exactly one fill key, client order id or "
           "symbol\n\n"
        << usage;
    return 2;
  }
  auto& subject = o->positional.front();
  try {
    auto db = ledger_cli::open(*o);
    if (auto order = order_repo{db}.load(subject))
      return why_order(db, *order, out) ? 0 : nothing_recorded;
    if (auto f = parse_fill_key(subject)) {
      if (why_fill(db, subject, *f, out)) return 0;
      out << "nothing recorded about leader fill " << subject
          << ": never received (not a followed leader?), or pruned after "
             "storage.dedup_ttl_days\n";
      return nothing_recorded;
    }
    if (why_symbol(db, subject, out)) return 0;
    out << "nothing recorded about '" << subject
        << "': not a client order id, a fill key (COIN:OID:TID:TIME) or a "
           "symbol or coin with state, skips or orders\n";
    return nothing_recorded;
  } catch (const std::exception& e) {
    err << "hlcopy why: cannot read " << o->db_path << ": " << e.what() << "\n";
    return 1;
  }
}

} // namespace hlc
