#include "support/crash_points.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>

namespace hlc::crash_points {

namespace {

constexpr size_t point_count = all_points.size();

std::array<std::atomic<uint64_t>, point_count> passes{};
std::atomic<int> armed_point{-1};
std::atomic<uint64_t> armed_n{0};
std::atomic<bool> counting{false};

size_t index(point p) noexcept {
  return static_cast<size_t>(p);
}

} // namespace

std::string_view to_string(point p) noexcept {
  switch (p) {
  case point::intent_committed:
    return "intent_committed";
  case point::order_sent:
    return "order_sent";
  case point::answer_recorded:
    return "answer_recorded";
  case point::decision_persisted:
    return "decision_persisted";
  }
  return "?";
}

std::optional<point> parse_point(std::string_view text) noexcept {
  for (auto p : all_points)
    if (to_string(p) == text) return p;
  return std::nullopt;
}

std::optional<crash_spec> parse_spec(std::string_view text,
                                     std::string& error) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    error = "expected POINT:N, got '" + std::string{text} + "'";
    return std::nullopt;
  }
  auto name = text.substr(0, colon);
  auto p = parse_point(name);
  if (!p) {
    error = "unknown crash point '" + std::string{name}
            + "' (intent_committed, order_sent, answer_recorded, "
              "decision_persisted)";
    return std::nullopt;
  }
  auto digits = text.substr(colon + 1);
  uint64_t n = 0;
  for (auto c : digits) {
    if (c < '0' || c > '9' || n > UINT64_MAX / 10) {
      n = 0;
      break;
    }
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (digits.empty() || n == 0) {
    error = "crash point count must be a whole number >= 1, got '"
            + std::string{digits} + "'";
    return std::nullopt;
  }
  return crash_spec{*p, n};
}

void arm(crash_spec spec) {
  armed_n = spec.n;
  armed_point = static_cast<int>(index(spec.at));
}

void enable_counting() {
  counting = true;
}

bool active() noexcept {
  return counting.load() || armed_point.load() >= 0;
}

bool pass(point p) noexcept {
  auto n = ++passes[index(p)];
  return armed_point.load() == static_cast<int>(index(p)) && n == armed_n;
}

void crash_now() {
  std::raise(SIGKILL);
  std::abort(); // unreachable: SIGKILL cannot be caught
}

uint64_t count(point p) noexcept {
  return passes[index(p)].load();
}

std::string counts_json() {
  std::string out = "{\"crash_points\":{";
  for (size_t i = 0; i < point_count; ++i) {
    if (i != 0) out += ',';
    out += '"';
    out += to_string(all_points[i]);
    out += "\":" + std::to_string(count(all_points[i]));
  }
  return out + "}}";
}

void reset() noexcept {
  armed_point = -1;
  armed_n = 0;
  counting = false;
  for (auto& n : passes)
    n = 0;
}

} // namespace hlc::crash_points
