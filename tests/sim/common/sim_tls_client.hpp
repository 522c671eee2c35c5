#pragma once

// Test-only TLS clients for the simulators' https/wss side: they verify the
// server certificate against a given CA file and host name (SNI for names,
// an IP SAN check for addresses), the way a real client would. Beast SSL
// lives only in sim_tls_client.cpp.

#include "sim_client.hpp"

#include <cstdint>
#include <string>

namespace hlc::sim::test {

/// Where and whom to trust: connect to 127.0.0.1:port, expect a certificate
/// for `host` issued by the CA in `ca_file` (PEM).
struct tls_target {
  uint16_t port = 0;
  std::string host;
  std::string ca_file;
};

/// One HTTPS request on a fresh connection (Connection: close). A failed
/// handshake or verification gives status 0 and the reason in `error`.
http_result tls_request(const tls_target& t, const std::string& method,
                        const std::string& target,
                        const std::string& body = {});

/// Opens wss://host:port/path and returns the first text frame. Throws
/// std::runtime_error with the reason when the connection, the handshake or
/// the verification fails.
std::string tls_ws_first_frame(const tls_target& t, const std::string& path);

} // namespace hlc::sim::test
