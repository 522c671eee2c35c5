#pragma once

// In-process harness for binance_venue: a manual clock, signed request
// builders using the docs' test key pair, and a recording fake ws_peer.

#include "sim/binance/binance_venue.hpp"
#include "sim/binance/signature.hpp"

#include <rapidjson/document.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace hlc::sim::binance::test {

/// A WebSocket peer that keeps what the venue sends.
class fake_peer : public ws_peer {
public:
  explicit fake_peer(uint64_t id) : id_(id) {
    // nop
  }
  uint64_t id() const override { return id_; }
  void send_text(std::string frame) override {
    frames.push_back(std::move(frame));
  }
  void close() override { closed = true; }
  void reset() override { was_reset = true; }

  std::vector<std::string> frames;
  bool closed = false;
  bool was_reset = false;

private:
  uint64_t id_;
};

inline rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  return d;
}

inline std::string read_fixture(const std::string& name) {
  std::ifstream in{std::string{HLC_FIXTURES_DIR} + "/sim_binance/" + name};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Venue + clock + request helpers.
struct venue_fixture {
  // The docs' example timestamp, so the official vectors verify in time.
  int64_t now_us = 1591702613943000;
  binance_venue venue;

  explicit venue_fixture(venue_config cfg = {})
      : venue(std::move(cfg), [this] { return now_us; }) {
    // nop
  }

  int64_t now_ms() const { return now_us / 1000; }

  http_response raw(const std::string& method, const std::string& path,
                    const std::string& query, const std::string& body = "",
                    const char* api_key = test_api_key) {
    http_request req;
    req.method = method;
    req.path = path;
    req.query = query;
    req.target = query.empty() ? path : path + "?" + query;
    req.body = body;
    if (api_key != nullptr) req.headers["x-mbx-apikey"] = api_key;
    req.received_us = now_us;
    return venue.handle(req);
  }

  /// Adds timestamp and signature to `params` (in the query).
  http_response signed_req(const std::string& method, const std::string& path,
                           std::string params,
                           const std::string& secret = test_api_secret) {
    if (!params.empty()) params += "&";
    params += "timestamp=" + std::to_string(now_ms());
    params += "&signature=" + hmac_sha256_hex(secret, params);
    return raw(method, path, params);
  }

  http_response order(const std::string& params) {
    return signed_req("POST", "/fapi/v1/order", params);
  }

  static int code_of(const http_response& r) {
    auto d = parse(r.body);
    if (!d.IsObject() || !d.HasMember("code") || !d["code"].IsInt()) return 0;
    return d["code"].GetInt();
  }

  static std::string header(const http_response& r, const std::string& name) {
    for (auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }

  /// Opens a listenKey and attaches a fake peer to it.
  std::shared_ptr<fake_peer> connect_user_stream(uint64_t id = 1) {
    auto r = raw("POST", "/fapi/v1/listenKey", "");
    auto d = parse(r.body);
    auto peer = std::make_shared<fake_peer>(id);
    venue.ws_open(std::string{"/private/ws?listenKey="}
                      + d["listenKey"].GetString(),
                  peer);
    return peer;
  }
};

/// Event types ("e") of a list of frames.
inline std::vector<std::string>
event_types(const std::vector<std::string>& frames) {
  std::vector<std::string> out;
  for (auto& f : frames) {
    auto d = parse(f);
    out.push_back(d.IsObject() && d.HasMember("e") ? d["e"].GetString()
                                                   : "<malformed>");
  }
  return out;
}

} // namespace hlc::sim::binance::test
