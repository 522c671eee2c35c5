#include "actors/common/log.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace hlc {

namespace {

bool json_format = true;

spdlog::level::level_enum parse_level(std::string_view x) {
  if (x == "trace") return spdlog::level::trace;
  if (x == "critical") return spdlog::level::critical;
  if (x == "debug") return spdlog::level::debug;
  if (x == "warn") return spdlog::level::warn;
  if (x == "error") return spdlog::level::err;
  if (x == "off") return spdlog::level::off;
  return spdlog::level::info;
}

std::string iso_now() {
  // Log timestamps are the one place where wall time is read for display.
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                now.time_since_epoch())
                .count()
            % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

} // namespace

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += c;
      }
    }
  }
  return out;
}

void init_logging(const logging_settings& cfg) {
  json_format = cfg.format != "human";
  std::shared_ptr<spdlog::logger> logger;
  if (cfg.file.empty()) {
    // stderr is unbuffered: one write(2) per line halved a replay at level
    // info. Buffer it; warnings and errors still flush at once (below), the
    // rest at least every second (docs/operations.md §4).
    static char buffer[64 * 1024];
    std::setvbuf(stderr, buffer, _IOFBF, sizeof(buffer));
    logger = spdlog::stderr_logger_mt("hlcopy");
  } else {
    auto bytes = static_cast<size_t>(cfg.rotate_mb) * 1024 * 1024;
    logger = spdlog::rotating_logger_mt("hlcopy", cfg.file, bytes,
                                        static_cast<size_t>(cfg.rotate_files));
  }
  logger->set_pattern("%v");
  logger->set_level(parse_level(cfg.level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void log_event(std::string_view level, std::string_view component,
               std::string_view event, std::string_view corr,
               std::initializer_list<log_field> fields) {
  auto lvl = parse_level(level);
  auto logger = spdlog::default_logger_raw();
  if (logger == nullptr || !logger->should_log(lvl)) return;
  std::string line;
  if (json_format) {
    line = "{\"ts\":\"" + iso_now() + "\",\"level\":\"" + std::string{level}
           + "\",\"component\":\"" + json_escape(component) + "\",\"event\":\""
           + json_escape(event) + "\"";
    if (!corr.empty()) line += ",\"corr\":\"" + json_escape(corr) + "\"";
    for (auto& [k, v] : fields)
      line += ",\"" + json_escape(k) + "\":\"" + json_escape(v) + "\"";
    line += "}";
  } else {
    line = iso_now() + " " + std::string{level} + " [" + std::string{component}
           + "] " + std::string{event};
    if (!corr.empty()) line += " corr=" + std::string{corr};
    for (auto& [k, v] : fields)
      line += " " + std::string{k} + "=" + v;
  }
  logger->log(lvl, "{}", line);
}

} // namespace hlc
