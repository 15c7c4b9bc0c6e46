#pragma once
// End-to-end harness: runs the real `ossutil` binary against a real `ossmock` process that
// listens on a free loopback port with its own temporary data directory.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace e2e {

/// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a program with args, feeding stdin_data, with a minimal environment (PATH, HOME=home,
/// TZ=UTC, no OSS_* variables) plus env. Waits for it to finish.
RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::string& stdin_data, const std::filesystem::path& home,
                      const std::map<std::string, std::string>& env = {});

/// One ossmock process. Started on construction (port 0 + --port-file), SIGTERM on stop().
class MockServer {
public:
  explicit MockServer(std::filesystem::path data_dir, std::vector<std::string> extra_args = {});
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  void start();
  /// SIGTERM and wait; returns the exit status (0 on a clean shutdown).
  int stop();
  /// SIGKILL and wait.
  void kill_hard();
  int port() const { return m_port; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  const std::filesystem::path& data_dir() const { return m_data_dir; }
  /// Everything the server wrote on stderr so far (its request log).
  std::string log() const;
  /// Returns once the log holds `needle` at least `times` times, or after 30 s.
  void wait_for_log(const std::string& needle, std::size_t times) const;

private:
  std::filesystem::path m_data_dir;
  std::vector<std::string> m_extra_args;
  std::filesystem::path m_log_path;
  pid_t m_pid = -1;
  int m_port = 0;
};

/// A test's world: a temp dir (home, files), one ossmock, and an ossutil runner bound to it.
class World {
public:
  World();
  /// A world whose ossmock runs with `--config <file>` holding `config_json` (written into the
  /// temp dir before the server starts).
  explicit World(const std::string& config_json);
  RunResult ossutil(const std::vector<std::string>& args, const std::string& stdin_data = "",
                    const std::map<std::string, std::string>& env = {});
  /// ossutil without the endpoint/credential flags (for config and env tests).
  RunResult ossutil_bare(const std::vector<std::string>& args, const std::string& stdin_data = "",
                         const std::map<std::string, std::string>& env = {});
  /// Writes a local file under the temp dir and returns its path.
  std::filesystem::path write_file(const std::string& name, const std::string& content);
  std::string read_file(const std::filesystem::path& path) const;
  std::filesystem::path dir() const { return m_tmp.path(); }
  /// Starts ossutil (with the endpoint/credential flags) without waiting; stdout and stderr go
  /// to files under the temp dir. Returns the pid; finish with wait_program.
  pid_t start_ossutil(const std::vector<std::string>& args);
  /// The endpoint, region and credential flags that bind ossutil to this world's ossmock.
  std::vector<std::string> connection_args() const;
  MockServer& mock() { return m_mock; }

private:
  TempDir m_tmp;
  MockServer m_mock;
};

inline constexpr const char* k_access_key_id = "ossmock-ak";
inline constexpr const char* k_access_key_secret = "ossmock-sk";
inline constexpr const char* k_region = "cn-hangzhou";

/// A config for worlds that use named CMKs: no users (so the default credentials keep working and
/// hold grants on every key) and the CMKs the e2e stories name.
inline constexpr const char* k_config_with_cmks =
    R"({"kms": {"enabled": true, "keys": [{"id": "key-app-0001", "alias": "alias/app"}, {"id": "key-9"}]}})";

/// args followed by more.
std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more);

/// Transfer flags that make a few hundred KiB a multipart transfer of 100 KiB parts.
inline const std::vector<std::string> k_small_parts = {"--bigfile-threshold", "200K", "--part-size",
                                                       "100K"};

/// Waits for a process started by World::start_ossutil; returns its exit code (128+signal).
int wait_program(pid_t pid);

/// The transfer checkpoint records (*.ucp, *.dcp) below dir, sorted — not the temp file a kill
/// during a save leaves next to one.
std::vector<std::filesystem::path> checkpoint_records(const std::filesystem::path& dir);

/// Starts ossutil with args and SIGKILLs it once its checkpoint record under `checkpoint_dir`
/// lists at least `parts` finished parts. True when it was killed (false: it finished first).
bool kill_after_parts(World& w, const std::vector<std::string>& args,
                      const std::filesystem::path& checkpoint_dir, std::size_t parts);

/// `size` pseudo-random bytes, the same for the same seed.
std::string random_bytes(std::size_t size, unsigned seed);

/// How often needle occurs in text (overlapping occurrences counted).
std::size_t count(const std::string& text, const std::string& needle);
/// Every regular file below dir, sorted; empty when dir does not exist.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir);

/// The `Key : value` lines of `ossutil stat` output as a map (padding removed).
std::map<std::string, std::string> parse_stat(const std::string& out);

} // namespace e2e
