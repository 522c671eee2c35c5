#include "sim_client.hpp"

// Same Asio/GCC 12 false positive as in sim/common/server.cpp.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <array>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace hlc::sim::test {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

// -- HTTP ---------------------------------------------------------------------

struct http_client::impl {
  uint16_t port;
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buf;
};

http_client::http_client(uint16_t port) : impl_(std::make_unique<impl>()) {
  impl_->port = port;
}

http_client::~http_client() = default;

http_result
http_client::request(const std::string& method, const std::string& target,
                     const std::string& body,
                     const std::map<std::string, std::string>& headers,
                     std::chrono::milliseconds timeout) {
  auto& d = *impl_;
  http_result out;
  if (!d.stream) {
    d.stream.emplace(d.ioc);
    error_code ec;
    d.stream->socket().connect(
        tcp::endpoint{net::ip::make_address("127.0.0.1"), d.port}, ec);
    if (ec) {
      d.stream.reset();
      out.error = "connect: " + ec.message();
      return out;
    }
    d.buf.clear();
  }
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target,
                                         11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(d.port));
  for (const auto& [k, v] : headers)
    req.set(k, v);
  req.body() = body;
  req.keep_alive(true);
  req.prepare_payload();
  bhttp::response<bhttp::string_body> res;
  bool done = false;
  error_code result;
  bhttp::async_write(*d.stream, req, [&](error_code ec, size_t) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    bhttp::async_read(*d.stream, d.buf, res, [&](error_code ec2, size_t) {
      result = ec2;
      done = true;
    });
  });
  d.ioc.restart();
  d.ioc.run_for(timeout);
  if (!done) {
    error_code ignored;
    d.stream->socket().close(ignored);
    d.ioc.restart();
    d.ioc.run();
    d.stream.reset();
    out.status = -1;
    out.error = "timeout";
    return out;
  }
  if (result) {
    d.stream.reset();
    out.error = result.message();
    return out;
  }
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (const auto& f : res) {
    std::string k(f.name_string());
    for (auto& c : k)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[k] = std::string(f.value());
  }
  if (!res.keep_alive()) d.stream.reset();
  return out;
}

// -- raw ----------------------------------------------------------------------

namespace {

void bind_local(tcp::socket& sock, const std::string& local_ip) {
  if (local_ip.empty()) return;
  sock.open(tcp::v4());
  sock.bind(tcp::endpoint{net::ip::make_address(local_ip), 0});
}

} // namespace

raw_result raw_exchange(uint16_t port, const std::string& bytes,
                        std::chrono::milliseconds timeout,
                        const std::string& local_ip) {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  bind_local(stream.socket(), local_ip);
  stream.socket().connect(
      tcp::endpoint{net::ip::make_address("127.0.0.1"), port});
  net::write(stream.socket(), net::buffer(bytes));
  raw_result out;
  std::array<char, 65536> chunk{};
  stream.expires_after(timeout);
  std::function<void()> next = [&] {
    stream.async_read_some(net::buffer(chunk), [&](error_code ec, size_t n) {
      out.data.append(chunk.data(), n);
      if (ec) {
        if (ec != net::error::eof) out.error = ec.message();
        return;
      }
      next();
    });
  };
  next();
  ioc.run();
  return out;
}

// -- WebSocket ----------------------------------------------------------------

struct ws_client::impl : std::enable_shared_from_this<ws_client::impl> {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buf;
  std::thread thread;
  mutable std::mutex mtx;
  std::condition_variable cv;
  std::deque<std::string> frames;
  bool ended = false;
  std::string reason;
  std::deque<std::string> outq; // io thread only
  bool writing = false;         // io thread only

  void read_loop() {
    ws.async_read(buf, [self = shared_from_this()](error_code ec, size_t) {
      {
        std::lock_guard<std::mutex> guard{self->mtx};
        if (ec) {
          self->ended = true;
          self->reason
              = ec == websocket::error::closed ? "close frame" : ec.message();
        } else {
          self->frames.push_back(beast::buffers_to_string(self->buf.data()));
          self->buf.consume(self->buf.size());
        }
        self->cv.notify_all();
      }
      if (!ec) self->read_loop();
    });
  }

  void write_next() {
    if (writing || outq.empty()) return;
    writing = true;
    ws.text(true);
    ws.async_write(net::buffer(outq.front()),
                   [self = shared_from_this()](error_code ec, size_t) {
                     self->writing = false;
                     if (ec) return;
                     self->outq.pop_front();
                     self->write_next();
                   });
  }
};

ws_client::ws_client(uint16_t port, const std::string& path,
                     const std::string& local_ip)
    : impl_(std::make_shared<impl>()) {
  auto& d = *impl_;
  error_code ec;
  bind_local(beast::get_lowest_layer(d.ws).socket(), local_ip);
  beast::get_lowest_layer(d.ws).socket().connect(
      tcp::endpoint{net::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) throw std::runtime_error("ws connect: " + ec.message());
  websocket::response_type res;
  d.ws.handshake(res, "127.0.0.1:" + std::to_string(port), path, ec);
  if (ec)
    throw std::runtime_error("ws handshake rejected: status "
                             + std::to_string(res.result_int()) + " ("
                             + ec.message() + ")");
  d.read_loop();
  d.thread = std::thread([p = impl_] { p->ioc.run(); });
}

ws_client::~ws_client() {
  auto p = impl_;
  net::post(p->ioc, [p] {
    error_code ignored;
    beast::get_lowest_layer(p->ws).socket().close(ignored);
  });
  p->thread.join();
}

void ws_client::send(const std::string& text) {
  net::post(impl_->ioc, [p = impl_, text] {
    p->outq.push_back(text);
    p->write_next();
  });
}

std::optional<std::string> ws_client::read(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock{impl_->mtx};
  impl_->cv.wait_for(lock, timeout,
                     [&] { return !impl_->frames.empty() || impl_->ended; });
  if (impl_->frames.empty()) return std::nullopt;
  auto f = std::move(impl_->frames.front());
  impl_->frames.pop_front();
  return f;
}

bool ws_client::wait_closed(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock{impl_->mtx};
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->ended; });
}

bool ws_client::closed() const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  return impl_->ended;
}

std::string ws_client::close_reason() const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  return impl_->reason;
}

void ws_client::close() {
  net::post(impl_->ioc, [p = impl_] {
    p->ws.async_close(websocket::close_code::normal, [p](error_code) {});
  });
}

} // namespace hlc::sim::test
