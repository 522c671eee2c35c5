#pragma once

// Conversions between domain values and SQLite columns, shared by the
// repositories. Every decode failure is a `db_error` naming the column.

#include "messages/decimal.hpp"
#include "messages/order.hpp"
#include "messages/reasons.hpp"
#include "messages/side.hpp"
#include "persistence/db_error.hpp"

#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace hlc::db {

/// uint64 exchange id → SQLite INTEGER (signed 64-bit). Binance and
/// Hyperliquid ids are < 2^63; a larger one is refused, never wrapped.
long long id_to_db(uint64_t x, const char* field);

/// SQLite INTEGER → uint64 exchange id; negative values are refused.
uint64_t id_from_db(long long x, const char* field);

/// Exact text form of a decimal ("0.00000001", "-1839.2").
inline std::string to_db(decimal x) {
  return x.to_string();
}

decimal decimal_from_db(const std::string& text, const char* field);

side side_from_db(const std::string& text, const char* field);
order_type order_type_from_db(const std::string& text, const char* field);
time_in_force tif_from_db(const std::string& text, const char* field);
order_event_kind event_kind_from_db(const std::string& text, const char* field);
order_state order_state_from_db(const std::string& text, const char* field);
skip_reason skip_reason_from_db(const std::string& text, const char* field);
trading_state trading_state_from_db(const std::string& text, const char* field);
state_reason state_reason_from_db(const std::string& text, const char* field);

/// Typed access to one result row of a `soci::rowset<soci::row>`. SOCI
/// types a column by its declared SQL type: BIGINT → 64-bit, INTEGER →
/// 32-bit (so `i64` refuses it: the value is already truncated), none (an
/// expression such as count(*) or +id) → text, parsed exactly.
class row_reader {
public:
  row_reader(const soci::row& r, const char* table) : row_(r), table_(table) {
    // nop
  }

  std::string text(std::size_t i) const;
  int64_t i64(std::size_t i) const;
  int i32(std::size_t i) const;
  uint64_t id(std::size_t i) const;
  bool flag(std::size_t i) const;
  decimal dec(std::size_t i) const;

  /// "table.column" for error messages.
  std::string field(std::size_t i) const;

private:
  void require_not_null(std::size_t i) const;

  const soci::row& row_;
  const char* table_;
};

} // namespace hlc::db
