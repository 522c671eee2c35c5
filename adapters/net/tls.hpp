#pragma once

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace hlc::net {

/// Client TLS settings. Empty `ca_file`: the system CA store
/// (/etc/ssl/certs, Debian's ca-certificates); tests pass their own CA.
struct tls_settings {
  std::string ca_file;
};

/// A client TLS context: TLS 1.2 or newer, peer verification on. The host
/// name is checked per connection (SNI and verification use the bare host).
std::shared_ptr<boost::asio::ssl::context>
make_client_tls_context(const tls_settings& s = {});

} // namespace hlc::net
