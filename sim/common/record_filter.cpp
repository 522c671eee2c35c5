#include "sim/common/record_filter.hpp"

#include "sim/common/json_util.hpp"

#include <cctype>

namespace hlc::sim {

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size()
               && std::isxdigit(static_cast<unsigned char>(s[i + 1]))
               && std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

record_filter record_filter::parse(const std::string& query) {
  record_filter f;
  size_t at = 0;
  while (at <= query.size()) {
    auto end = query.find('&', at);
    if (end == std::string::npos) end = query.size();
    auto part = query.substr(at, end - at);
    auto eq = part.find('=');
    auto key = url_decode(part.substr(0, eq));
    auto value = eq == std::string::npos ? "" : url_decode(part.substr(eq + 1));
    if (key == "since_seq") {
      if (value.empty() || value.size() > 19
          || value.find_first_not_of("0123456789") != std::string::npos)
        throw input_error("since_seq: not an unsigned integer: \"" + value
                          + "\"");
      f.since_seq = std::stoull(value);
    } else if (key == "path") {
      f.path = value;
    }
    at = end + 1;
  }
  return f;
}

bool record_filter::matches(uint64_t seq,
                            const std::string& record_path) const {
  if (seq <= since_seq) return false;
  if (path.empty()) return true;
  if (path.back() == '*')
    return record_path.compare(0, path.size() - 1, path, 0, path.size() - 1)
           == 0;
  return record_path == path;
}

} // namespace hlc::sim
