#include "apps/hlcopy/mark_timeline.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace hlc {

mark_timeline::mark_timeline(std::vector<mark_price> marks)
    : marks_(std::move(marks)) {
  std::set<std::string> seen;
  for (auto& m : marks_)
    if (!seen.insert(m.symbol).second) timeline_ = true;
  std::stable_sort(marks_.begin(), marks_.end(),
                   [](const mark_price& a, const mark_price& b) {
                     return a.time_ms < b.time_ms;
                   });
}

std::vector<mark_price> mark_timeline::starting(int64_t first_ms) {
  std::map<std::string, mark_price> latest;
  while (next_ < marks_.size() && marks_[next_].time_ms <= first_ms) {
    latest[marks_[next_].symbol] = marks_[next_];
    ++next_;
  }
  std::vector<mark_price> result;
  for (auto& [symbol, m] : latest)
    result.push_back(m);
  return result;
}

std::vector<mark_price> mark_timeline::due(int64_t now_ms) {
  std::vector<mark_price> result;
  while (next_ < marks_.size() && marks_[next_].time_ms <= now_ms)
    result.push_back(marks_[next_++]);
  return result;
}

} // namespace hlc
