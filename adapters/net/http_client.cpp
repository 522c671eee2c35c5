// Before any include: the warning is about Asio's scheduler.ipp, which
// GCC 12 flags once it is inlined here (as in sim/common/server.cpp).
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "adapters/net/http_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <cctype>
#include <deque>
#include <optional>
#include <type_traits>

namespace hlc::net {

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

http_reply shut_down_reply() {
  http_reply r;
  r.error = "client shut down";
  return r;
}

struct pending {
  bhttp::request<bhttp::string_body> req;
  http_callback done;
  bool retried = false;
  bool write_started = false; ///< bytes may have reached the server
};

template <class Stream>
class http_session final
    : public http_client,
      public std::enable_shared_from_this<http_session<Stream>> {
public:
  static constexpr bool tls_v = std::is_same_v<Stream, tls_stream>;

  http_session(strand_type strand, std::shared_ptr<ssl::context> tls,
               endpoint_url base, http_options options)
      : strand_(strand), tls_(std::move(tls)), base_(std::move(base)),
        options_(std::move(options)), resolver_(strand), timer_(strand) {
    // nop
  }

  using http_client::request;

  void request(std::string method, std::string target, std::string body,
               std::string content_type,
               std::map<std::string, std::string> headers,
               http_callback done) override {
    pending p;
    p.req.method_string(method);
    p.req.target(target);
    p.req.version(11);
    p.req.set(bhttp::field::host, base_.host_header());
    p.req.set(bhttp::field::user_agent, options_.user_agent);
    p.req.keep_alive(true);
    for (auto& [name, value] : headers)
      p.req.set(name, value);
    if (!body.empty() || method == "POST" || method == "PUT") {
      p.req.set(bhttp::field::content_type, content_type);
      p.req.body() = std::move(body);
      p.req.prepare_payload();
    }
    p.done = std::move(done);
    asio::post(strand_,
               [self = this->shared_from_this(), p = std::move(p)]() mutable {
                 if (self->shut_)
                   return self->reply_error(p, "client shut down");
                 self->queue_.push_back(std::move(p));
                 if (!self->busy_) self->next();
               });
  }

  void shutdown() override {
    asio::post(strand_, [self = this->shared_from_this()] {
      self->shut_ = true;
      // The request in flight fails through its own handler; the rest now.
      std::deque<pending> waiting;
      std::swap(waiting, self->queue_);
      if (self->busy_ && !waiting.empty()) {
        self->queue_.push_back(std::move(waiting.front()));
        waiting.pop_front();
      }
      self->resolver_.cancel();
      self->drop_stream();
      for (auto& p : waiting)
        self->reply_error(p, "client shut down");
    });
  }

private:
  void reply_error(pending& p, const std::string& why) {
    http_reply r;
    r.error = why;
    if (p.done) p.done(std::move(r));
  }

  void next() {
    if (queue_.empty() || shut_) {
      busy_ = false;
      return;
    }
    busy_ = true;
    ++generation_;
    arm_timeout();
    if (stream_)
      write(true);
    else
      open();
  }

  // One bound for the whole exchange; on expiry the socket is closed and the
  // pending operation fails with operation_aborted.
  void arm_timeout() {
    timer_.expires_after(options_.timeout);
    timer_.async_wait(
        [self = this->shared_from_this(), seq = ++request_seq_](error_code ec) {
          if (ec || seq != self->request_seq_ || !self->busy_) return;
          self->timed_out_ = true;
          self->resolver_.cancel();
          self->drop_stream();
        });
  }

  void open() {
    // A new stream object per connection; handlers of the old one keep it
    // alive until they ran (and see a stale generation).
    if constexpr (tls_v)
      stream_ = std::make_shared<Stream>(strand_, *tls_);
    else
      stream_ = std::make_shared<Stream>(strand_);
    resolver_.async_resolve(
        base_.host, std::to_string(base_.port),
        [self = this->shared_from_this(), gen = generation_,
         s = stream_](error_code ec, tcp::resolver::results_type r) {
          self->on_resolve(gen, ec, std::move(r));
        });
  }

  void on_resolve(uint64_t gen, error_code ec,
                  tcp::resolver::results_type results) {
    if (gen != generation_) return;
    if (ec || !stream_) return fail("resolve", ec, false);
    beast::get_lowest_layer(*stream_).async_connect(
        results, [self = this->shared_from_this(), gen, s = stream_](
                     error_code e, tcp::resolver::results_type::endpoint_type) {
          self->on_connect(gen, e);
        });
  }

  void on_connect(uint64_t gen, error_code ec) {
    if (gen != generation_) return;
    if (ec || !stream_) return fail("connect", ec, false);
    if constexpr (tls_v) {
      error_code ip_ec;
      asio::ip::make_address(base_.host, ip_ec);
      if (ip_ec) // SNI: host names only (RFC 6066)
        SSL_set_tlsext_host_name(stream_->native_handle(), base_.host.c_str());
      stream_->set_verify_callback(ssl::host_name_verification(base_.host));
      stream_->async_handshake(
          ssl::stream_base::client,
          [self = this->shared_from_this(), gen, s = stream_](error_code e) {
            self->on_tls_handshake(gen, e);
          });
    } else {
      write(false);
    }
  }

  void on_tls_handshake(uint64_t gen, error_code ec) {
    if (gen != generation_) return;
    if (ec || !stream_) return fail("tls handshake", ec, false);
    write(false);
  }

  void write(bool reused) {
    reused_ = reused;
    queue_.front().write_started = true;
    bhttp::async_write(*stream_, queue_.front().req,
                       [self = this->shared_from_this(), gen = generation_,
                        s = stream_](error_code e, std::size_t n) {
                         self->on_write(gen, e, n);
                       });
  }

  void on_write(uint64_t gen, error_code ec, std::size_t) {
    if (gen != generation_) return;
    if (ec || !stream_) return fail("write", ec, reused_);
    parser_.emplace();
    parser_->body_limit(options_.max_body_bytes);
    buffer_.consume(buffer_.size());
    bhttp::async_read(*stream_, buffer_, *parser_,
                      [self = this->shared_from_this(), gen,
                       s = stream_](error_code e, std::size_t n) {
                        self->on_read(gen, e, n);
                      });
  }

  void on_read(uint64_t gen, error_code ec, std::size_t bytes) {
    if (gen != generation_) return;
    if (ec || !stream_) return fail("read", ec, reused_ && bytes == 0);
    auto res = parser_->release();
    http_reply r;
    r.status = static_cast<int>(res.result_int());
    r.body = std::move(res.body());
    if (auto i = res.find(bhttp::field::retry_after); i != res.end())
      r.retry_after = std::string(i->value());
    for (auto& field : res) {
      std::string name{field.name_string()};
      for (auto& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[std::move(name)] = std::string{field.value()};
    }
    r.request_sent = true;
    if (!res.keep_alive()) drop_stream();
    complete(std::move(r));
  }

  void fail(const char* step, error_code ec, bool stale_connection) {
    drop_stream();
    if (queue_.empty()) return;
    auto& p = queue_.front();
    if (!timed_out_ && stale_connection && options_.retry_on_stale_connection
        && !p.retried) {
      p.retried = true;
      ++generation_;
      if (shut_) return complete(shut_down_reply());
      return open();
    }
    http_reply r;
    // A kept-alive connection found closed before any answer byte came back
    // still counts as sent: the server may have read the request.
    r.request_sent = p.write_started;
    r.error = timed_out_
                  ? std::string(step) + ": timed out after "
                        + std::to_string(options_.timeout.count()) + " ms"
                  : std::string(step) + ": " + ec.message();
    complete(std::move(r));
  }

  void complete(http_reply r) {
    if (queue_.empty()) return;
    timed_out_ = false;
    timer_.cancel();
    auto p = std::move(queue_.front());
    queue_.pop_front();
    ++generation_;
    if (p.done) p.done(std::move(r));
    next();
  }

  void drop_stream() {
    if (!stream_) return;
    error_code ignored;
    beast::get_lowest_layer(*stream_).socket().shutdown(
        tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(*stream_).socket().close(ignored);
    stream_.reset(); // pending handlers hold their own reference
  }

  strand_type strand_;
  std::shared_ptr<ssl::context> tls_;
  endpoint_url base_;
  http_options options_;
  tcp::resolver resolver_;
  asio::steady_timer timer_;
  std::shared_ptr<Stream> stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  std::deque<pending> queue_;
  uint64_t generation_ = 0;  ///< per connection attempt and exchange
  uint64_t request_seq_ = 0; ///< per queued request (its timeout)
  bool busy_ = false;
  bool reused_ = false;
  bool timed_out_ = false;
  bool shut_ = false;
};

} // namespace

std::shared_ptr<http_client>
http_client::create(strand_type strand, std::shared_ptr<ssl::context> tls,
                    endpoint_url base, http_options options) {
  if (base.tls) {
    if (!tls) throw std::invalid_argument("https:// needs a TLS context");
    return std::make_shared<http_session<tls_stream>>(
        strand, std::move(tls), std::move(base), std::move(options));
  }
  return std::make_shared<http_session<plain_stream>>(
      strand, nullptr, std::move(base), std::move(options));
}

} // namespace hlc::net
