#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hlc {

/// How a result that does not fit the requested precision is rounded.
enum class rounding : uint8_t {
  floor,       ///< toward negative infinity
  ceil,        ///< toward positive infinity
  toward_zero, ///< truncate
  half_up,     ///< to nearest, ties away from zero
};

/// Raised when a decimal operation cannot be represented exactly.
class decimal_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// An exact decimal number: `mantissa * 10^-scale`, with a 64-bit mantissa
/// and 128-bit intermediates. Prices, quantities and notionals use it; a
/// `double` never touches money. Equality and ordering compare values, so
/// `1.50 == 1.5`.
class decimal {
public:
  static constexpr int max_scale = 18;

  // -- construction -----------------------------------------------------------

  constexpr decimal() noexcept = default;

  /// `mantissa * 10^-scale`; throws `decimal_error` for a scale out of range.
  static decimal from_units(int64_t mantissa, int scale);

  /// An integer value.
  static constexpr decimal from_int(int64_t value) noexcept {
    return decimal{value, 0};
  }

  /// Parses a plain wire string ("-12.3400", "5", ".5"). Rejects exponents,
  /// empty strings, stray characters and values beyond 18 decimals or 64 bits.
  static std::optional<decimal> parse(std::string_view text) noexcept;

  /// Like `parse`, but throws `decimal_error` naming the text.
  static decimal parse_or_throw(std::string_view text);

  // -- properties -------------------------------------------------------------

  constexpr int64_t mantissa() const noexcept { return mantissa_; }
  constexpr int scale() const noexcept { return scale_; }
  constexpr bool is_zero() const noexcept { return mantissa_ == 0; }
  constexpr bool is_negative() const noexcept { return mantissa_ < 0; }
  constexpr bool is_positive() const noexcept { return mantissa_ > 0; }
  /// -1, 0 or 1.
  constexpr int sign() const noexcept {
    return mantissa_ < 0 ? -1 : (mantissa_ > 0 ? 1 : 0);
  }

  /// The same value with trailing zeros of the fraction removed.
  decimal normalized() const noexcept;

  /// Plain text without exponent and without trailing fractional zeros.
  std::string to_string() const;

  /// Plain text with exactly `decimals` fraction digits (rounded half-up).
  std::string to_fixed(int decimals) const;

  // -- arithmetic (exact; throw `decimal_error` when not representable) -------

  decimal abs() const;
  decimal operator-() const;
  friend decimal operator+(decimal a, decimal b);
  friend decimal operator-(decimal a, decimal b);
  friend decimal operator*(decimal a, decimal b);
  decimal& operator+=(decimal x) { return *this = *this + x; }
  decimal& operator-=(decimal x) { return *this = *this - x; }

  /// `a * b` rounded to `scale` fraction digits.
  static decimal multiply(decimal a, decimal b, int scale, rounding mode);

  /// `a / b` rounded to `scale` fraction digits; throws on division by zero.
  static decimal divide(decimal a, decimal b, int scale, rounding mode);

  /// The multiple of `step` nearest to this value in direction `mode`.
  decimal round_to_step(decimal step, rounding mode) const;

  /// Quantity rounding: the multiple of `step` toward zero (never rounds up).
  decimal round_down_to_step(decimal step) const {
    return round_to_step(step, rounding::toward_zero);
  }

  /// True if this value is an exact multiple of `step`.
  bool is_multiple_of(decimal step) const;

  // -- comparison -------------------------------------------------------------

  friend int compare(decimal a, decimal b) noexcept;
  friend bool operator==(decimal a, decimal b) noexcept {
    return compare(a, b) == 0;
  }
  friend bool operator!=(decimal a, decimal b) noexcept {
    return compare(a, b) != 0;
  }
  friend bool operator<(decimal a, decimal b) noexcept {
    return compare(a, b) < 0;
  }
  friend bool operator<=(decimal a, decimal b) noexcept {
    return compare(a, b) <= 0;
  }
  friend bool operator>(decimal a, decimal b) noexcept {
    return compare(a, b) > 0;
  }
  friend bool operator>=(decimal a, decimal b) noexcept {
    return compare(a, b) >= 0;
  }

  friend decimal min(decimal a, decimal b) noexcept { return b < a ? b : a; }
  friend decimal max(decimal a, decimal b) noexcept { return a < b ? b : a; }

  // CAF serialization needs mutable access to both fields.
  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, decimal& x);

private:
  constexpr decimal(int64_t mantissa, int scale) noexcept
      : mantissa_(mantissa), scale_(static_cast<uint8_t>(scale)) {
    // nop
  }

  int64_t mantissa_ = 0;
  uint8_t scale_ = 0;
};

std::string to_string(decimal x);

} // namespace hlc

template <>
struct std::hash<hlc::decimal> {
  size_t operator()(hlc::decimal x) const noexcept {
    auto n = x.normalized();
    return std::hash<int64_t>{}(n.mantissa()) * 31u
           + static_cast<size_t>(n.scale());
  }
};
