#include "adapters/net/tls.hpp"

namespace hlc::net {

std::shared_ptr<boost::asio::ssl::context>
make_client_tls_context(const tls_settings& s) {
  namespace ssl = boost::asio::ssl;
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                   | ssl::context::no_sslv3 | ssl::context::no_tlsv1
                   | ssl::context::no_tlsv1_1);
  if (s.ca_file.empty())
    ctx->set_default_verify_paths();
  else
    ctx->load_verify_file(s.ca_file);
  ctx->set_verify_mode(ssl::verify_peer);
  return ctx;
}

} // namespace hlc::net
