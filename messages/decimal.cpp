#include "messages/decimal.hpp"

#include <array>

namespace hlc {

namespace {

__extension__ using int128 = __int128;

constexpr int max_pow10 = 38;

// 10^0 .. 10^38 as 128-bit integers (10^38 < 2^127).
constexpr std::array<int128, max_pow10 + 1> make_pow10() {
  std::array<int128, max_pow10 + 1> result{};
  int128 x = 1;
  for (int i = 0; i <= max_pow10; ++i) {
    result[static_cast<size_t>(i)] = x;
    if (i < max_pow10) x *= 10;
  }
  return result;
}

constexpr auto pow10_table = make_pow10();

int128 pow10(int n) {
  if (n < 0 || n > max_pow10)
    throw decimal_error("decimal: power of ten out of range");
  return pow10_table[static_cast<size_t>(n)];
}

constexpr int128 int64_max = INT64_MAX;
constexpr int128 int64_min = INT64_MIN;

bool fits_int64(int128 x) {
  return x >= int64_min && x <= int64_max;
}

// Divides with the requested rounding; `den` must be non-zero.
int128 divide_rounded(int128 num, int128 den, rounding mode) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int128 q = num / den; // truncates toward zero
  int128 r = num % den;
  if (r == 0) return q;
  bool negative = num < 0;
  switch (mode) {
  case rounding::toward_zero:
    return q;
  case rounding::floor:
    return negative ? q - 1 : q;
  case rounding::ceil:
    return negative ? q : q + 1;
  case rounding::half_up: {
    int128 twice = (r < 0 ? -r : r) * 2;
    if (twice >= den) return negative ? q - 1 : q + 1;
    return q;
  }
  }
  return q;
}

// Builds a decimal from a 128-bit mantissa, dropping trailing zeros only
// when needed to fit; throws when the value cannot be held exactly.
decimal make_exact(int128 mantissa, int scale, const char* what) {
  while ((scale > decimal::max_scale || !fits_int64(mantissa)) && scale > 0
         && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  if (scale > decimal::max_scale || !fits_int64(mantissa))
    throw decimal_error(std::string{"decimal: "} + what
                        + " is not representable exactly");
  return decimal::from_units(static_cast<int64_t>(mantissa), scale);
}

int128 scaled_to(decimal x, int target_scale) {
  return static_cast<int128>(x.mantissa()) * pow10(target_scale - x.scale());
}

} // namespace

decimal decimal::from_units(int64_t mantissa, int scale) {
  if (scale < 0 || scale > max_scale)
    throw decimal_error("decimal: scale " + std::to_string(scale)
                        + " out of range 0..18");
  return decimal{mantissa, scale};
}

std::optional<decimal> decimal::parse(std::string_view text) noexcept {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  int128 mantissa = 0;
  int scale = 0;
  int digits = 0;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (in_fraction) return std::nullopt;
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    mantissa = mantissa * 10 + (c - '0');
    if (in_fraction) ++scale;
    if (mantissa > pow10_table[37]) // far beyond 64 bits already
      return std::nullopt;
  }
  if (digits == 0) return std::nullopt;
  if (negative) mantissa = -mantissa;
  while ((scale > max_scale || !fits_int64(mantissa)) && scale > 0
         && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  if (scale > max_scale || !fits_int64(mantissa)) return std::nullopt;
  return decimal{static_cast<int64_t>(mantissa), scale};
}

decimal decimal::parse_or_throw(std::string_view text) {
  if (auto result = parse(text)) return *result;
  throw decimal_error("not a decimal number: \"" + std::string{text} + "\"");
}

decimal decimal::normalized() const noexcept {
  auto m = mantissa_;
  int s = scale_;
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  if (m == 0) s = 0;
  return decimal{m, s};
}

std::string decimal::to_string() const {
  auto n = normalized();
  return n.to_fixed(n.scale());
}

std::string decimal::to_fixed(int decimals) const {
  if (decimals < 0 || decimals > max_scale)
    throw decimal_error("decimal: to_fixed precision out of range");
  int128 m = static_cast<int128>(mantissa_);
  if (decimals >= scale_)
    m *= pow10(decimals - scale_);
  else
    m = divide_rounded(m, pow10(scale_ - decimals), rounding::half_up);
  bool negative = m < 0;
  if (negative) m = -m;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + (m % 10)));
    m /= 10;
  } while (m != 0);
  if (decimals > 0) {
    if (digits.size() <= static_cast<size_t>(decimals))
      digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<size_t>(decimals), ".");
  }
  if (negative) digits.insert(digits.begin(), '-');
  return digits;
}

decimal decimal::abs() const {
  return mantissa_ < 0 ? -*this : *this;
}

decimal decimal::operator-() const {
  if (mantissa_ == INT64_MIN)
    throw decimal_error("decimal: negation overflows");
  return decimal{-mantissa_, scale_};
}

decimal operator+(decimal a, decimal b) {
  int s = a.scale() > b.scale() ? a.scale() : b.scale();
  return make_exact(scaled_to(a, s) + scaled_to(b, s), s, "sum");
}

decimal operator-(decimal a, decimal b) {
  int s = a.scale() > b.scale() ? a.scale() : b.scale();
  return make_exact(scaled_to(a, s) - scaled_to(b, s), s, "difference");
}

decimal operator*(decimal a, decimal b) {
  auto product = static_cast<int128>(a.mantissa()) * b.mantissa();
  return make_exact(product, a.scale() + b.scale(), "product");
}

decimal decimal::multiply(decimal a, decimal b, int scale, rounding mode) {
  if (scale < 0 || scale > max_scale)
    throw decimal_error("decimal: multiply scale out of range");
  auto product = static_cast<int128>(a.mantissa()) * b.mantissa();
  int product_scale = a.scale() + b.scale();
  int128 result
      = product_scale >= scale
            ? divide_rounded(product, pow10(product_scale - scale), mode)
            : product * pow10(scale - product_scale);
  return make_exact(result, scale, "product");
}

decimal decimal::divide(decimal a, decimal b, int scale, rounding mode) {
  if (b.is_zero()) throw decimal_error("decimal: division by zero");
  if (scale < 0 || scale > max_scale)
    throw decimal_error("decimal: divide scale out of range");
  // a/b at `scale` digits = a.m * 10^(scale + b.s - a.s) / b.m
  int exponent = scale + b.scale() - a.scale();
  int128 num = a.mantissa();
  int128 den = b.mantissa();
  if (exponent >= 0)
    num *= pow10(exponent);
  else
    den *= pow10(-exponent);
  return make_exact(divide_rounded(num, den, mode), scale, "quotient");
}

decimal decimal::round_to_step(decimal step, rounding mode) const {
  if (!step.is_positive())
    throw decimal_error("decimal: step must be positive");
  int s = scale_ > step.scale() ? scale_ : step.scale();
  int128 count = divide_rounded(scaled_to(*this, s), scaled_to(step, s), mode);
  return make_exact(count * step.mantissa(), step.scale(), "rounded value");
}

bool decimal::is_multiple_of(decimal step) const {
  if (!step.is_positive()) return false;
  int s = scale_ > step.scale() ? scale_ : step.scale();
  return scaled_to(*this, s) % scaled_to(step, s) == 0;
}

int compare(decimal a, decimal b) noexcept {
  int s = a.scale() > b.scale() ? a.scale() : b.scale();
  auto x = static_cast<int128>(a.mantissa())
           * pow10_table[static_cast<size_t>(s - a.scale())];
  auto y = static_cast<int128>(b.mantissa())
           * pow10_table[static_cast<size_t>(s - b.scale())];
  return x < y ? -1 : (x > y ? 1 : 0);
}

std::string to_string(decimal x) {
  return x.to_string();
}

} // namespace hlc
