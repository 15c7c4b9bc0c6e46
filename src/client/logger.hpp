#pragma once
// Request/response logging to stderr or a file (--loglevel, --log-file). Every line passes
// through secret redaction (Decision 5).
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace client {

enum class LogLevel { off, info, debug };

/// Parses "off" / "info" / "debug" (already validated by config resolution).
LogLevel parse_log_level(std::string_view text);

class Logger {
public:
  /// Writes to stderr. `secrets` (AccessKey secret, STS token) are redacted wherever they occur.
  explicit Logger(LogLevel level = LogLevel::off, std::vector<std::string> secrets = {});
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  /// Sends output to path ("-" = stdout). Throws oss::Error(client) if it cannot be opened.
  void open(const std::string& path);

  bool enabled(LogLevel level) const { return m_level != LogLevel::off && level <= m_level; }
  /// Writes "YYYY-mm-ddTHH:MM:SSZ [level] text" (multi-line text kept as is).
  void log(LogLevel level, std::string_view text);

private:
  LogLevel m_level;
  std::vector<std::string> m_secrets;
  std::FILE* m_file = nullptr;
  bool m_owned = false;
};

} // namespace client
