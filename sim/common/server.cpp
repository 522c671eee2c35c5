#include "sim/common/server.hpp"

#include "sim/common/wall_clock.hpp"

// GCC 12 reports a "potential null pointer dereference" inside Asio's
// scheduler (boost/asio/detail/impl/scheduler.ipp) once it is inlined here;
// the warning is about Boost's code, not ours.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <array>
#include <atomic>
#include <cctype>
#include <deque>
#include <future>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <unordered_map>

namespace hlc::sim {

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using beast_request = bhttp::request<bhttp::string_body>;
using beast_response = bhttp::response<bhttp::string_body>;
using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
constexpr bool is_tls = std::is_same_v<Stream, tls_stream>;

constexpr uint64_t max_body_bytes = 64u * 1024u * 1024u;
/// How long a TLS handshake, a ClientHello sniff or a graceful close may take.
constexpr auto handshake_timeout = std::chrono::seconds(30);
constexpr auto linger_timeout = std::chrono::seconds(5);

std::string lower(beast::string_view s) {
  std::string out(s.data(), s.size());
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Something `stop` must be able to tear down.
class session_base {
public:
  virtual ~session_base() = default;
  /// Drops the connection at once (RST), from the io thread.
  virtual void close_now() = 0;
};

} // namespace

struct server::impl : std::enable_shared_from_this<server::impl> {
  impl(handlers hs, wall_clock& c) : h(std::move(hs)), clock(c) {
    // nop
  }

  handlers h;
  wall_clock& clock;
  // Declared before ioc: sessions destroyed with ioc's pending handlers
  // still decrement it.
  std::atomic<size_t> connections{0};
  net::io_context ioc{1};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls; ///< set by use_tls before start
  std::thread thread;
  std::atomic<std::thread::id> io_id{};
  std::atomic<uint16_t> port{0};
  std::atomic<bool> stopping{false};
  bool started = false;
  bool stopped = false;
  std::atomic<uint64_t> next_timer{1};
  // The members below are touched only on the io thread.
  uint64_t next_connection = 1;
  std::unordered_map<uint64_t, std::shared_ptr<net::steady_timer>> timers;
  std::unordered_map<uint64_t, std::weak_ptr<session_base>> sessions;
  std::unordered_map<uint64_t, std::shared_ptr<session_base>> stalled;

  http_request to_request(const beast_request& req, uint64_t conn,
                          const std::string& ip) const {
    http_request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query = r.target.substr(q + 1);
    for (const auto& field : req)
      r.headers[lower(field.name_string())] = std::string(field.value());
    r.body = req.body();
    r.received_us = clock.now_us();
    r.connection = conn;
    r.remote_ip = ip;
    return r;
  }

  void do_accept();
};

namespace {

using impl_t = server::impl;

void hard_close(tcp::socket& sock) {
  error_code ec;
  if (!sock.is_open()) return;
  // Linger 0 turns close into an RST: "connection reset" for the client.
  sock.set_option(net::socket_base::linger(true, 0), ec);
  sock.close(ec);
}

std::shared_ptr<beast_response> to_beast(http_response resp, unsigned version,
                                         bool keep_alive) {
  auto res = std::make_shared<beast_response>();
  res->version(version);
  res->result(static_cast<unsigned>(resp.status));
  if (!resp.content_type.empty())
    res->set(bhttp::field::content_type, resp.content_type);
  for (const auto& [k, v] : resp.headers)
    res->insert(k, v);
  res->body() = std::move(resp.body);
  res->keep_alive(keep_alive);
  res->prepare_payload();
  return res;
}

/// Ends a connection after its last answer was written, without losing
/// bytes: half-close (TLS: close_notify), wait for the client to close (or
/// `linger_timeout`), then close normally. `done` runs at the end.
template <class Stream, class Self>
void close_gracefully(Stream& stream, std::shared_ptr<Self> self,
                      std::shared_ptr<std::array<char, 512>> scratch,
                      std::function<void()> done) {
  auto& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_after(linger_timeout);
  auto finish = [&tcp_layer, self, done] {
    error_code ignored;
    tcp_layer.socket().close(ignored);
    done();
  };
  if constexpr (is_tls<Stream>) {
    stream.async_shutdown([finish](error_code) { finish(); });
  } else {
    error_code ignored;
    tcp_layer.socket().shutdown(tcp::socket::shutdown_send, ignored);
    // Read (and discard) until the client closes: closing a socket with
    // unread input would send an RST that can destroy the answer in flight.
    auto drain = std::make_shared<std::function<void()>>();
    *drain = [&tcp_layer, scratch, finish, drain]() {
      tcp_layer.async_read_some(
          net::buffer(*scratch), [finish, drain](error_code ec, size_t) {
            if (ec) {
              finish();
              *drain = nullptr; // break the self-reference
              return;
            }
            (*drain)();
          });
    };
    (*drain)();
  }
}

// -- WebSocket session --------------------------------------------------------

class ws_session_base;

/// What venues hold as a ws_peer_ptr. It does not own the Beast stream, so a
/// venue may keep it past the server's lifetime; every call on a handle
/// whose session or server is gone does nothing.
class peer_handle final : public ws_peer {
public:
  peer_handle(uint64_t id, std::weak_ptr<impl_t> srv) : id_(id), srv_(srv) {
    // nop
  }

  uint64_t id() const override { return id_; }
  void send_text(std::string frame) override;
  void close() override;
  void reset() override;

  std::weak_ptr<ws_session_base> session;

private:
  uint64_t id_;
  std::weak_ptr<impl_t> srv_;
};

/// The stream-independent face of a WebSocket session.
class ws_session_base : public session_base {
public:
  virtual void enqueue(std::string frame) = 0;
  virtual void do_close() = 0;
};

template <class Stream>
class ws_session final
    : public ws_session_base,
      public std::enable_shared_from_this<ws_session<Stream>> {
public:
  ws_session(impl_t& srv, Stream stream, uint64_t id, std::string ip)
      : srv_(srv), ws_(std::move(stream)), id_(id), ip_(std::move(ip)) {
    // nop
  }

  ~ws_session() override { srv_.connections.fetch_sub(1); }

  void close_now() override {
    hard_close(beast::get_lowest_layer(ws_).socket());
    end();
  }

  void enqueue(std::string frame) override {
    if (ended_ || close_requested_) return;
    queue_.push_back(std::move(frame));
    flush();
  }

  void do_close() override {
    if (ended_) return;
    if (!accepted_) {
      close_now();
      return;
    }
    close_requested_ = true;
    flush();
  }

  void start(beast_request req) {
    req_ = std::move(req);
    handle_ = std::make_shared<peer_handle>(id_, srv_.weak_from_this());
    handle_->session = this->weak_from_this();
    srv_.sessions[id_] = this->weak_from_this();
    auto r = srv_.to_request(req_, id_, ip_);
    if (srv_.h.on_ws_admit) {
      if (auto refusal = srv_.h.on_ws_admit(r)) {
        reject(std::move(*refusal));
        return;
      }
    }
    bool ok = srv_.h.on_ws_open ? srv_.h.on_ws_open(r, handle_) : false;
    if (!ok) {
      http_response not_found;
      not_found.status = 404;
      not_found.content_type = "text/plain";
      not_found.body = "Not Found";
      reject(std::move(not_found));
      return;
    }
    // The websocket stream keeps its own timeouts; the TCP layer's must go.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.read_message_max(max_body_bytes);
    ws_.async_accept(req_, [self = this->shared_from_this()](error_code ec) {
      self->on_accept(ec);
    });
  }

private:
  void reject(http_response answer) {
    auto res = to_beast(std::move(answer), req_.version(), false);
    bhttp::async_write(
        ws_.next_layer(), *res,
        [self = this->shared_from_this(), res](error_code ec, size_t) {
          if (ec) {
            self->close_now();
            return;
          }
          close_gracefully(self->ws_.next_layer(), self,
                           std::make_shared<std::array<char, 512>>(),
                           [self] { self->srv_.sessions.erase(self->id_); });
        });
  }

  void on_accept(error_code ec) {
    if (ec) {
      end();
      return;
    }
    accepted_ = true;
    do_read();
    flush();
  }

  void do_read() {
    ws_.async_read(rbuf_, [self = this->shared_from_this()](
                              error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    if (ec) {
      end();
      return;
    }
    auto text = beast::buffers_to_string(rbuf_.data());
    rbuf_.consume(rbuf_.size());
    if (srv_.h.on_ws_text && !ended_) srv_.h.on_ws_text(handle_, text);
    if (!ended_) do_read();
  }

  void flush() {
    if (!accepted_ || writing_ || ended_) return;
    if (queue_.empty()) {
      if (close_requested_ && !close_sent_) {
        close_sent_ = true;
        writing_ = true;
        ws_.async_close(websocket::close_code::normal,
                        [self = this->shared_from_this()](error_code) {
                          self->writing_ = false;
                        });
      }
      return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    [self = this->shared_from_this()](error_code ec, size_t) {
                      self->writing_ = false;
                      if (ec || self->ended_) {
                        self->end();
                        return;
                      }
                      self->queue_.pop_front();
                      self->flush();
                    });
  }

  void end() {
    if (ended_) return;
    ended_ = true;
    // queue_ is left alone: an in-flight async_write still points into it.
    srv_.sessions.erase(id_);
    error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    if (accepted_ && !srv_.stopping.load() && srv_.h.on_ws_close)
      srv_.h.on_ws_close(handle_);
  }

  impl_t& srv_;
  websocket::stream<Stream> ws_;
  uint64_t id_;
  std::string ip_;
  std::shared_ptr<peer_handle> handle_;
  beast_request req_;
  beast::flat_buffer rbuf_;
  std::deque<std::string> queue_;
  bool accepted_ = false;
  bool writing_ = false;
  bool close_requested_ = false;
  bool close_sent_ = false;
  bool ended_ = false;
};

void peer_handle::send_text(std::string frame) {
  auto srv = srv_.lock();
  auto s = session.lock();
  if (!srv || !s) return;
  if (srv->io_id.load() == std::this_thread::get_id()) {
    s->enqueue(std::move(frame));
    return;
  }
  net::post(srv->ioc, [s, f = std::move(frame)]() { s->enqueue(f); });
}

void peer_handle::close() {
  auto srv = srv_.lock();
  auto s = session.lock();
  if (srv && s) net::post(srv->ioc, [s] { s->do_close(); });
}

void peer_handle::reset() {
  auto srv = srv_.lock();
  auto s = session.lock();
  if (srv && s) net::post(srv->ioc, [s] { s->close_now(); });
}

// -- HTTP session -------------------------------------------------------------

template <class Stream>
class http_session final
    : public session_base,
      public std::enable_shared_from_this<http_session<Stream>> {
public:
  /// Plain: `stream` is the accepted connection.
  http_session(impl_t& srv, plain_stream stream, beast::flat_buffer buf,
               uint64_t id, std::string ip)
      : srv_(srv), stream_(std::move(stream)), id_(id), ip_(std::move(ip)),
        timer_(srv.ioc), buf_(std::move(buf)) {
    srv_.connections.fetch_add(1);
  }

  /// TLS over the accepted connection; `buf` holds the sniffed bytes.
  http_session(impl_t& srv, plain_stream stream, ssl::context& ctx,
               beast::flat_buffer buf, uint64_t id, std::string ip)
      : srv_(srv), stream_(std::move(stream), ctx), id_(id), ip_(std::move(ip)),
        timer_(srv.ioc), buf_(std::move(buf)) {
    srv_.connections.fetch_add(1);
  }

  ~http_session() override {
    if (!upgraded_) srv_.connections.fetch_sub(1);
  }

  void start() {
    srv_.sessions[id_] = this->weak_from_this();
    if constexpr (is_tls<Stream>) {
      beast::get_lowest_layer(stream_).expires_after(handshake_timeout);
      stream_.async_handshake(
          ssl::stream_base::server, buf_.data(),
          [self = this->shared_from_this()](error_code ec, size_t used) {
            if (ec) {
              self->close_now();
              return;
            }
            self->buf_.consume(used);
            beast::get_lowest_layer(self->stream_).expires_never();
            self->do_read();
          });
    } else {
      do_read();
    }
  }

  void close_now() override {
    timer_.cancel();
    hard_close(beast::get_lowest_layer(stream_).socket());
    srv_.sessions.erase(id_);
    srv_.stalled.erase(id_);
  }

private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(max_body_bytes);
    bhttp::async_read(stream_, buf_, *parser_,
                      [self = this->shared_from_this()](error_code ec, size_t) {
                        self->on_read(ec);
                      });
  }

  void on_read(error_code ec) {
    if (ec) {
      close_now();
      return;
    }
    auto req = parser_->release();
    if (websocket::is_upgrade(req)) {
      upgrade(std::move(req));
      return;
    }
    handle(std::move(req));
  }

  void upgrade(beast_request req) {
    upgraded_ = true;
    srv_.sessions.erase(id_);
    auto ws = std::make_shared<ws_session<Stream>>(srv_, std::move(stream_),
                                                   id_, ip_);
    ws->start(std::move(req));
  }

  void handle(beast_request req) {
    auto r = srv_.to_request(req, id_, ip_);
    http_response resp;
    if (srv_.h.on_http) {
      resp = srv_.h.on_http(r);
    } else {
      resp.status = 404;
      resp.content_type = "text/plain";
      resp.body = "Not Found";
    }
    if (resp.reset) {
      close_now();
      return;
    }
    if (resp.stall) {
      // Keep the socket open and answer nothing; notice when the client
      // gives up so the session does not linger.
      srv_.stalled[id_] = this->shared_from_this();
      stream_.async_read_some(
          net::buffer(drain_->data(), drain_->size()),
          [self = this->shared_from_this()](error_code e, size_t) {
            if (e) self->close_now();
          });
      return;
    }
    auto delay_us = resp.delay_us;
    auto res = to_beast(std::move(resp), req.version(), req.keep_alive());
    if (delay_us > 0) {
      timer_.expires_after(std::chrono::microseconds(delay_us));
      timer_.async_wait([self = this->shared_from_this(), res](error_code ec) {
        if (!ec) self->write(res);
      });
      return;
    }
    write(res);
  }

  void write(std::shared_ptr<beast_response> res) {
    bhttp::async_write(
        stream_, *res,
        [self = this->shared_from_this(), res](error_code ec, size_t) {
          if (ec) {
            self->close_now();
            return;
          }
          if (!res->keep_alive()) {
            close_gracefully(self->stream_, self, self->drain_,
                             [self] { self->srv_.sessions.erase(self->id_); });
            return;
          }
          self->do_read();
        });
  }

  impl_t& srv_;
  Stream stream_;
  uint64_t id_;
  std::string ip_;
  net::steady_timer timer_;
  beast::flat_buffer buf_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<std::array<char, 512>> drain_
      = std::make_shared<std::array<char, 512>>();
  bool upgraded_ = false;
};

/// With TLS on: reads the first bytes of a connection and hands it to a TLS
/// or a plain HTTP session.
class detect_session final
    : public session_base,
      public std::enable_shared_from_this<detect_session> {
public:
  detect_session(impl_t& srv, tcp::socket sock, uint64_t id, std::string ip)
      : srv_(srv), stream_(std::move(sock)), id_(id), ip_(std::move(ip)) {
    // nop
  }

  void start() {
    srv_.sessions[id_] = weak_from_this();
    stream_.expires_after(handshake_timeout);
    beast::async_detect_ssl(
        stream_, buf_, [self = shared_from_this()](error_code ec, bool tls) {
          self->on_detect(ec, tls);
        });
  }

  void close_now() override {
    hard_close(stream_.socket());
    srv_.sessions.erase(id_);
  }

private:
  void on_detect(error_code ec, bool tls) {
    if (ec) {
      close_now();
      return;
    }
    if (tls) {
      std::make_shared<http_session<tls_stream>>(
          srv_, std::move(stream_), *srv_.tls, std::move(buf_), id_, ip_)
          ->start();
      return;
    }
    stream_.expires_never();
    std::make_shared<http_session<plain_stream>>(srv_, std::move(stream_),
                                                 std::move(buf_), id_, ip_)
        ->start();
  }

  impl_t& srv_;
  plain_stream stream_;
  uint64_t id_;
  std::string ip_;
  beast::flat_buffer buf_;
};

} // namespace

void server::impl::do_accept() {
  acceptor.async_accept([this](error_code ec, tcp::socket sock) {
    if (ec) return; // closed by stop
    error_code ignored;
    sock.set_option(tcp::no_delay(true), ignored);
    auto remote = sock.remote_endpoint(ignored);
    auto ip = ignored ? std::string{} : remote.address().to_string();
    auto id = next_connection++;
    if (tls) {
      std::make_shared<detect_session>(*this, std::move(sock), id,
                                       std::move(ip))
          ->start();
    } else {
      std::make_shared<http_session<plain_stream>>(
          *this, plain_stream(std::move(sock)), beast::flat_buffer{}, id,
          std::move(ip))
          ->start();
    }
    do_accept();
  });
}

server::server(handlers h, wall_clock& clock)
    : impl_(std::make_shared<impl>(std::move(h), clock)) {
  // nop
}

server::~server() {
  stop();
}

void server::use_tls(const std::string& cert_file,
                     const std::string& key_file) {
  auto& d = *impl_;
  if (d.started) throw std::runtime_error("server::use_tls after start");
  ssl::context ctx{ssl::context::tls_server};
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                  | ssl::context::no_sslv3 | ssl::context::no_tlsv1
                  | ssl::context::no_tlsv1_1);
  error_code ec;
  ctx.use_certificate_chain_file(cert_file, ec);
  if (ec)
    throw std::runtime_error("--tls-cert " + cert_file
                             + ": cannot load a PEM certificate chain: "
                             + ec.message());
  ctx.use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error("--tls-key " + key_file
                             + ": cannot load a PEM private key: "
                             + ec.message());
  d.tls.emplace(std::move(ctx));
}

bool server::tls() const {
  return impl_->tls.has_value();
}

uint16_t server::start(uint16_t port) {
  auto& d = *impl_;
  if (d.started) throw std::runtime_error("server::start called twice");
  error_code ec;
  tcp::endpoint ep{net::ip::make_address("127.0.0.1"), port};
  d.acceptor.open(ep.protocol(), ec);
  if (!ec) d.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) d.acceptor.bind(ep, ec);
  if (!ec) d.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on 127.0.0.1:"
                             + std::to_string(port) + ": " + ec.message());
  d.port = d.acceptor.local_endpoint().port();
  d.started = true;
  d.work.emplace(net::make_work_guard(d.ioc));
  d.do_accept();
  std::promise<void> running;
  auto ready = running.get_future();
  d.thread = std::thread([&d, &running] {
    d.io_id = std::this_thread::get_id();
    running.set_value();
    d.ioc.run();
  });
  ready.wait();
  return d.port;
}

void server::stop() {
  auto& d = *impl_;
  if (!d.started || d.stopped) return;
  d.stopped = true;
  d.stopping = true;
  std::promise<void> closed;
  net::post(d.ioc, [&d, &closed] {
    error_code ignored;
    d.acceptor.close(ignored);
    auto sessions = d.sessions;
    for (auto& [id, weak] : sessions)
      if (auto s = weak.lock()) s->close_now();
    d.sessions.clear();
    d.stalled.clear();
    for (auto& [id, t] : d.timers)
      t->cancel();
    d.timers.clear();
    closed.set_value();
  });
  closed.get_future().wait();
  d.work.reset();
  d.ioc.stop();
  d.thread.join();
}

uint16_t server::port() const {
  return impl_->port.load();
}

void server::post(std::function<void()> f) {
  net::post(impl_->ioc, std::move(f));
}

uint64_t server::schedule(int64_t delay_us, std::function<void()> f) {
  auto id = impl_->next_timer.fetch_add(1);
  auto* d = impl_.get();
  net::post(d->ioc, [d, id, delay_us, f = std::move(f)]() mutable {
    if (d->stopping) return;
    auto t = std::make_shared<net::steady_timer>(d->ioc);
    t->expires_after(std::chrono::microseconds(delay_us < 0 ? 0 : delay_us));
    d->timers[id] = t;
    t->async_wait([d, id, t, f = std::move(f)](error_code ec) {
      d->timers.erase(id);
      if (!ec && !d->stopping) f();
    });
  });
  return id;
}

void server::cancel(uint64_t timer_id) {
  auto* d = impl_.get();
  net::post(d->ioc, [d, timer_id] {
    auto i = d->timers.find(timer_id);
    if (i != d->timers.end()) {
      i->second->cancel();
      d->timers.erase(i);
    }
  });
}

bool server::in_io_thread() const {
  return impl_->io_id.load() == std::this_thread::get_id();
}

size_t server::connection_count() const {
  return impl_->connections.load();
}

} // namespace hlc::sim
