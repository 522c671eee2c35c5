#include "sim/common/server.hpp"

#include "sim/common/wall_clock.hpp"

// GCC 12 reports a "potential null pointer dereference" inside Asio's
// scheduler (boost/asio/detail/impl/scheduler.ipp) once it is inlined here;
// the warning is about Boost's code, not ours.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <atomic>
#include <cctype>
#include <deque>
#include <future>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace hlc::sim {

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using beast_request = bhttp::request<bhttp::string_body>;

constexpr uint64_t max_body_bytes = 64u * 1024u * 1024u;

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

  http_request to_request(const beast_request& req, uint64_t conn) const {
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

// -- WebSocket session --------------------------------------------------------

class ws_session;

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

  std::weak_ptr<ws_session> session;

private:
  uint64_t id_;
  std::weak_ptr<impl_t> srv_;
};

class ws_session final : public session_base,
                         public std::enable_shared_from_this<ws_session> {
public:
  ws_session(impl_t& srv, beast::tcp_stream stream, uint64_t id)
      : srv_(srv), ws_(std::move(stream)), id_(id) {
    // nop
  }

  ~ws_session() override { srv_.connections.fetch_sub(1); }

  void close_now() override {
    hard_close(beast::get_lowest_layer(ws_).socket());
    end();
  }

  void enqueue(std::string frame) {
    if (ended_ || close_requested_) return;
    queue_.push_back(std::move(frame));
    flush();
  }

  void do_close() {
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
    handle_->session = weak_from_this();
    srv_.sessions[id_] = weak_from_this();
    auto r = srv_.to_request(req_, id_);
    bool ok = srv_.h.on_ws_open ? srv_.h.on_ws_open(r, handle_) : false;
    if (!ok) {
      reject();
      return;
    }
    ws_.read_message_max(max_body_bytes);
    ws_.async_accept(req_, [self = shared_from_this()](error_code ec) {
      self->on_accept(ec);
    });
  }

private:
  void reject() {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        bhttp::status::not_found, req_.version());
    res->set(bhttp::field::content_type, "text/plain");
    res->body() = "Not Found";
    res->keep_alive(false);
    res->prepare_payload();
    bhttp::async_write(ws_.next_layer(), *res,
                       [self = shared_from_this(), res](error_code, size_t) {
                         error_code ignored;
                         beast::get_lowest_layer(self->ws_).socket().shutdown(
                             tcp::socket::shutdown_both, ignored);
                         self->srv_.sessions.erase(self->id_);
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
    ws_.async_read(rbuf_, [self = shared_from_this()](error_code ec, size_t) {
      self->on_read(ec);
    });
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
                        [self = shared_from_this()](error_code) {
                          self->writing_ = false;
                        });
      }
      return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    [self = shared_from_this()](error_code ec, size_t) {
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
  websocket::stream<beast::tcp_stream> ws_;
  uint64_t id_;
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

class http_session final : public session_base,
                           public std::enable_shared_from_this<http_session> {
public:
  http_session(impl_t& srv, tcp::socket sock, uint64_t id)
      : srv_(srv), stream_(std::move(sock)), id_(id), timer_(srv.ioc) {
    srv_.connections.fetch_add(1);
  }

  ~http_session() override {
    if (!upgraded_) srv_.connections.fetch_sub(1);
  }

  void start() {
    srv_.sessions[id_] = weak_from_this();
    do_read();
  }

  void close_now() override {
    timer_.cancel();
    hard_close(stream_.socket());
    srv_.sessions.erase(id_);
    srv_.stalled.erase(id_);
  }

private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(max_body_bytes);
    bhttp::async_read(stream_, buf_, *parser_,
                      [self = shared_from_this()](error_code ec, size_t) {
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
    auto ws = std::make_shared<ws_session>(srv_, std::move(stream_), id_);
    ws->start(std::move(req));
  }

  void handle(beast_request req) {
    auto r = srv_.to_request(req, id_);
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
      srv_.stalled[id_] = shared_from_this();
      stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](
                                                       error_code e, size_t) {
        if (e) self->close_now();
      });
      return;
    }
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(req.version());
    res->result(static_cast<unsigned>(resp.status));
    if (!resp.content_type.empty())
      res->set(bhttp::field::content_type, resp.content_type);
    for (const auto& [k, v] : resp.headers)
      res->insert(k, v);
    res->body() = std::move(resp.body);
    res->keep_alive(req.keep_alive());
    res->prepare_payload();
    if (resp.delay_us > 0) {
      timer_.expires_after(std::chrono::microseconds(resp.delay_us));
      timer_.async_wait([self = shared_from_this(), res](error_code ec) {
        if (!ec) self->write(res);
      });
      return;
    }
    write(res);
  }

  void write(std::shared_ptr<bhttp::response<bhttp::string_body>> res) {
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](error_code ec, size_t) {
                         if (ec || !res->keep_alive()) {
                           error_code ignored;
                           self->stream_.socket().shutdown(
                               tcp::socket::shutdown_both, ignored);
                           self->close_now();
                           return;
                         }
                         self->do_read();
                       });
  }

  impl_t& srv_;
  beast::tcp_stream stream_;
  uint64_t id_;
  net::steady_timer timer_;
  beast::flat_buffer buf_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  char drain_[512];
  bool upgraded_ = false;
};

} // namespace

void server::impl::do_accept() {
  acceptor.async_accept([this](error_code ec, tcp::socket sock) {
    if (ec) return; // closed by stop
    error_code ignored;
    sock.set_option(tcp::no_delay(true), ignored);
    auto s = std::make_shared<http_session>(*this, std::move(sock),
                                            next_connection++);
    s->start();
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
