#include "actors/strategy/fraction.hpp"

#include <cstdint>
#include <limits>

namespace hlc {

namespace {

__extension__ using int128 = __int128;

// Components stay below 2^60: a product of two is below 2^120, a sum of two
// products below 2^121, and ten times a remainder in the long division below
// 2^125, all inside the signed 128-bit range.
constexpr int128 component_limit = int128{1} << 60;

constexpr int max_digits = 18; // 10^18 < 2^60

int128 abs128(int128 x) {
  return x < 0 ? -x : x;
}

__extension__ using uint128 = unsigned __int128;

/// Binary gcd: shifts and subtractions, no 128-bit division (a library call
/// that made the target book ten times slower).
uint64_t gcd64(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  while (b != 0) {
    b >>= __builtin_ctzll(b);
    if (a > b) {
      auto t = a;
      a = b;
      b = t;
    }
    b -= a;
  }
  return a << shift;
}

int ctz128(uint128 x) {
  auto low = static_cast<uint64_t>(x);
  return low != 0 ? __builtin_ctzll(low)
                  : 64 + __builtin_ctzll(static_cast<uint64_t>(x >> 64));
}

int128 gcd128(int128 sa, int128 sb) {
  auto a = static_cast<uint128>(abs128(sa));
  auto b = static_cast<uint128>(abs128(sb));
  if ((a >> 64) == 0 && (b >> 64) == 0)
    return static_cast<int128>(
        gcd64(static_cast<uint64_t>(a), static_cast<uint64_t>(b)));
  if (a == 0) return static_cast<int128>(b);
  if (b == 0) return static_cast<int128>(a);
  int shift = ctz128(a | b);
  a >>= ctz128(a);
  while (b != 0) {
    b >>= ctz128(b);
    if (a > b) {
      auto t = a;
      a = b;
      b = t;
    }
    b -= a;
    if ((a >> 64) == 0 && (b >> 64) == 0)
      return static_cast<int128>(
                 gcd64(static_cast<uint64_t>(a), static_cast<uint64_t>(b)))
             << shift;
  }
  return static_cast<int128>(a) << shift;
}

int128 pow10(int n) {
  int128 x = 1;
  for (int i = 0; i < n; ++i)
    x *= 10;
  return x;
}

/// |num / den| toward zero with as many fraction digits (≤ 18) as keep the
/// mantissa below `limit`; `den > 0`, `num` and `den` below 2^121.
struct digits {
  int128 mantissa;
  int scale;
  bool exact;
};

digits long_divide(int128 num, int128 den, int128 limit,
                   int max_scale = max_digits) {
  auto n = abs128(num);
  auto mantissa = n / den;
  auto rem = n % den;
  if (mantissa >= limit)
    throw decimal_error("fraction: value too large for a decimal");
  int scale = 0;
  while (rem != 0 && scale < max_scale) {
    auto next = mantissa * 10 + (rem * 10) / den;
    if (next >= limit) break;
    mantissa = next;
    rem = (rem * 10) % den;
    ++scale;
  }
  return {num < 0 ? -mantissa : mantissa, scale, rem == 0};
}

} // namespace

fraction::fraction(int128 num, int128 den) {
  if (den == 0) throw decimal_error("fraction: division by zero");
  if (den < 0) {
    num = -num;
    den = -den;
  }
  auto g = den == 1 ? int128{1} : gcd128(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  if (num == 0) den = 1;
  if (abs128(num) >= component_limit || den >= component_limit) {
    // Too many digits to stay exact: keep the decimal image (ADR 0018).
    auto d = long_divide(num, den, component_limit);
    auto scaled = pow10(d.scale);
    auto g2 = gcd128(d.mantissa, scaled);
    num = d.mantissa / (g2 > 0 ? g2 : 1);
    den = scaled / (g2 > 0 ? g2 : 1);
  }
  num_ = num;
  den_ = den;
}

fraction fraction::of(decimal x) {
  return fraction{int128{x.mantissa()}, pow10(x.scale())};
}

fraction fraction::abs() const {
  return fraction{abs128(num_), den_};
}

fraction fraction::operator-() const {
  return fraction{-num_, den_};
}

fraction operator+(const fraction& a, const fraction& b) {
  if (a.num_ == 0) return b;
  if (b.num_ == 0) return a;
  if (a.den_ == b.den_) return fraction{a.num_ + b.num_, a.den_};
  return fraction{a.num_ * b.den_ + b.num_ * a.den_, a.den_ * b.den_};
}

fraction operator-(const fraction& a, const fraction& b) {
  if (b.num_ == 0) return a;
  if (a.den_ == b.den_) return fraction{a.num_ - b.num_, a.den_};
  return fraction{a.num_ * b.den_ - b.num_ * a.den_, a.den_ * b.den_};
}

fraction operator*(const fraction& a, const fraction& b) {
  if (a.num_ == 0 || b.num_ == 0) return fraction{};
  return fraction{a.num_ * b.num_, a.den_ * b.den_};
}

fraction operator/(const fraction& a, const fraction& b) {
  if (b.num_ == 0) throw decimal_error("fraction: division by zero");
  return fraction{a.num_ * b.den_, a.den_ * b.num_};
}

int compare(const fraction& a, const fraction& b) noexcept {
  auto lhs = a.num_ * b.den_;
  auto rhs = b.num_ * a.den_;
  return lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
}

decimal fraction::to_decimal(int max_scale) const {
  auto d
      = long_divide(num_, den_, int128{std::numeric_limits<int64_t>::max()} + 1,
                    max_scale < max_digits ? max_scale : max_digits);
  return decimal::from_units(static_cast<int64_t>(d.mantissa), d.scale)
      .normalized();
}

bool fraction::is_decimal() const {
  return long_divide(num_, den_,
                     int128{std::numeric_limits<int64_t>::max()} + 1)
      .exact;
}

} // namespace hlc
