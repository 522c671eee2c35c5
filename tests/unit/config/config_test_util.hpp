#pragma once

#include "config/config_error.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>

namespace hlc::test {

/// An environment made of a map, so tests never read the real one.
inline env_lookup map_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](
             const std::string& name) -> std::optional<std::string> {
    auto i = vars.find(name);
    if (i == vars.end()) return std::nullopt;
    return i->second;
  };
}

inline env_lookup empty_env() {
  return map_env({});
}

/// The smallest valid config.
inline const char* minimal_config = R"({
  "leaders": [{"address": "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2"}]
})";

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A fresh directory removed at scope exit.
class temp_dir {
public:
  temp_dir() {
    auto tmpl = (std::filesystem::temp_directory_path() / "hlc-config-XXXXXX")
                    .string();
    if (::mkdtemp(tmpl.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }

  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  /// Writes `content` to `name` with permission bits `mode`.
  std::string write(const std::string& name, const std::string& content,
                    mode_t mode = 0644) const {
    auto p = (path_ / name).string();
    {
      std::ofstream out(p, std::ios::binary | std::ios::trunc);
      out << content;
    }
    if (::chmod(p.c_str(), mode) != 0) throw std::runtime_error("chmod failed");
    return p;
  }

private:
  std::filesystem::path path_;
};

} // namespace hlc::test
