#include "ingest/stale_watch.hpp"

namespace hlc::ingest {

const char* to_string(feed_mode x) noexcept {
  return x == feed_mode::stream ? "stream" : "polling";
}

void stale_watch::start(int64_t now_ms) {
  started_ = true;
  last_frame_ms_ = now_ms;
}

bool stale_watch::on_frame(int64_t now_ms) {
  last_frame_ms_ = now_ms;
  if (mode_ == feed_mode::polling) {
    mode_ = feed_mode::stream;
    return true;
  }
  return false;
}

bool stale_watch::check(int64_t now_ms) {
  if (!started_ || mode_ == feed_mode::polling) return false;
  if (now_ms - last_frame_ms_ < stale_ms_) return false;
  mode_ = feed_mode::polling;
  ++fallbacks_;
  return true;
}

} // namespace hlc::ingest
