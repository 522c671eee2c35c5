#include "sim/binance/user_stream.hpp"

#include "sim/binance/events.hpp"

namespace hlc::sim::binance {

namespace {

/// An ORDER_TRADE_UPDATE of execution type TRADE (events.cpp writes both
/// keys without spaces).
bool is_trade_execution(const std::string& frame) {
  return frame.find("\"e\":\"ORDER_TRADE_UPDATE\"") != std::string::npos
         && frame.find("\"x\":\"TRADE\"") != std::string::npos;
}

} // namespace

std::string user_stream::new_key() {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
                                     "opqrstuvwxyz0123456789";
  std::uniform_int_distribution<size_t> pick{0, sizeof(alphabet) - 2};
  std::string out;
  for (int i = 0; i < 64; ++i)
    out.push_back(alphabet[pick(rng_)]);
  return out;
}

std::string user_stream::open(int64_t now_ms) {
  if (key_.empty()) key_ = new_key();
  expires_ms_ = now_ms + validity_ms_;
  return key_;
}

bool user_stream::keepalive(int64_t now_ms) {
  if (key_.empty()) return false;
  expires_ms_ = now_ms + validity_ms_;
  return true;
}

bool user_stream::close(int64_t) {
  if (key_.empty()) return false;
  for (auto& [id, p] : peers_)
    if (p.key == key_) p.peer->close();
  key_.clear();
  return true;
}

void user_stream::poll(int64_t now_us, bool force) {
  if (key_.empty()) return;
  auto now_ms = now_us / 1000;
  if (!force && now_ms < expires_ms_) return;
  auto frame = listen_key_expired(key_, now_ms);
  for (auto& [id, p] : peers_) {
    if (p.key != key_ || p.silent) continue;
    send(p, frame, now_us);
    p.silent = true; // nothing more on this connection
  }
  key_.clear();
}

bool user_stream::attach(const std::string& key, ws_peer_ptr peer,
                         const std::string& path) {
  if (key.empty() || key != key_) return false;
  auto id = peer->id();
  peers_[id] = peer_entry{std::move(peer), key, 0, false, path};
  return true;
}

bool user_stream::listening() const {
  if (key_.empty()) return false;
  for (auto& [id, p] : peers_)
    if (p.key == key_ && !p.silent) return true;
  return false;
}

void user_stream::detach(uint64_t peer_id) {
  peers_.erase(peer_id);
}

void user_stream::send(peer_entry& p, const std::string& text, int64_t now_us) {
  p.peer->send_text(text);
  log_frame(p.peer->id(), p.path, text, now_us);
  ++p.sent;
  if (faults_.disconnect_after_frames > 0
      && p.sent >= faults_.disconnect_after_frames) {
    p.silent = true;
    p.peer->reset();
  }
}

void user_stream::publish(const std::vector<std::string>& frames,
                          int64_t now_us) {
  if (key_.empty() || frames.empty()) return;
  // Silent but alive: the sockets stay open (pings answered by the
  // transport), the events are lost.
  if (faults_.silent) return;
  // Faults are drawn once per batch so every connection sees the same
  // (reproducible) sequence.
  std::vector<std::string> out;
  std::vector<std::string> trade_again;
  for (size_t i = 0; i < frames.size(); ++i) {
    if (faults_.drop > 0 && draw() < faults_.drop) continue;
    auto frame = frames[i];
    if (faults_.duplicate_trade > 0 && is_trade_execution(frame)
        && draw() < faults_.duplicate_trade)
      trade_again.push_back(frame);
    if (faults_.malformed > 0 && draw() < faults_.malformed)
      frame = frame.substr(0, frame.size() / 2);
    out.push_back(frame);
    if (faults_.duplicate > 0 && draw() < faults_.duplicate)
      out.push_back(frame);
  }
  if (faults_.reorder > 0)
    for (size_t i = 0; i + 1 < out.size(); ++i)
      if (draw() < faults_.reorder) {
        std::swap(out[i], out[i + 1]);
        ++i;
      }
  // The same execution again, after the rest of its batch.
  out.insert(out.end(), trade_again.begin(), trade_again.end());
  for (auto& [id, p] : peers_) {
    if (p.key != key_ || p.silent) continue;
    for (auto& f : out) {
      if (p.silent) break;
      send(p, f, now_us);
    }
  }
}

void user_stream::reset() {
  for (auto& [id, p] : peers_)
    p.peer->close();
  peers_.clear();
  key_.clear();
  expires_ms_ = 0;
  log_.clear();
}

} // namespace hlc::sim::binance
