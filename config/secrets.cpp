#include "config/secrets.hpp"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace hlc {

namespace {

const char* secrets_ptr = "/binance/secrets_file";

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return std::string{s.substr(b, e - b + 1)};
}

std::string octal_mode(mode_t m) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%04o", static_cast<unsigned>(m & 07777));
  return buf;
}

} // namespace

config_result<std::map<std::string, std::string>>
read_secrets_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return config_error{secrets_ptr, "cannot read secrets file " + path + ": "
                                         + std::strerror(errno)};
  if (!S_ISREG(st.st_mode))
    return config_error{secrets_ptr,
                        "secrets file " + path + " is not a regular file"};
  if ((st.st_mode & 077) != 0)
    return config_error{secrets_ptr,
                        "secrets file " + path + " has mode "
                            + octal_mode(st.st_mode)
                            + "; it must be readable by its owner only "
                              "(chmod 600) (SAF-4)"};
  std::ifstream in(path);
  if (!in) return config_error{secrets_ptr, "cannot read secrets file " + path};
  std::map<std::string, std::string> result;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    if (text.compare(0, 7, "export ") == 0)
      text = trim(std::string_view{text}.substr(7));
    auto eq = text.find('=');
    auto name = trim(std::string_view{text}.substr(0, eq));
    bool name_ok = eq != std::string::npos && !name.empty();
    for (char c : name)
      name_ok
          = name_ok
            && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_');
    if (!name_ok) // the line may hold a secret: say where, not what
      return config_error{secrets_ptr, "secrets file " + path + " line "
                                           + std::to_string(number)
                                           + ": expected NAME=VALUE"};
    auto value = trim(std::string_view{text}.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')
        && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    result[name] = value;
  }
  return result;
}

std::optional<config_error> resolve_secrets(settings& s,
                                            const env_lookup& env) {
  std::map<std::string, std::string> file;
  if (!s.binance.secrets_file.empty()) {
    auto r = read_secrets_file(s.binance.secrets_file);
    if (!r) return r.error();
    file = std::move(r.value());
  }
  auto lookup = [&](const std::string& name) -> std::string {
    if (auto v = env ? env(name) : std::nullopt; v && !v->empty()) return *v;
    if (auto i = file.find(name); i != file.end()) return i->second;
    return {};
  };
  s.keys.binance_api_key = lookup(s.binance.api_key_env);
  s.keys.binance_api_secret = lookup(s.binance.api_secret_env);
  s.keys.telegram_token = lookup(s.notifier.telegram_token_env);
  auto where = [&](const std::string& name) {
    return "environment variable " + name + " is not set"
           + (s.binance.secrets_file.empty()
                  ? std::string{}
                  : " and not in " + s.binance.secrets_file);
  };
  if (s.mode == run_mode::live) {
    if (s.keys.binance_api_key.empty())
      return config_error{
          "/binance/api_key_env",
          where(s.binance.api_key_env)
              + "; live mode needs the Binance API key (SAF-4)"};
    if (s.keys.binance_api_secret.empty())
      return config_error{"/binance/api_secret_env",
                          where(s.binance.api_secret_env)
                              + "; live mode needs the Binance API secret "
                                "(SAF-4)"};
  }
  if (s.notifier.telegram_enabled && s.keys.telegram_token.empty())
    return config_error{"/notifier/telegram_token_env",
                        where(s.notifier.telegram_token_env)
                            + "; Telegram is enabled and needs the bot token "
                              "(SAF-4)"};
  return std::nullopt;
}

} // namespace hlc
