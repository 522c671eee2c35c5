#include "tls_ca.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

#include <unistd.h>

namespace hlc::sim::test {

const test_ca& make_test_ca(const std::string& name) {
  static std::mutex mtx;
  static std::map<std::string, test_ca> made;
  std::lock_guard<std::mutex> guard{mtx};
  if (auto i = made.find(name); i != made.end()) return i->second;
  auto dir = std::filesystem::temp_directory_path()
             / ("hlc_sim_tls_" + std::to_string(::getpid()) + "_" + name);
  std::filesystem::remove_all(dir);
  std::string cmd = "bash '" HLC_SOURCE_DIR "/scripts/make_test_ca.sh' '"
                    + dir.string()
                    + "' api.hyperliquid.test fapi.binance.test >/dev/null";
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("make_test_ca.sh failed: " + cmd);
  test_ca ca;
  ca.dir = dir.string();
  ca.ca_file = (dir / "ca.pem").string();
  ca.cert_file = (dir / "server.pem").string();
  ca.key_file = (dir / "server.key").string();
  return made.emplace(name, ca).first->second;
}

} // namespace hlc::sim::test
