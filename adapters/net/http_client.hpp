#pragma once

#include "adapters/net/runtime.hpp"
#include "adapters/net/url.hpp"

#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace hlc::net {

/// One answer, or why there is none.
struct http_reply {
  int status = 0; ///< 0 when the request failed (see `error`)
  std::string body;
  std::string retry_after; ///< the Retry-After header, if any
  /// Every response header, names lower-cased (e.g. x-mbx-used-weight-1m).
  std::map<std::string, std::string> headers;
  std::string error; ///< transport failure or timeout; empty on success
  /// Whether any byte of the request may have reached the server. A failure
  /// before that (connect, TLS) means the request was not made; one after it
  /// means its outcome is unknown (SPEC EXE-5: never resend blindly).
  bool request_sent = false;
  bool ok() const noexcept { return error.empty() && status == 200; }
};

struct http_options {
  /// Bound on one request: connect (if needed), write and read together.
  std::chrono::milliseconds timeout{10'000};
  std::string user_agent = "hlcopy";
  size_t max_body_bytes = 64u * 1024u * 1024u;
  /// Requests may be sent again once when a kept-alive connection turns out
  /// closed before any answer byte. Only for idempotent APIs (HL /info); a
  /// venue order endpoint must keep this false (SPEC EXE-5).
  bool retry_on_stale_connection = false;
};

using http_callback = std::function<void(http_reply)>;

/// A keep-alive HTTP(S) client for one host: requests are queued and sent
/// one at a time on one connection, reopened when the server closed it.
/// Callbacks run on the client's strand.
class http_client {
public:
  virtual ~http_client() = default;

  /// `base` gives scheme, host and port; its path is ignored.
  static std::shared_ptr<http_client>
  create(strand_type strand, std::shared_ptr<boost::asio::ssl::context> tls,
         endpoint_url base, http_options options = {});

  /// Queues `method target` with `body` (Content-Type `content_type`) and
  /// extra request headers. Thread-safe.
  virtual void request(std::string method, std::string target, std::string body,
                       std::string content_type,
                       std::map<std::string, std::string> headers,
                       http_callback done)
      = 0;

  /// The same without extra headers.
  void request(std::string method, std::string target, std::string body,
               std::string content_type, http_callback done) {
    request(std::move(method), std::move(target), std::move(body),
            std::move(content_type), {}, std::move(done));
  }

  /// POST with a JSON body.
  void post_json(std::string target, std::string body, http_callback done) {
    request("POST", std::move(target), std::move(body), "application/json",
            std::move(done));
  }

  /// Fails every queued request and closes the connection. Thread-safe.
  virtual void shutdown() = 0;
};

} // namespace hlc::net
