#include "sim_tls_client.hpp"

// Same Asio/GCC 12 false positive as in sim/common/server.cpp.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <openssl/ssl.h>

#include <cctype>
#include <stdexcept>

namespace hlc::sim::test {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

ssl::context client_context(const tls_target& t) {
  ssl::context ctx{ssl::context::tls_client};
  ctx.load_verify_file(t.ca_file);
  ctx.set_verify_mode(ssl::verify_peer);
  return ctx;
}

/// Connects and completes a verified TLS handshake; throws on failure.
void connect_tls(beast::ssl_stream<beast::tcp_stream>& s, const tls_target& t) {
  error_code ignored;
  bool is_ip = (net::ip::make_address(t.host, ignored), !ignored);
  if (!is_ip) SSL_set_tlsext_host_name(s.native_handle(), t.host.c_str());
  s.set_verify_callback(ssl::host_name_verification(t.host));
  beast::get_lowest_layer(s).expires_after(std::chrono::seconds(5));
  beast::get_lowest_layer(s).connect(
      tcp::endpoint{net::ip::make_address("127.0.0.1"), t.port});
  s.handshake(ssl::stream_base::client);
}

} // namespace

http_result tls_request(const tls_target& t, const std::string& method,
                        const std::string& target, const std::string& body) {
  http_result out;
  try {
    net::io_context ioc;
    auto ctx = client_context(t);
    beast::ssl_stream<beast::tcp_stream> s{ioc, ctx};
    connect_tls(s, t);
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method),
                                           target, 11};
    req.set(bhttp::field::host, t.host);
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.keep_alive(false);
    req.prepare_payload();
    bhttp::write(s, req);
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s, buf, res);
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    for (const auto& f : res) {
      std::string k(f.name_string());
      for (auto& c : k)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[k] = std::string(f.value());
    }
    error_code ec;
    s.shutdown(ec); // the server's close_notify; errors do not matter here
  } catch (const std::exception& e) {
    out.status = 0;
    out.error = e.what();
  }
  return out;
}

std::string tls_ws_first_frame(const tls_target& t, const std::string& path) {
  net::io_context ioc;
  auto ctx = client_context(t);
  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws{ioc, ctx};
  connect_tls(ws.next_layer(), t);
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(
      websocket::stream_base::timeout::suggested(beast::role_type::client));
  ws.handshake(t.host, path);
  beast::flat_buffer buf;
  ws.read(buf);
  auto text = beast::buffers_to_string(buf.data());
  error_code ec;
  ws.close(websocket::close_code::normal, ec);
  return text;
}

} // namespace hlc::sim::test
