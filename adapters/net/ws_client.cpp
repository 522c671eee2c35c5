// Before any include: the warning is about Asio's scheduler.ipp, which
// GCC 12 flags once it is inlined here (as in sim/common/server.cpp).
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "adapters/net/ws_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <deque>
#include <type_traits>

namespace hlc::net {

namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

using plain_stream = websocket::stream<beast::tcp_stream>;
using tls_stream = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

template <class Stream>
constexpr bool is_tls_v = std::is_same_v<Stream, tls_stream>;

template <class Stream>
class ws_session final
    : public ws_client,
      public std::enable_shared_from_this<ws_session<Stream>> {
public:
  ws_session(strand_type strand, std::shared_ptr<ssl::context> tls,
             endpoint_url url, ws_events events, ws_options options)
      : strand_(strand), tls_(std::move(tls)), url_(std::move(url)),
        events_(std::move(events)), options_(std::move(options)),
        resolver_(strand), ws_(make_stream(strand)) {
    // nop
  }

  void connect() override {
    asio::post(strand_, [self = this->shared_from_this()] { self->start(); });
  }

  void send(std::string text) override {
    asio::post(strand_, [self = this->shared_from_this(),
                         t = std::move(text)]() mutable {
      self->enqueue(std::move(t));
    });
  }

  void close() override {
    asio::post(strand_,
               [self = this->shared_from_this()] { self->start_close(); });
  }

  void abort() override {
    asio::post(strand_, [self = this->shared_from_this()] {
      error_code ignored;
      beast::get_lowest_layer(self->ws_).socket().close(ignored);
      self->finish("aborted by the client");
    });
  }

private:
  Stream make_stream(strand_type strand) {
    if constexpr (is_tls_v<Stream>)
      return Stream{strand, *tls_};
    else
      return Stream{strand};
  }

  void start() {
    if (started_) return;
    started_ = true;
    resolver_.async_resolve(
        url_.host, std::to_string(url_.port),
        beast::bind_front_handler(&ws_session::on_resolve,
                                  this->shared_from_this()));
  }

  void on_resolve(error_code ec, tcp::resolver::results_type results) {
    if (ec) return fail("resolve", ec);
    if (done_) return;
    beast::get_lowest_layer(ws_).expires_after(options_.connect_timeout);
    beast::get_lowest_layer(ws_).async_connect(
        results, beast::bind_front_handler(&ws_session::on_connect,
                                           this->shared_from_this()));
  }

  void on_connect(error_code ec, tcp::resolver::results_type::endpoint_type) {
    if (ec) return fail("connect", ec);
    if (done_) return;
    if constexpr (is_tls_v<Stream>) {
      auto& tls = ws_.next_layer();
      // SNI takes the bare host name, never an IP literal (RFC 6066).
      if (!is_ip_literal()
          && !SSL_set_tlsext_host_name(tls.native_handle(), url_.host.c_str()))
        return fail("tls sni", error_code{static_cast<int>(::ERR_get_error()),
                                          asio::error::get_ssl_category()});
      tls.set_verify_callback(ssl::host_name_verification(url_.host));
      tls.async_handshake(
          ssl::stream_base::client,
          beast::bind_front_handler(&ws_session::on_tls_handshake,
                                    this->shared_from_this()));
    } else {
      upgrade();
    }
  }

  void on_tls_handshake(error_code ec) {
    if (ec) return fail("tls handshake", ec);
    if (done_) return;
    upgrade();
  }

  void upgrade() {
    // The websocket stream has its own timeouts from here on.
    beast::get_lowest_layer(ws_).expires_never();
    auto timeouts
        = websocket::stream_base::timeout::suggested(beast::role_type::client);
    timeouts.handshake_timeout = options_.connect_timeout;
    ws_.set_option(timeouts);
    ws_.read_message_max(options_.max_message_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [ua = options_.user_agent](websocket::request_type& req) {
          req.set(beast::http::field::user_agent, ua);
        }));
    ws_.async_handshake(url_.host_header(), url_.target,
                        beast::bind_front_handler(&ws_session::on_handshake,
                                                  this->shared_from_this()));
  }

  void on_handshake(error_code ec) {
    if (ec) return fail("websocket handshake", ec);
    if (done_) return;
    open_ = true;
    if (events_.on_open) events_.on_open();
    do_read();
    if (!queue_.empty()) do_write();
  }

  void do_read() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&ws_session::on_read,
                                             this->shared_from_this()));
  }

  void on_read(error_code ec, std::size_t) {
    if (ec) return fail("read", ec);
    if (done_) return;
    auto text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (events_.on_text) events_.on_text(std::move(text));
    if (!done_) do_read();
  }

  void enqueue(std::string text) {
    if (done_ || closing_) return;
    queue_.push_back(std::move(text));
    if (open_ && queue_.size() == 1) do_write();
  }

  void do_write() {
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()),
                    beast::bind_front_handler(&ws_session::on_write,
                                              this->shared_from_this()));
  }

  void on_write(error_code ec, std::size_t) {
    if (ec) return fail("write", ec);
    queue_.pop_front();
    if (!queue_.empty() && !done_) do_write();
  }

  void start_close() {
    if (done_ || closing_) return;
    closing_ = true;
    if (!open_) {
      error_code ignored;
      beast::get_lowest_layer(ws_).socket().close(ignored);
      return finish("closed by the client");
    }
    ws_.async_close(websocket::close_code::normal,
                    beast::bind_front_handler(&ws_session::on_close,
                                              this->shared_from_this()));
  }

  void on_close(error_code ec) {
    finish(ec ? "closed by the client (" + ec.message() + ")"
              : "closed by the client");
  }

  void fail(const char* step, error_code ec) {
    if (ec == websocket::error::closed) {
      auto r = ws_.reason();
      return finish("closed by the server (code "
                    + std::to_string(static_cast<int>(r.code)) + ")");
    }
    finish(std::string(step) + ": " + ec.message());
  }

  void finish(const std::string& reason) {
    if (done_) return;
    done_ = true;
    open_ = false;
    queue_.clear();
    if (events_.on_closed) events_.on_closed(reason);
  }

  bool is_ip_literal() const {
    error_code ec;
    asio::ip::make_address(url_.host, ec);
    return !ec;
  }

  strand_type strand_;
  std::shared_ptr<ssl::context> tls_;
  endpoint_url url_;
  ws_events events_;
  ws_options options_;
  tcp::resolver resolver_;
  Stream ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool started_ = false;
  bool open_ = false;
  bool closing_ = false;
  bool done_ = false;
};

} // namespace

std::shared_ptr<ws_client> ws_client::create(strand_type strand,
                                             std::shared_ptr<ssl::context> tls,
                                             endpoint_url url, ws_events events,
                                             ws_options options) {
  if (url.tls) {
    if (!tls) throw std::invalid_argument("wss:// needs a TLS context");
    return std::make_shared<ws_session<tls_stream>>(
        strand, std::move(tls), std::move(url), std::move(events),
        std::move(options));
  }
  return std::make_shared<ws_session<plain_stream>>(
      strand, nullptr, std::move(url), std::move(events), std::move(options));
}

} // namespace hlc::net
