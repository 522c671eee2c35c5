#include "apps/hlcopy/status.hpp"

#include "apps/hlcopy/ledger_cli.hpp"
#include "apps/hlcopy/report.hpp"
#include "persistence/cursor_repo.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/skip_repo.hpp"
#include "persistence/strategy_state_repo.hpp"
#include "persistence/system_state_repo.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iomanip>
#include <map>
#include <set>

namespace hlc {

namespace {

constexpr std::size_t skips_per_symbol = 3;

constexpr const char* usage
    = R"(usage: hlcopy status [--db F | --config F] [--json]

Prints, from the database (opened read-only, so it works while the service
runs): the trading state and why, leader cursors, per symbol the leader
positions (k, attributed share), the target and the follower position, open
orders, skips by reason and the last skips per symbol with their reasons.
)";

struct symbol_view {
  std::vector<strategy_state_row> leaders;
  decimal target;
  std::map<std::string, decimal> follower; ///< by book: local, paper
  std::vector<skip_record> last_skips;
};

struct status_data {
  std::optional<system_state_row> state;
  std::vector<cursor_row> cursors;
  std::map<std::string, symbol_view> symbols; ///< by symbol (or coin)
  std::vector<order_record> open_orders;
  std::map<skip_reason, int64_t> skip_counts;
};

status_data gather(database& db) {
  status_data d;
  d.state = system_state_repo{db}.load();
  d.cursors = cursor_repo{db}.load_all();
  for (auto& row : strategy_state_repo{db}.load_all()) {
    auto& v = d.symbols[row.symbol.empty() ? row.coin : row.symbol];
    v.target += row.attributed_qty;
    v.leaders.push_back(row);
  }
  position_repo positions{db};
  for (auto* book : {"local", "paper"})
    for (auto& p : positions.load_book(book))
      d.symbols[p.symbol].follower[book] = p.qty;
  skip_repo skips{db};
  for (auto& [symbol, reasons] : skips.reasons_by_symbol())
    d.symbols[symbol];
  for (auto& [name, v] : d.symbols)
    v.last_skips = skips.load_for_symbol(name, skips_per_symbol);
  d.open_orders = order_repo{db}.load_non_terminal();
  d.skip_counts = skips.counts_by_reason();
  return d;
}

std::string short_leader(const std::string& address) {
  return address.size() > 10
             ? address.substr(0, 6) + "…" + address.substr(address.size() - 4)
             : address;
}

void render_text(const status_data& d, const std::string& path,
                 std::ostream& out) {
  out << "hlcopy status (" << path << ")\n";
  if (d.state) {
    auto& c = d.state->change;
    out << "state      " << to_string(c.state) << " (" << to_string(c.reason)
        << ") since " << ledger_cli::utc(c.time_ms) << " by " << c.actor;
    if (!c.detail.empty()) out << ": " << c.detail;
    out << "\nrun        " << d.state->run_id << ", config hash "
        << d.state->config_hash << "\n";
  } else {
    out << "state      (no state recorded yet)\n";
  }
  out << "cursors\n";
  if (d.cursors.empty()) out << "  (none)\n";
  for (auto& c : d.cursors)
    out << "  " << c.leader << "  " << ledger_cli::utc(c.last_time_ms) << "\n";
  out << "symbols    target = sum of the leaders' attributed shares; "
         "follower from the venue (local) or the paper book\n";
  if (d.symbols.empty()) out << "  (none)\n";
  for (auto& [name, v] : d.symbols) {
    out << "  " << std::left << std::setw(14) << name << " target "
        << v.target.to_string();
    for (auto& [book, qty] : v.follower)
      out << "  " << book << " " << qty.to_string();
    out << "\n";
    for (auto& l : v.leaders)
      out << "    leader " << short_leader(l.leader) << " " << l.coin << " "
          << l.leader_position.to_string() << "  k " << l.k.to_string()
          << "  attributed " << l.attributed_qty.to_string() << "\n";
    for (auto& s : v.last_skips)
      out << "    skip " << ledger_cli::utc(s.time_ms) << " "
          << to_string(s.reason) << ": "
          << explain(std::string{to_string(s.reason)})
          << (s.detail.empty() ? "" : " (" + s.detail + ")")
          << (s.correlation.empty() ? "" : " [fill " + s.correlation + "]")
          << "\n";
  }
  out << "open orders\n";
  if (d.open_orders.empty()) out << "  (none)\n";
  for (auto& o : d.open_orders)
    out << "  " << o.intent.client_id << " " << o.intent.symbol << " "
        << to_string(o.intent.side) << " " << o.intent.qty.to_string() << " "
        << to_string(o.state) << " filled " << o.filled_qty.to_string()
        << (o.intent.reduce_only ? " reduce-only" : "") << "\n";
  int64_t total = 0;
  for (auto& [reason, n] : d.skip_counts)
    total += n;
  out << "skips      " << total << " (why a leader fill was not copied)\n";
  for (auto& [reason, n] : d.skip_counts) {
    std::string name{to_string(reason)};
    out << "  " << std::left << std::setw(22) << name << std::right
        << std::setw(7) << n << "  " << explain(name) << "\n";
  }
}

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(json_writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(json_writer& w, const char* key, std::string_view value) {
  put(w, key, std::string{value});
}

void put(json_writer& w, const char* key, int64_t value) {
  w.Key(key);
  w.Int64(value);
}

void skip_json(json_writer& w, const skip_record& s) {
  w.StartObject();
  put(w, "time_ms", s.time_ms);
  put(w, "reason", to_string(s.reason));
  put(w, "explanation", explain(std::string{to_string(s.reason)}));
  put(w, "detail", s.detail);
  put(w, "leader", s.leader);
  put(w, "coin", s.coin);
  put(w, "symbol", s.symbol);
  put(w, "fill", s.correlation);
  w.EndObject();
}

void render_json(const status_data& d, std::ostream& out) {
  rapidjson::StringBuffer buf;
  json_writer w{buf};
  w.StartObject();
  w.Key("state");
  if (d.state) {
    auto& c = d.state->change;
    w.StartObject();
    put(w, "state", to_string(c.state));
    put(w, "reason", to_string(c.reason));
    put(w, "detail", c.detail);
    put(w, "actor", c.actor);
    put(w, "since_ms", c.time_ms);
    put(w, "run_id", d.state->run_id);
    put(w, "config_hash", d.state->config_hash);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("cursors");
  w.StartArray();
  for (auto& c : d.cursors) {
    w.StartObject();
    put(w, "leader", c.leader);
    put(w, "last_time_ms", c.last_time_ms);
    w.EndObject();
  }
  w.EndArray();
  w.Key("symbols");
  w.StartArray();
  for (auto& [name, v] : d.symbols) {
    w.StartObject();
    put(w, "symbol", name);
    put(w, "target", v.target.to_string());
    w.Key("follower");
    w.StartObject();
    for (auto& [book, qty] : v.follower)
      put(w, book.c_str(), qty.to_string());
    w.EndObject();
    w.Key("leaders");
    w.StartArray();
    for (auto& l : v.leaders) {
      w.StartObject();
      put(w, "leader", l.leader);
      put(w, "coin", l.coin);
      put(w, "position", l.leader_position.to_string());
      put(w, "k", l.k.to_string());
      put(w, "attributed", l.attributed_qty.to_string());
      w.EndObject();
    }
    w.EndArray();
    w.Key("last_skips");
    w.StartArray();
    for (auto& s : v.last_skips)
      skip_json(w, s);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("open_orders");
  w.StartArray();
  for (auto& o : d.open_orders) {
    w.StartObject();
    put(w, "client_id", o.intent.client_id);
    put(w, "symbol", o.intent.symbol);
    put(w, "side", to_string(o.intent.side));
    put(w, "qty", o.intent.qty.to_string());
    put(w, "state", to_string(o.state));
    put(w, "filled", o.filled_qty.to_string());
    w.Key("reduce_only");
    w.Bool(o.intent.reduce_only);
    put(w, "fill", o.intent.correlation);
    w.EndObject();
  }
  w.EndArray();
  w.Key("skip_counts");
  w.StartObject();
  for (auto& [reason, n] : d.skip_counts)
    put(w, std::string{to_string(reason)}.c_str(), n);
  w.EndObject();
  w.EndObject();
  out << buf.GetString() << "\n";
}

} // namespace

int status_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  auto o = ledger_cli::parse(argc, argv, true, err);
  if (!o) {
    err << "\n" << usage;
    return 2;
  }
  if (o->help) {
    out << usage;
    return 0;
  }
  if (!o->positional.empty()) {
    err << "hlcopy status: unexpected argument '" << o->positional.front()
        << "'\n\n"
        << usage;
    return 2;
  }
  try {
    auto db = ledger_cli::open(*o);
    auto data = gather(db);
    if (o->json)
      render_json(data, out);
    else
      render_text(data, o->db_path, out);
    return 0;
  } catch (const std::exception& e) {
    err << "hlcopy status: cannot read " << o->db_path << ": " << e.what()
        << "\n";
    return 1;
  }
}

} // namespace hlc
