#include "client/logger.hpp"

#include "client/redact.hpp"
#include "oss/error.hpp"
#include "util/time_format.hpp"

#include <cerrno>
#include <cstring>

namespace client {

LogLevel parse_log_level(std::string_view text) {
  if (text == "debug") return LogLevel::debug;
  if (text == "info") return LogLevel::info;
  return LogLevel::off;
}

Logger::Logger(LogLevel level, std::vector<std::string> secrets)
    : m_level(level), m_secrets(std::move(secrets)), m_file(stderr) {}

Logger::~Logger() {
  if (m_owned) std::fclose(m_file);
}

void Logger::open(const std::string& path) {
  if (path.empty()) return;
  if (path == "-") {
    m_file = stdout;
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) throw oss::client_error("open log file " + path + ": " + std::strerror(errno));
  if (m_owned) std::fclose(m_file);
  m_file = f;
  m_owned = true;
}

void Logger::log(LogLevel level, std::string_view text) {
  if (!enabled(level)) return;
  std::string line =
      util::iso8601_ms(util::now_utc()) + (level == LogLevel::debug ? " [debug] " : " [info] ");
  line += redact_secrets(std::string(text), m_secrets);
  if (line.empty() || line.back() != '\n') line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), m_file);
  std::fflush(m_file);
}

} // namespace client
