#include "persistence/codec.hpp"

#include <limits>
#include <optional>

namespace hlc::db {

namespace {

std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

// Decodes an enum by matching its stable text form against every value from
// 0 to `last`, so the DB text can never drift from `to_string`.
template <class Enum>
Enum enum_from_db(const std::string& text, const char* field, Enum last,
                  const char* what) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    auto x = static_cast<Enum>(i);
    if (to_string(x) == text) return x;
  }
  throw db_error(field, std::string{"not a "} + what + ": " + quoted(text));
}

template <class Enum>
Enum parsed_or_throw(std::optional<Enum> x, const std::string& text,
                     const char* field, const char* what) {
  if (!x)
    throw db_error(field, std::string{"not a "} + what + ": " + quoted(text));
  return *x;
}

} // namespace

long long id_to_db(uint64_t x, const char* field) {
  if (x > static_cast<uint64_t>(std::numeric_limits<long long>::max()))
    throw db_error(field, "id " + std::to_string(x)
                              + " exceeds SQLite's signed 64-bit INTEGER");
  return static_cast<long long>(x);
}

uint64_t id_from_db(long long x, const char* field) {
  if (x < 0) throw db_error(field, "negative id " + std::to_string(x));
  return static_cast<uint64_t>(x);
}

decimal decimal_from_db(const std::string& text, const char* field) {
  if (auto x = decimal::parse(text)) return *x;
  throw db_error(field, "not a decimal: " + quoted(text));
}

side side_from_db(const std::string& text, const char* field) {
  return enum_from_db(text, field, side::sell, "side");
}

order_type order_type_from_db(const std::string& text, const char* field) {
  return enum_from_db(text, field, order_type::market, "order type");
}

time_in_force tif_from_db(const std::string& text, const char* field) {
  return enum_from_db(text, field, time_in_force::ioc, "time in force");
}

order_event_kind event_kind_from_db(const std::string& text,
                                    const char* field) {
  return enum_from_db(text, field, last_order_event_kind,
                      "order event kind");
}

order_state order_state_from_db(const std::string& text, const char* field) {
  return parsed_or_throw(order_state_from_string(text), text, field,
                         "order state");
}

skip_reason skip_reason_from_db(const std::string& text, const char* field) {
  return parsed_or_throw(skip_reason_from_string(text), text, field,
                         "skip reason");
}

trading_state trading_state_from_db(const std::string& text,
                                    const char* field) {
  return parsed_or_throw(trading_state_from_string(text), text, field,
                         "trading state");
}

state_reason state_reason_from_db(const std::string& text, const char* field) {
  return parsed_or_throw(state_reason_from_string(text), text, field,
                         "state reason");
}

// -- row_reader ---------------------------------------------------------------

std::string row_reader::field(std::size_t i) const {
  return std::string{table_} + "." + row_.get_properties(i).get_name();
}

void row_reader::require_not_null(std::size_t i) const {
  if (row_.get_indicator(i) == soci::i_null)
    throw db_error(field(i), "unexpected NULL");
}

std::string row_reader::text(std::size_t i) const {
  require_not_null(i);
  if (row_.get_properties(i).get_data_type() != soci::dt_string)
    throw db_error(field(i), "expected a TEXT column");
  return row_.get<std::string>(i);
}

int64_t row_reader::i64(std::size_t i) const {
  require_not_null(i);
  switch (row_.get_properties(i).get_data_type()) {
  case soci::dt_long_long:
    return row_.get<long long>(i);
  case soci::dt_unsigned_long_long: {
    auto x = row_.get<unsigned long long>(i);
    if (x > static_cast<unsigned long long>(
            std::numeric_limits<long long>::max()))
      throw db_error(field(i), "integer out of range");
    return static_cast<int64_t>(x);
  }
  case soci::dt_string: {
    // Expressions (count(*), +id) have no declared type; SOCI hands them
    // over as text, which converts exactly.
    auto text = row_.get<std::string>(i);
    std::size_t used = 0;
    long long x = 0;
    try {
      x = std::stoll(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != text.size())
      throw db_error(field(i), "not an integer: \"" + text + "\"");
    return x;
  }
  case soci::dt_integer:
    // SOCI already truncated the value to 32 bits while fetching: refuse
    // rather than return a wrong number (declare the column BIGINT).
    throw db_error(field(i), "declared INTEGER, read as 32-bit by SOCI; "
                             "declare it BIGINT");
  default:
    throw db_error(field(i), "expected an integer column");
  }
}

int row_reader::i32(std::size_t i) const {
  require_not_null(i);
  if (row_.get_properties(i).get_data_type() == soci::dt_integer)
    return row_.get<int>(i);
  auto x = i64(i);
  if (x < std::numeric_limits<int>::min()
      || x > std::numeric_limits<int>::max())
    throw db_error(field(i), "integer out of range: " + std::to_string(x));
  return static_cast<int>(x);
}

uint64_t row_reader::id(std::size_t i) const {
  auto f = field(i);
  return id_from_db(i64(i), f.c_str());
}

bool row_reader::flag(std::size_t i) const {
  auto x = i32(i);
  if (x != 0 && x != 1)
    throw db_error(field(i), "not a boolean 0/1: " + std::to_string(x));
  return x == 1;
}

decimal row_reader::dec(std::size_t i) const {
  auto f = field(i);
  return decimal_from_db(text(i), f.c_str());
}

} // namespace hlc::db
