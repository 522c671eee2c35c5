#include "adapters/net/url.hpp"

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace hlc::net {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

uint16_t default_port(std::string_view scheme) {
  return scheme == "https" || scheme == "wss" ? 443 : 80;
}

} // namespace

std::string endpoint_url::host_header() const {
  auto h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port == default_port(scheme)) return h;
  return h + ":" + std::to_string(port);
}

bool is_loopback_host(std::string_view host) noexcept {
  if (host == "localhost" || host == "::1") return true;
  if (host.substr(0, 4) != "127.") return false;
  // dotted quad, every part a number 0..255
  int parts = 0;
  size_t i = 0;
  while (i <= host.size()) {
    auto j = host.find('.', i);
    if (j == std::string_view::npos) j = host.size();
    auto part = host.substr(i, j - i);
    unsigned v = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc{} || p != part.data() + part.size()
        || v > 255)
      return false;
    ++parts;
    i = j + 1;
  }
  return parts == 4;
}

std::variant<endpoint_url, url_error> parse_url(std::string_view text) {
  auto sep = text.find("://");
  if (sep == std::string_view::npos)
    return url_error{"url: missing scheme in \"" + std::string(text) + "\""};
  endpoint_url u;
  u.scheme = lower(text.substr(0, sep));
  if (u.scheme != "ws" && u.scheme != "wss" && u.scheme != "http"
      && u.scheme != "https")
    return url_error{"url: unsupported scheme \"" + u.scheme + "\""};
  u.tls = u.scheme == "wss" || u.scheme == "https";
  auto rest = text.substr(sep + 3);
  auto slash = rest.find_first_of("/?");
  auto authority = rest.substr(0, slash);
  u.target
      = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (u.target.front() == '?') u.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos)
    return url_error{"url: user info is not supported"};
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos)
      return url_error{"url: unterminated [ in host"};
    u.host = lower(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':')
        return url_error{"url: junk after ] in host"};
      port_text = authority.substr(close + 2);
    }
  } else {
    auto colon = authority.rfind(':');
    u.host = lower(authority.substr(0, colon));
    if (colon != std::string_view::npos)
      port_text = authority.substr(colon + 1);
  }
  if (u.host.empty()) return url_error{"url: empty host"};
  u.port = default_port(u.scheme);
  if (!port_text.empty()) {
    unsigned v = 0;
    auto [p, ec] = std::from_chars(port_text.data(),
                                   port_text.data() + port_text.size(), v);
    if (ec != std::errc{} || p != port_text.data() + port_text.size() || v == 0
        || v > 65535)
      return url_error{"url: bad port \"" + std::string(port_text) + "\""};
    u.port = static_cast<uint16_t>(v);
  }
  if (!u.tls && !is_loopback_host(u.host))
    return url_error{"url: plain " + u.scheme
                     + ":// is only allowed for "
                       "loopback hosts (127.0.0.x, localhost); use "
                     + (u.scheme == "ws" ? "wss" : "https") + ":// for \""
                     + u.host + "\""};
  return u;
}

endpoint_url parse_url_or_throw(std::string_view text) {
  auto r = parse_url(text);
  if (auto* e = std::get_if<url_error>(&r))
    throw std::invalid_argument(e->message);
  return std::get<endpoint_url>(std::move(r));
}

} // namespace hlc::net
