// Before any include: GCC 12 flags Asio's scheduler.ipp once the test TLS
// server's handlers are inlined here (as in sim/common/server.cpp).
#pragma GCC diagnostic ignored "-Wnull-dereference"

// The net runtime's clients against hl-sim on loopback (ADR 0032).

#include "adapters/net/http_client.hpp"
#include "adapters/net/tls.hpp"
#include "adapters/net/ws_client.hpp"
#include "sim/common/wall_clock.hpp"
#include "sim/hyperliquid/hl_sim.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include <thread>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct sim_fixture {
  sim_fixture() : sim(clock, 1) {
    port = sim.start(0);
    rt.start();
  }
  ~sim_fixture() {
    rt.stop();
    sim.stop();
  }
  std::string base(const std::string& scheme) const {
    return scheme + "://127.0.0.1:" + std::to_string(port);
  }
  hlc::sim::real_clock clock;
  hlc::sim::hl::hl_sim sim;
  uint16_t port = 0;
  hlc::net::runtime rt;
};

/// Collects callbacks from the io thread; waits on a condition.
struct inbox {
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> texts;
  std::vector<std::string> closes;
  std::vector<hlc::net::http_reply> replies;
  int opens = 0;

  template <class Pred>
  bool wait(Pred p, std::chrono::milliseconds bound = 10s) {
    std::unique_lock<std::mutex> l{m};
    return cv.wait_for(l, bound, [&] { return p(); });
  }

  hlc::net::ws_events ws_events() {
    hlc::net::ws_events e;
    e.on_open = [this] {
      std::lock_guard<std::mutex> g{m};
      ++opens;
      cv.notify_all();
    };
    e.on_text = [this](std::string t) {
      std::lock_guard<std::mutex> g{m};
      texts.push_back(std::move(t));
      cv.notify_all();
    };
    e.on_closed = [this](const std::string& why) {
      std::lock_guard<std::mutex> g{m};
      closes.push_back(why);
      cv.notify_all();
    };
    return e;
  }

  hlc::net::http_callback reply_sink() {
    return [this](hlc::net::http_reply r) {
      std::lock_guard<std::mutex> g{m};
      replies.push_back(std::move(r));
      cv.notify_all();
    };
  }
};

/// A one-answer HTTPS server with the test CA's "localhost" certificate; it
/// records the SNI name each handshake carried.
class tls_server {
public:
  tls_server()
      : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    namespace ssl = boost::asio::ssl;
    auto dir = std::string(HLC_FIXTURES_DIR) + "/tls/";
    ctx_.use_certificate_chain_file(dir + "server.pem");
    ctx_.use_private_key_file(dir + "server.key", ssl::context::pem);
    SSL_CTX_set_tlsext_servername_callback(ctx_.native_handle(), &on_sni);
    SSL_CTX_set_tlsext_servername_arg(ctx_.native_handle(), this);
    accept();
    thread_ = std::thread{[this] { ioc_.run(); }};
  }
  ~tls_server() {
    ioc_.stop();
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::vector<std::string> sni_names() {
    std::lock_guard<std::mutex> g{m_};
    return sni_;
  }

private:
  using tls_stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

  static int on_sni(SSL* ssl, int*, void* arg) {
    auto* self = static_cast<tls_server*>(arg);
    auto* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    std::lock_guard<std::mutex> g{self->m_};
    self->sni_.push_back(name != nullptr ? name : "");
    return SSL_TLSEXT_ERR_OK;
  }

  void accept() {
    acceptor_.async_accept(
        [this](boost::system::error_code ec, boost::asio::ip::tcp::socket s) {
          if (ec) return;
          auto st = std::make_shared<tls_stream>(std::move(s), ctx_);
          st->async_handshake(
              boost::asio::ssl::stream_base::server,
              [st](boost::system::error_code hec) {
                if (hec) return;
                auto buf = std::make_shared<boost::asio::streambuf>();
                boost::asio::async_read_until(
                    *st, *buf, "\r\n\r\n",
                    [st, buf](boost::system::error_code rec, std::size_t) {
                      if (rec) return;
                      static const std::string answer
                          = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                            "Connection: close\r\n\r\nok";
                      boost::asio::async_write(
                          *st, boost::asio::buffer(answer),
                          [st](boost::system::error_code, std::size_t) {});
                    });
              });
          accept();
        });
  }

  boost::asio::io_context ioc_;
  boost::asio::ssl::context ctx_{boost::asio::ssl::context::tls_server};
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::mutex m_;
  std::vector<std::string> sni_;
};

hlc::net::http_reply https_get(hlc::net::runtime& rt, const std::string& url,
                               const std::string& ca) {
  inbox in;
  auto tls = hlc::net::make_client_tls_context(
      {std::string(HLC_FIXTURES_DIR) + "/tls/" + ca});
  auto http = hlc::net::http_client::create(rt.make_strand(), tls,
                                            hlc::net::parse_url_or_throw(url));
  http->request("GET", "/", "", "", in.reply_sink());
  REQUIRE(in.wait([&] { return in.replies.size() == 1; }));
  std::lock_guard<std::mutex> g{in.m};
  return in.replies[0];
}

} // namespace

TEST_CASE("tls: the right host name connects with SNI; a wrong host and an "
          "unknown CA are refused",
          "[scenario][net][tls]") {
  tls_server server;
  hlc::net::runtime rt;
  rt.start();
  auto port = std::to_string(server.port());
  auto ok = https_get(rt, "https://localhost:" + port + "/", "ca.pem");
  CHECK(ok.ok());
  CHECK(ok.body == "ok");
  auto names = server.sni_names();
  REQUIRE(names.size() == 1);
  CHECK(names[0] == "localhost"); // the bare host, no port
  // The certificate names localhost only: 127.0.0.1 is the wrong host.
  auto wrong = https_get(rt, "https://127.0.0.1:" + port + "/", "ca.pem");
  CHECK(wrong.status == 0);
  CHECK(wrong.error.find("tls handshake") != std::string::npos);
  CHECK(wrong.error.find("certificate verify failed") != std::string::npos);
  auto unknown
      = https_get(rt, "https://localhost:" + port + "/", "other_ca.pem");
  CHECK(unknown.status == 0);
  CHECK(unknown.error.find("certificate verify failed") != std::string::npos);
  rt.stop();
}

TEST_CASE("ws client: greeting, ping/pong, queued writes, one close",
          "[scenario][net]") {
  sim_fixture f;
  inbox in;
  auto ws = hlc::net::ws_client::create(
      f.rt.make_strand(), nullptr,
      hlc::net::parse_url_or_throw(f.base("ws") + "/ws"), in.ws_events());
  ws->send(R"({"method":"ping"})"); // queued before the handshake
  ws->connect();
  REQUIRE(in.wait([&] { return in.texts.size() >= 2; }));
  {
    std::lock_guard<std::mutex> g{in.m};
    CHECK(in.opens == 1);
    CHECK(in.texts[0] == "Websocket connection established.");
    CHECK(in.texts[1] == R"({"channel":"pong"})");
  }
  ws->close();
  REQUIRE(in.wait([&] { return !in.closes.empty(); }));
  std::lock_guard<std::mutex> g{in.m};
  CHECK(in.closes.size() == 1);
  CHECK(in.closes[0].find("closed by the client") != std::string::npos);
}

TEST_CASE("ws client: a dropped connection is reported once",
          "[scenario][net]") {
  sim_fixture f;
  hlc::sim::fault_rule drop;
  drop.on = hlc::sim::fault_on::ws;
  drop.channel = "pong";
  drop.action = hlc::sim::fault_action::disconnect;
  f.sim.faults().add(drop);
  inbox in;
  auto ws = hlc::net::ws_client::create(
      f.rt.make_strand(), nullptr,
      hlc::net::parse_url_or_throw(f.base("ws") + "/ws"), in.ws_events());
  ws->connect();
  REQUIRE(in.wait([&] { return in.opens == 1; }));
  ws->send(R"({"method":"ping"})");
  REQUIRE(in.wait([&] { return !in.closes.empty(); }));
  ws->close(); // after the end: no second report
  ws->abort();
  CHECK_FALSE(in.wait([&] { return in.closes.size() > 1; }, 200ms));
}

TEST_CASE("ws client: wss:// to a plain server fails, no hang",
          "[scenario][net]") {
  sim_fixture f;
  inbox in;
  auto ws = hlc::net::ws_client::create(
      f.rt.make_strand(), hlc::net::make_client_tls_context(),
      hlc::net::parse_url_or_throw("wss://127.0.0.1:" + std::to_string(f.port)
                                   + "/ws"),
      in.ws_events());
  ws->connect();
  REQUIRE(in.wait([&] { return !in.closes.empty(); }));
  std::lock_guard<std::mutex> g{in.m};
  CHECK(in.opens == 0);
  CHECK(in.closes[0].find("tls handshake") != std::string::npos);
}

TEST_CASE("http client: keep-alive, one connection for several requests",
          "[scenario][net]") {
  sim_fixture f;
  inbox in;
  auto http = hlc::net::http_client::create(
      f.rt.make_strand(), nullptr,
      hlc::net::parse_url_or_throw(f.base("http") + "/info"));
  for (int i = 0; i < 3; ++i)
    http->post_json("/info", R"({"type":"allMids"})", in.reply_sink());
  REQUIRE(in.wait([&] { return in.replies.size() == 3; }));
  std::lock_guard<std::mutex> g{in.m};
  for (auto& r : in.replies) {
    CHECK(r.ok());
    CHECK(r.body.find("\"BTC\"") != std::string::npos);
  }
  auto reqs = f.sim.requests().requests();
  REQUIRE(reqs.size() == 3);
  CHECK(reqs[0].connection == reqs[1].connection);
  CHECK(reqs[1].connection == reqs[2].connection);
}

TEST_CASE("http client: a stalled answer times out, the next request works",
          "[scenario][net]") {
  sim_fixture f;
  hlc::sim::fault_rule stall;
  stall.path = "/info";
  stall.nth = 1;
  stall.action = hlc::sim::fault_action::stall;
  f.sim.faults().add(stall);
  inbox in;
  hlc::net::http_options opt;
  opt.timeout = 300ms;
  auto http = hlc::net::http_client::create(
      f.rt.make_strand(), nullptr, hlc::net::parse_url_or_throw(f.base("http")),
      opt);
  http->post_json("/info", R"({"type":"allMids"})", in.reply_sink());
  http->post_json("/info", R"({"type":"allMids"})", in.reply_sink());
  REQUIRE(in.wait([&] { return in.replies.size() == 2; }));
  std::lock_guard<std::mutex> g{in.m};
  CHECK(in.replies[0].status == 0);
  CHECK(in.replies[0].error.find("timed out after 300 ms")
        != std::string::npos);
  CHECK(in.replies[1].ok());
}

TEST_CASE("http client: status, body and Retry-After come back as sent",
          "[scenario][net]") {
  sim_fixture f;
  hlc::sim::fault_rule limited;
  limited.path = "/info";
  limited.nth = 1;
  limited.action = hlc::sim::fault_action::status;
  limited.status = 429;
  limited.body = "rate limited";
  limited.headers = {{"Retry-After", "2"}};
  f.sim.faults().add(limited);
  inbox in;
  auto http = hlc::net::http_client::create(
      f.rt.make_strand(), nullptr,
      hlc::net::parse_url_or_throw(f.base("http")));
  http->post_json("/info", R"({"type":"allMids"})", in.reply_sink());
  REQUIRE(in.wait([&] { return in.replies.size() == 1; }));
  std::lock_guard<std::mutex> g{in.m};
  CHECK(in.replies[0].status == 429);
  CHECK(in.replies[0].body == "rate limited");
  CHECK(in.replies[0].retry_after == "2");
  CHECK_FALSE(in.replies[0].ok());
}

TEST_CASE("http client: extra request headers go out, every response header "
          "comes back lower-cased",
          "[scenario][net]") {
  sim_fixture f;
  hlc::sim::fault_rule limited;
  limited.path = "/info";
  limited.nth = 1;
  limited.action = hlc::sim::fault_action::status;
  limited.status = 429;
  limited.body = "rate limited";
  limited.headers = {{"X-MBX-USED-WEIGHT-1M", "2399"}};
  f.sim.faults().add(limited);
  inbox in;
  auto http = hlc::net::http_client::create(
      f.rt.make_strand(), nullptr,
      hlc::net::parse_url_or_throw(f.base("http")));
  http->request("POST", "/info", R"({"type":"allMids"})", "application/json",
                {{"X-MBX-APIKEY", "public-key"}}, in.reply_sink());
  REQUIRE(in.wait([&] { return in.replies.size() == 1; }));
  std::lock_guard<std::mutex> g{in.m};
  CHECK(in.replies[0].headers.at("x-mbx-used-weight-1m") == "2399");
  CHECK(in.replies[0].request_sent);
  auto reqs = f.sim.requests().requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].headers.at("x-mbx-apikey") == "public-key");
}

TEST_CASE("http client: whether a failed request may have reached the server",
          "[scenario][net]") {
  // What decides between "not placed, retry" and "outcome unknown, query"
  // for an order (SPEC EXE-5).
  inbox in;
  SECTION("refused connection: never sent") {
    hlc::net::runtime rt;
    rt.start();
    uint16_t closed_port = 0;
    {
      sim_fixture f; // take a port, then free it
      closed_port = f.port;
    }
    auto http = hlc::net::http_client::create(
        rt.make_strand(), nullptr,
        hlc::net::parse_url_or_throw("http://127.0.0.1:"
                                     + std::to_string(closed_port)));
    http->post_json("/info", "{}", in.reply_sink());
    REQUIRE(in.wait([&] { return in.replies.size() == 1; }));
    std::lock_guard<std::mutex> g{in.m};
    CHECK_FALSE(in.replies[0].error.empty());
    CHECK_FALSE(in.replies[0].request_sent);
    rt.stop();
  }
  SECTION("no answer in time: sent, outcome unknown") {
    sim_fixture f;
    hlc::sim::fault_rule stall;
    stall.path = "/info";
    stall.nth = 1;
    stall.action = hlc::sim::fault_action::stall;
    f.sim.faults().add(stall);
    hlc::net::http_options opt;
    opt.timeout = 200ms;
    auto http = hlc::net::http_client::create(
        f.rt.make_strand(), nullptr,
        hlc::net::parse_url_or_throw(f.base("http")), opt);
    http->post_json("/info", "{}", in.reply_sink());
    REQUIRE(in.wait([&] { return in.replies.size() == 1; }));
    std::lock_guard<std::mutex> g{in.m};
    CHECK(in.replies[0].error.find("timed out") != std::string::npos);
    CHECK(in.replies[0].request_sent);
  }
}

TEST_CASE("tls against hl-sim in TLS mode: https and wss with the right host "
          "name; a wrong host and an unknown CA are refused",
          "[scenario][net][tls]") {
  hlc::sim::real_clock clock;
  hlc::sim::hl::hl_sim sim{clock, 1};
  auto dir = std::string(HLC_FIXTURES_DIR) + "/tls/";
  sim.use_tls(dir + "server.pem", dir + "server.key"); // names localhost
  auto port = std::to_string(sim.start(0));
  hlc::net::runtime rt;
  rt.start();
  auto info = [&](const std::string& host, const std::string& ca) {
    inbox in;
    auto http = hlc::net::http_client::create(
        rt.make_strand(), hlc::net::make_client_tls_context({dir + ca}),
        hlc::net::parse_url_or_throw("https://" + host + ":" + port));
    http->post_json("/info", R"({"type":"allMids"})", in.reply_sink());
    REQUIRE(in.wait([&] { return in.replies.size() == 1; }));
    std::lock_guard<std::mutex> g{in.m};
    return in.replies[0];
  };
  auto ok = info("localhost", "ca.pem");
  CHECK(ok.ok());
  CHECK(ok.body.find("\"BTC\"") != std::string::npos);
  auto wrong = info("127.0.0.1", "ca.pem");
  CHECK(wrong.error.find("certificate verify failed") != std::string::npos);
  auto unknown = info("localhost", "other_ca.pem");
  CHECK(unknown.error.find("certificate verify failed") != std::string::npos);

  // The stream: wss with the right name opens and gets the greeting.
  inbox in;
  auto ws = hlc::net::ws_client::create(
      rt.make_strand(), hlc::net::make_client_tls_context({dir + "ca.pem"}),
      hlc::net::parse_url_or_throw("wss://localhost:" + port + "/ws"),
      in.ws_events());
  ws->connect();
  REQUIRE(in.wait([&] { return in.opens == 1 && !in.texts.empty(); }));
  ws->close();
  REQUIRE(in.wait([&] { return in.closes.size() == 1; }));
  // A wrong host name never opens.
  inbox bad;
  auto ws_bad = hlc::net::ws_client::create(
      rt.make_strand(), hlc::net::make_client_tls_context({dir + "ca.pem"}),
      hlc::net::parse_url_or_throw("wss://127.0.0.1:" + port + "/ws"),
      bad.ws_events());
  ws_bad->connect();
  REQUIRE(bad.wait([&] { return bad.closes.size() == 1; }));
  {
    std::lock_guard<std::mutex> g{bad.m};
    CHECK(bad.opens == 0);
    CHECK(bad.closes[0].find("certificate verify failed") != std::string::npos);
  }
  rt.stop();
  sim.stop();
}
