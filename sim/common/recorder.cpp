#include "sim/common/recorder.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hlc::sim {

namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(json_writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

} // namespace

void recorder::record(const http_request& r) {
  std::lock_guard<std::mutex> guard{mtx_};
  recorded_request x;
  x.seq = next_request_++;
  x.method = r.method;
  x.path = r.path;
  x.query = r.query;
  x.headers = r.headers;
  x.body = r.body;
  x.received_us = r.received_us;
  x.connection = r.connection;
  connection_path_[r.connection] = r.path;
  requests_.push_back(std::move(x));
}

void recorder::record_ws_in(uint64_t connection, const std::string& text,
                            int64_t received_us, const std::string& path) {
  std::lock_guard<std::mutex> guard{mtx_};
  recorded_request x;
  x.seq = next_request_++;
  x.method = "WS";
  x.path = path;
  x.body = text;
  x.received_us = received_us;
  x.connection = connection;
  requests_.push_back(std::move(x));
}

void recorder::record_frame(uint64_t connection, const std::string& text,
                            int64_t sent_us) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (!keep_frames_) return;
  auto p = connection_path_.find(connection);
  frames_.push_back(recorded_frame{next_frame_++, connection,
                                   p == connection_path_.end() ? "" : p->second,
                                   text, sent_us});
}

std::vector<recorded_request> recorder::requests() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return requests_;
}

std::vector<recorded_frame> recorder::frames() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return frames_;
}

std::string recorder::requests_json(const record_filter& filter) const {
  auto reqs = requests();
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  w.StartObject();
  w.Key("requests");
  w.StartArray();
  for (const auto& r : reqs) {
    if (!filter.matches(r.seq, r.path)) continue;
    w.StartObject();
    w.Key("seq");
    w.Uint64(r.seq);
    put(w, "method", r.method);
    put(w, "path", r.path);
    put(w, "query", r.query);
    w.Key("headers");
    w.StartObject();
    for (const auto& [k, v] : r.headers)
      put(w, k.c_str(), v);
    w.EndObject();
    put(w, "body", r.body);
    w.Key("received_us");
    w.Int64(r.received_us);
    w.Key("connection");
    w.Uint64(r.connection);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string recorder::frames_json(const record_filter& filter) const {
  auto frs = frames();
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  w.StartObject();
  w.Key("frames");
  w.StartArray();
  for (const auto& f : frs) {
    if (!filter.matches(f.seq, f.path)) continue;
    w.StartObject();
    w.Key("seq");
    w.Uint64(f.seq);
    w.Key("connection");
    w.Uint64(f.connection);
    put(w, "path", f.path);
    put(w, "text", f.text);
    w.Key("sent_us");
    w.Int64(f.sent_us);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

void recorder::clear() {
  std::lock_guard<std::mutex> guard{mtx_};
  requests_.clear();
  frames_.clear();
}

void recorder::keep_frames(bool on) {
  std::lock_guard<std::mutex> guard{mtx_};
  keep_frames_ = on;
}

} // namespace hlc::sim
