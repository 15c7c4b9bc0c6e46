#pragma once
// What a command runs with: global options, output streams, the terminal situation, the
// resolved configuration and a lazily created OssClient. Lets run_xxx be tested without a
// process.
#include "client/config.hpp"
#include "client/logger.hpp"
#include "client/oss_client.hpp"

#include <chrono>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace cli {

/// Global flags (cli.md §2) as parsed; config-related ones live in `config`.
struct GlobalOptions {
  client::ConfigFlags config;
  bool dry_run = false;
  bool quiet = false;
  std::string log_file;
};

class Context {
public:
  Context(std::ostream& out, std::ostream& err, client::EnvMap env);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  GlobalOptions globals;
  std::ostream& out; ///< results (Decision 2)
  std::ostream& err; ///< errors, prompts, progress
  client::EnvMap env;
  int stdin_fd = 0;
  bool stdin_is_tty = false;         ///< decides whether cp may prompt (Decision 6)
  bool stderr_is_tty = false;        ///< progress is drawn only on a terminal
  std::istream* prompt_in = nullptr; ///< answers to prompts; null = none
  bool stdout_is_data = false;       ///< object bytes went to out: print nothing else there
  /// Reads the config file; replaceable in tests. Returns nullopt when the file is missing.
  std::function<std::optional<std::string>(const std::string& path)> read_file;

  /// Resolves flags > env > file once. Throws oss::Error(usage).
  const client::ResolvedConfig& config();
  /// Creates the client on first use after require_request_settings(). Throws oss::Error(usage).
  client::OssClient& client();
  /// For tests: use this client instead of building one.
  void set_client(std::unique_ptr<client::OssClient> client);

  bool dry_run() const { return globals.dry_run; }
  bool json_output() { return config().output_format == "json"; }
  double elapsed_seconds() const;
  /// A blank line, then "N.NNNNNN(s) elapsed", on out (nothing when stdout_is_data).
  void print_elapsed();

private:
  std::chrono::steady_clock::time_point m_start;
  std::optional<client::ResolvedConfig> m_config;
  std::unique_ptr<client::Logger> m_logger;
  std::unique_ptr<client::OssClient> m_client;
};

} // namespace cli
