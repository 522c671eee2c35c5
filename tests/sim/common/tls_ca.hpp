#pragma once

// A test CA made once per test process by scripts/make_test_ca.sh (needs the
// openssl CLI), for the simulators' TLS tests.

#include <string>

namespace hlc::sim::test {

/// Files of one generated CA and its server certificate.
struct test_ca {
  std::string dir;
  std::string ca_file;   ///< trust this
  std::string cert_file; ///< server certificate (--tls-cert)
  std::string key_file;  ///< server key (--tls-key)
};

/// The CA named `name` (generated on first use, for api.hyperliquid.test,
/// fapi.binance.test and 127.0.0.1). Throws std::runtime_error if the
/// script fails.
const test_ca& make_test_ca(const std::string& name);

} // namespace hlc::sim::test
