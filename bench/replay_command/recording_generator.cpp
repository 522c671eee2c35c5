#include "bench/replay_command/recording_generator.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>
#include <vector>

namespace hlc::bench {

namespace {

/// A Hyperliquid perp: price in ticks of 10^-px_decimals, size in lots of
/// 10^-sz_decimals (Hyperliquid's szDecimals), starting at the bundled mark.
struct coin {
  const char* name;
  int64_t px_ticks;
  int px_decimals;
  int sz_decimals;
  int weight; ///< share of the leader's orders, in percent
};

constexpr std::array<coin, 12> coins{{
    {"BTC", 288400, 1, 5, 30},
    {"ETH", 187640, 2, 4, 20},
    {"SOL", 21709, 3, 2, 12},
    {"ARB", 13167, 4, 1, 8},
    {"OP", 20209, 4, 1, 7},
    {"SUI", 13281, 4, 1, 6},
    {"DOGE", 78375, 6, 0, 5},
    {"AVAX", 16954, 3, 2, 4},
    {"LTC", 8840, 2, 2, 3},
    {"INJ", 7361, 3, 1, 2},
    {"ATOM", 10969, 3, 2, 2},
    {"BNB", 32375, 2, 3, 1},
}};

constexpr int64_t start_ms = 1'700'000'000'000;
constexpr int64_t max_position_usd = 60'000;

/// One fill in the temporary file (fixed size, so it can be read backwards).
struct fill_record {
  int64_t time_ms;
  int64_t px_ticks;
  int64_t sz_lots;
  int64_t start_lots;
  int64_t closed_pnl_cents;
  int64_t fee_micro_usd;
  uint64_t oid;
  uint64_t tid;
  uint64_t hash_hi;
  uint64_t hash_lo;
  uint32_t coin;
  uint8_t buy;
  uint8_t crossed;
};

int64_t pow10(int n) {
  int64_t x = 1;
  while (n-- > 0)
    x *= 10;
  return x;
}

/// `value * 10^-decimals` as Hyperliquid prints it: trailing zeros trimmed,
/// at least one digit after the point ("0.0", "4623.5", "0.01234").
std::string decimal_text(int64_t value, int decimals) {
  bool negative = value < 0;
  uint64_t v = negative ? static_cast<uint64_t>(-(value + 1)) + 1
                        : static_cast<uint64_t>(value);
  auto sign = negative ? "-" : "";
  if (decimals == 0) return sign + std::to_string(v) + ".0";
  auto scale = static_cast<uint64_t>(pow10(decimals));
  std::string whole = std::to_string(v / scale);
  std::string frac = std::to_string(v % scale);
  frac.insert(0, static_cast<size_t>(decimals) - frac.size(), '0');
  while (frac.size() > 1 && frac.back() == '0')
    frac.pop_back();
  return sign + whole + "." + frac;
}

const char* direction(int64_t start, int64_t end, bool buy) {
  if (buy) {
    if (start < 0 && end > 0) return "Short > Long";
    return start < 0 ? "Close Short" : "Open Long";
  }
  if (start > 0 && end < 0) return "Long > Short";
  return start > 0 ? "Close Long" : "Open Short";
}

struct file_closer {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using file_ptr = std::unique_ptr<std::FILE, file_closer>;

file_ptr open_file(const std::string& path, const char* mode) {
  file_ptr f{std::fopen(path.c_str(), mode)};
  if (!f) throw std::runtime_error("cannot open " + path);
  return f;
}

/// The leader: a random walk of orders over the coins.
class leader_model {
public:
  explicit leader_model(uint64_t seed) : rng_(seed) {
    for (size_t i = 0; i < coins.size(); ++i)
      px_[i] = coins[i].px_ticks;
  }

  /// Appends the fills of the next order to `out`.
  void next_order(std::vector<fill_record>& out, recording_stats& stats) {
    auto c = pick_coin();
    advance_time();
    move_price(c);
    auto& pos = position_[c];
    auto lots = lots_for(c, pick_notional());
    bool buy = false;
    int64_t total = 0; // lots traded by this order
    auto roll = below(100);
    if (pos == 0) {
      buy = below(2) == 0;
      total = lots;
    } else if (roll < 30 && notional(c, std::abs(pos)) < max_position_usd) {
      buy = pos > 0; // add
      total = lots;
    } else if (roll < 65) {
      buy = pos < 0; // partial reduce: 10 to 90 %
      total = std::max<int64_t>(1, std::abs(pos) * (10 + below(81)) / 100);
    } else if (roll < 85) {
      buy = pos < 0; // close
      total = std::abs(pos);
    } else {
      buy = pos < 0; // flip
      total = std::abs(pos) + lots;
      ++stats.flips;
    }
    total = std::max<int64_t>(total, 1);
    split(c, buy, total, out);
    ++stats.orders;
  }

private:
  uint64_t below(uint64_t n) { return rng_() % n; }

  size_t pick_coin() {
    auto r = static_cast<int>(below(100));
    for (size_t i = 0; i < coins.size(); ++i) {
      r -= coins[i].weight;
      if (r < 0) return i;
    }
    return 0;
  }

  void advance_time() {
    auto r = below(100);
    if (first_) {
      first_ = false;
      return;
    }
    if (r < 15) return; // another order in the same millisecond
    now_ms_ += r < 75 ? 1 + static_cast<int64_t>(below(500))
                      : 500 + static_cast<int64_t>(below(4500));
  }

  /// ± up to 15 basis points per order, kept within [1/2, 2] of the start.
  void move_price(size_t c) {
    auto bps = static_cast<int64_t>(below(31)) - 15;
    auto next = px_[c] + px_[c] * bps / 10'000;
    auto base = coins[c].px_ticks;
    if (next >= base / 2 && next <= base * 2) px_[c] = next;
  }

  /// Log-spread order sizes: 50 USD to 40 000 USD.
  int64_t pick_notional() {
    static constexpr std::array<int64_t, 10> buckets{
        50, 100, 200, 500, 1'000, 2'000, 3'000, 5'000, 10'000, 20'000};
    auto b = buckets[below(buckets.size())];
    return b + static_cast<int64_t>(below(static_cast<uint64_t>(b)));
  }

  int64_t lots_for(size_t c, int64_t usd) const {
    auto& k = coins[c];
    return std::max<int64_t>(1, usd * pow10(k.px_decimals + k.sz_decimals)
                                    / px_[c]);
  }

  int64_t notional(size_t c, int64_t lots) const {
    auto& k = coins[c];
    return lots * px_[c] / pow10(k.px_decimals + k.sz_decimals);
  }

  /// One order becomes 1..6 fills in one millisecond, walking the book.
  void split(size_t c, bool buy, int64_t total, std::vector<fill_record>& out) {
    auto r = below(100);
    int64_t parts = r < 50 ? 1 : r < 75 ? 2 : r < 90 ? 3 : 4 + below(3);
    parts = std::min(parts, total);
    auto oid = next_oid_ += 1 + below(50);
    auto hash_hi = rng_();
    auto hash_lo = rng_();
    bool crossed = below(100) < 80;
    auto px = px_[c];
    auto left = total;
    auto& pos = position_[c];
    for (int64_t i = 0; i < parts; ++i) {
      auto remaining_parts = parts - i;
      auto sz = remaining_parts == 1
                    ? left
                    : 1
                          + static_cast<int64_t>(below(static_cast<uint64_t>(
                              left - remaining_parts + 1)));
      left -= sz;
      fill_record f{};
      f.time_ms = now_ms_;
      f.px_ticks = px;
      f.sz_lots = sz;
      f.start_lots = pos;
      auto end = pos + (buy ? sz : -sz);
      bool reduces = (pos > 0 && !buy) || (pos < 0 && buy);
      f.closed_pnl_cents
          = reduces ? static_cast<int64_t>(below(20'001)) - 10'000 : 0;
      auto& k = coins[c];
      f.fee_micro_usd = px * sz * 1'000'000
                        / pow10(k.px_decimals + k.sz_decimals) * 25 / 100'000;
      f.oid = oid;
      f.tid = next_tid_ += 1 + below(1000);
      f.hash_hi = hash_hi;
      f.hash_lo = hash_lo;
      f.coin = static_cast<uint32_t>(c);
      f.buy = buy ? 1 : 0;
      f.crossed = crossed ? 1 : 0;
      out.push_back(f);
      pos = end;
      // the next level of the book is a tick or two worse for the taker
      auto step = 1 + static_cast<int64_t>(below(2));
      px += buy ? step : -step;
      if (px < 1) px = 1;
    }
  }

  std::mt19937_64 rng_;
  std::array<int64_t, coins.size()> px_{};
  std::array<int64_t, coins.size()> position_{};
  int64_t now_ms_ = start_ms;
  bool first_ = true;
  uint64_t next_oid_ = 4'000'000'000;
  uint64_t next_tid_ = 900'000'000'000'000;
};

std::string to_json(const fill_record& f) {
  auto& k = coins[f.coin];
  auto end = f.start_lots + (f.buy != 0 ? f.sz_lots : -f.sz_lots);
  char hash[67];
  std::snprintf(hash, sizeof(hash), "0x%016llx%016llx%016llx%016llx",
                static_cast<unsigned long long>(f.hash_hi),
                static_cast<unsigned long long>(f.hash_lo),
                static_cast<unsigned long long>(f.hash_hi ^ f.oid),
                static_cast<unsigned long long>(f.hash_lo ^ f.tid));
  std::string s = "{\"coin\":\"";
  s += k.name;
  s += "\",\"px\":\"" + decimal_text(f.px_ticks, k.px_decimals);
  s += "\",\"sz\":\"" + decimal_text(f.sz_lots, k.sz_decimals);
  s += "\",\"side\":\"";
  s += f.buy != 0 ? "B" : "A";
  s += "\",\"time\":" + std::to_string(f.time_ms);
  s += ",\"startPosition\":\"" + decimal_text(f.start_lots, k.sz_decimals);
  s += "\",\"dir\":\"";
  s += direction(f.start_lots, end, f.buy != 0);
  s += "\",\"closedPnl\":\"" + decimal_text(f.closed_pnl_cents, 2);
  s += "\",\"hash\":\"";
  s += hash;
  s += "\",\"oid\":" + std::to_string(f.oid);
  s += ",\"crossed\":";
  s += f.crossed != 0 ? "true" : "false";
  s += ",\"fee\":\"" + decimal_text(f.fee_micro_usd, 6);
  s += "\",\"tid\":" + std::to_string(f.tid);
  s += ",\"feeToken\":\"USDC\"}";
  return s;
}

/// Writes the JSON document around the fills, one fill per line.
class json_writer {
public:
  json_writer(const std::string& path, const recording_options& opts)
      : out_(open_file(path, "wb")) {
    if (opts.wrapped)
      put("{\"request\":{\"type\":\"userFills\",\"user\":\"" + opts.leader
          + "\"},\"response\":[\n");
    else
      put("[\n");
    wrapped_ = opts.wrapped;
  }

  void fill(const fill_record& f) {
    if (count_++ != 0) put(",\n");
    put(to_json(f));
  }

  size_t finish() {
    put(wrapped_ ? "\n]}\n" : "\n]\n");
    if (std::fflush(out_.get()) != 0) throw std::runtime_error("write failed");
    return bytes_;
  }

private:
  void put(const std::string& s) {
    if (std::fwrite(s.data(), 1, s.size(), out_.get()) != s.size())
      throw std::runtime_error("write failed");
    bytes_ += s.size();
  }

  file_ptr out_;
  bool wrapped_ = true;
  size_t count_ = 0;
  size_t bytes_ = 0;
};

/// Emits the records of `tmp` newest millisecond first, each millisecond's
/// fills in execution order (what userFills answers), reading backwards in
/// blocks so memory stays bounded.
void write_newest_first(std::FILE* tmp, size_t n, json_writer& out) {
  constexpr size_t block = 8192;
  std::vector<fill_record> buf(block);
  std::vector<fill_record> same_ms; // newest first while collecting
  auto flush_group = [&] {
    for (auto i = same_ms.rbegin(); i != same_ms.rend(); ++i)
      out.fill(*i);
    same_ms.clear();
  };
  size_t end = n;
  while (end > 0) {
    auto begin = end >= block ? end - block : 0;
    auto count = end - begin;
    if (std::fseek(tmp, static_cast<long>(begin * sizeof(fill_record)),
                   SEEK_SET)
            != 0
        || std::fread(buf.data(), sizeof(fill_record), count, tmp) != count)
      throw std::runtime_error("cannot read the temporary fill file");
    for (size_t i = count; i-- > 0;) {
      if (!same_ms.empty() && same_ms.back().time_ms != buf[i].time_ms)
        flush_group();
      same_ms.push_back(buf[i]);
    }
    end = begin;
  }
  flush_group();
}

} // namespace

recording_stats write_recording(const std::string& path,
                                const recording_options& opts) {
  recording_stats stats;
  leader_model leader{opts.seed};
  auto tmp_path = path + ".fills.bin";
  auto tmp = open_file(tmp_path, "w+b");
  json_writer json{path, opts};
  std::vector<fill_record> order;
  int64_t previous_ms = -1;
  size_t run = 0; // fills in the current millisecond so far
  while (stats.fills < opts.fills) {
    order.clear();
    leader.next_order(order, stats);
    if (order.size() > opts.fills - stats.fills)
      order.resize(opts.fills - stats.fills);
    for (auto& f : order) {
      if (f.time_ms == previous_ms) {
        stats.shared_ms += run == 1 ? 2 : 1;
        ++run;
      } else {
        run = 1;
      }
      previous_ms = f.time_ms;
      if (opts.newest_first) {
        if (std::fwrite(&f, sizeof f, 1, tmp.get()) != 1)
          throw std::runtime_error("cannot write " + tmp_path);
      } else {
        json.fill(f);
      }
      if (stats.fills == 0) stats.first_ms = f.time_ms;
      stats.last_ms = f.time_ms;
      ++stats.fills;
    }
  }
  if (opts.newest_first) write_newest_first(tmp.get(), stats.fills, json);
  stats.bytes = json.finish();
  tmp.reset();
  std::remove(tmp_path.c_str());
  return stats;
}

} // namespace hlc::bench
