#pragma once

#include "messages/decimal.hpp"

#include <cstdint>

namespace hlc {

/// An exact rational number for the target book's attributions (SPEC STR-10,
/// ADR 0018): a proportional reduction multiplies by `|end| / |start|`,
/// which a decimal cannot hold exactly (2/3). Numerator and denominator are
/// kept reduced and within 63 bits so that every product of two fits the
/// 128-bit intermediates; a result that would not fit is replaced by its
/// decimal image (`to_decimal`), the only approximation, documented in ADR
/// 0018. Arithmetic throws `decimal_error` when even that is impossible.
class fraction {
public:
  constexpr fraction() noexcept = default;

  /// The exact value of `x`.
  static fraction of(decimal x);

  bool is_zero() const noexcept { return num_ == 0; }
  int sign() const noexcept { return num_ < 0 ? -1 : (num_ > 0 ? 1 : 0); }
  fraction abs() const;
  fraction operator-() const;

  friend fraction operator+(const fraction& a, const fraction& b);
  friend fraction operator-(const fraction& a, const fraction& b);
  friend fraction operator*(const fraction& a, const fraction& b);
  /// Throws `decimal_error` on division by zero.
  friend fraction operator/(const fraction& a, const fraction& b);

  friend int compare(const fraction& a, const fraction& b) noexcept;
  friend bool operator==(const fraction& a, const fraction& b) noexcept {
    return a.num_ == b.num_ && a.den_ == b.den_;
  }
  friend bool operator!=(const fraction& a, const fraction& b) noexcept {
    return !(a == b);
  }
  friend bool operator<(const fraction& a, const fraction& b) noexcept {
    return compare(a, b) < 0;
  }
  friend bool operator<=(const fraction& a, const fraction& b) noexcept {
    return compare(a, b) <= 0;
  }
  friend bool operator>(const fraction& a, const fraction& b) noexcept {
    return compare(a, b) > 0;
  }
  friend bool operator>=(const fraction& a, const fraction& b) noexcept {
    return compare(a, b) >= 0;
  }

  /// The value rounded toward zero to the most fraction digits (at most
  /// `max_scale` ≤ 18) that a decimal's 64-bit mantissa holds; exact when
  /// the value is such a decimal.
  /// Rounding toward zero keeps the sign and never rounds across a multiple
  /// of a (coarser) step, so rounding the image down to a step gives the same
  /// quantity as rounding the exact value.
  decimal to_decimal(int max_scale = decimal::max_scale) const;

  /// True if `to_decimal()` is exact.
  bool is_decimal() const;

private:
  __extension__ using int128 = __int128;

  fraction(int128 num, int128 den); // reduces, bounds, den > 0

  int128 num_ = 0;
  int128 den_ = 1;
};

} // namespace hlc
