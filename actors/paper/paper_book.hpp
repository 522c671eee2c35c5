#pragma once

#include "config/settings.hpp"
#include "messages/market.hpp"
#include "messages/order.hpp"
#include "messages/paper.hpp"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace hlc {

/// The dry-run paper exchange (SPEC EXE-11), pure: the same filters and
/// error codes as Binance, fills at mark ± slippage, one-way positions.
/// The actor around it persists every change, so a restarted dry run
/// continues where it stopped.
class paper_book {
public:
  explicit paper_book(paper_settings cfg);

  void set_filters(const symbol_filters& f);
  void set_mark(const std::string& symbol, decimal mark);

  /// A new mark: resting LIMIT orders it crosses fill at their own price
  /// (a reduce-only one at most the live position, the rest expires).
  /// Returns the events, in order, for the venue's event sink.
  std::vector<order_update> on_mark(const std::string& symbol, decimal mark,
                                    int64_t now_ms);

  /// Places an order: returns the venue's answer(s) in order (accepted,
  /// trade, or rejected with Binance's code).
  std::vector<order_update> submit(const order_intent& intent, int64_t now_ms);

  /// Looks an order up by client id; kind `not_found` (-2013) if unknown.
  order_update query(const std::string& symbol,
                     const std::string& client_id) const;

  /// Cancels a working order; -2011 when unknown or already closed.
  order_update cancel(const std::string& symbol, const std::string& client_id,
                      int64_t now_ms);

  decimal position(const std::string& symbol) const;

  // -- persistence support ----------------------------------------------------

  void restore_order(const paper_order& order);
  void restore_position(const paper_position& pos);
  void restore_next_id(uint64_t next_id) {
    next_id_ = next_id > next_id_ ? next_id : next_id_;
  }
  const paper_order* find(const std::string& client_id) const;
  const paper_position* find_position(const std::string& symbol) const;
  uint64_t next_id() const noexcept { return next_id_; }
  const std::map<std::string, paper_position>& positions() const noexcept {
    return positions_;
  }

private:
  order_update reject(const order_intent& intent, int code, std::string text,
                      int64_t now_ms) const;
  order_update snapshot(const paper_order& order, order_event_kind kind) const;
  void apply_fill(const std::string& symbol, side s, decimal qty, decimal px);

  paper_settings cfg_;
  std::map<std::string, symbol_filters> filters_;
  std::map<std::string, decimal> marks_;
  /// Forgets the oldest terminal orders of a symbol beyond the last
  /// `max_kept_terminal`: memory stays bounded over a long replay, and a
  /// restarted executor only ever asks about its latest orders.
  void remember(const paper_order& order);
  static constexpr size_t max_kept_terminal = 64;
  std::map<std::string, paper_order> orders_; ///< by client id
  /// Client ids of resting LIMIT orders by symbol: a mark looks at these
  /// only, so MARKET-only runs pay nothing per mark.
  std::map<std::string, std::set<std::string>> resting_;
  std::map<std::string, std::deque<std::string>> terminal_ids_; ///< by symbol
  std::map<std::string, paper_position> positions_;
  uint64_t next_id_ = 1;
};

} // namespace hlc
