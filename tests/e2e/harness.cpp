#include "harness.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace e2e {
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<char*> c_strings(std::vector<std::string>& items) {
  std::vector<char*> out;
  for (auto& s : items)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

pid_t spawn(const std::string& program, const std::vector<std::string>& args,
            const fs::path& stdin_path, const fs::path& stdout_path, const fs::path& stderr_path,
            std::vector<std::string> env) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<std::string> argv_s{program};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  auto argv = c_strings(argv_s);
  auto envp = c_strings(env);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot spawn " + program);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

std::vector<std::string> base_env(const fs::path& home,
                                  const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> env{
      {"PATH", "/usr/bin:/bin"}, {"HOME", home.string()}, {"TZ", "UTC"}};
  for (const auto& [k, v] : extra)
    env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env)
    out.push_back(k + "=" + v);
  return out;
}

} // namespace

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "ossutil-e2e-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  m_path = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::string& stdin_data, const fs::path& home,
                      const std::map<std::string, std::string>& env) {
  TempDir io;
  const fs::path in = io.path() / "stdin", out = io.path() / "stdout", err = io.path() / "stderr";
  std::ofstream(in, std::ios::binary) << stdin_data;
  const pid_t pid = spawn(program, args, in, out, err, base_env(home, env));
  RunResult result;
  result.exit_code = wait_exit(pid);
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

MockServer::MockServer(fs::path data_dir, std::vector<std::string> extra_args)
    : m_data_dir(std::move(data_dir)), m_extra_args(std::move(extra_args)) {
  start();
}

MockServer::~MockServer() {
  if (m_pid > 0) stop();
}

void MockServer::start() {
  fs::create_directories(m_data_dir);
  const fs::path port_file = m_data_dir.parent_path() / "ossmock.port";
  fs::remove(port_file);
  m_log_path = m_data_dir.parent_path() / "ossmock.log";
  std::vector<std::string> args{"--data-dir",  m_data_dir.string(), "--listen",
                                "127.0.0.1:0", "--port-file",       port_file.string()};
  args.insert(args.end(), m_extra_args.begin(), m_extra_args.end());
  const fs::path out = m_data_dir.parent_path() / "ossmock.stdout";
  m_pid = spawn(OSSMOCK_BIN, args, "/dev/null", out, m_log_path, base_env(m_data_dir, {}));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(port_file)) {
      const std::string text = slurp(port_file);
      if (!text.empty()) {
        m_port = std::stoi(text);
        return;
      }
    }
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      throw std::runtime_error("ossmock exited at start: " + slurp(m_log_path));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("ossmock did not write its port file in 20 s");
}

int MockServer::stop() {
  if (m_pid <= 0) return -1;
  ::kill(m_pid, SIGTERM);
  const int code = wait_exit(m_pid);
  m_pid = -1;
  return code;
}

void MockServer::kill_hard() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGKILL);
  wait_exit(m_pid);
  m_pid = -1;
}

std::string MockServer::log() const { return slurp(m_log_path); }

void MockServer::wait_for_log(const std::string& needle, std::size_t times) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline && count(log(), needle) < times)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

World::World() : m_mock(m_tmp.path() / "data") {}

namespace {
std::vector<std::string> config_args(const fs::path& dir, const std::string& config_json) {
  const fs::path file = dir / "ossmock-config.json";
  std::ofstream(file, std::ios::binary) << config_json;
  return {"--config", file.string()};
}
} // namespace

World::World(const std::string& config_json)
    : m_mock(m_tmp.path() / "data", config_args(m_tmp.path(), config_json)) {}

std::vector<std::string> World::connection_args() const {
  return {"-e", m_mock.endpoint(), "--region", k_region,
          "-i", k_access_key_id,   "-k",       k_access_key_secret};
}

RunResult World::ossutil(const std::vector<std::string>& args, const std::string& stdin_data,
                         const std::map<std::string, std::string>& env) {
  return run_program(OSSUTIL_BIN, with(args, connection_args()), stdin_data, m_tmp.path(), env);
}

RunResult World::ossutil_bare(const std::vector<std::string>& args, const std::string& stdin_data,
                              const std::map<std::string, std::string>& env) {
  return run_program(OSSUTIL_BIN, args, stdin_data, m_tmp.path(), env);
}

pid_t World::start_ossutil(const std::vector<std::string>& args) {
  return spawn(OSSUTIL_BIN, with(args, connection_args()), "/dev/null",
               m_tmp.path() / "async.stdout", m_tmp.path() / "async.stderr",
               base_env(m_tmp.path(), {}));
}

int wait_program(pid_t pid) { return wait_exit(pid); }

std::string random_bytes(std::size_t size, unsigned seed) {
  std::string out(size, '\0');
  std::uint64_t x = 0x9E3779B97F4A7C15ULL ^ seed;
  for (std::size_t i = 0; i < size; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    out[i] = static_cast<char>(x >> 24);
  }
  return out;
}

fs::path World::write_file(const std::string& name, const std::string& content) {
  const fs::path p = m_tmp.path() / "files" / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::string World::read_file(const fs::path& path) const { return slurp(path); }

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::vector<fs::path> checkpoint_records(const fs::path& dir) {
  std::vector<fs::path> out = files_under(dir);
  std::erase_if(
      out, [](const fs::path& p) { return p.extension() != ".ucp" && p.extension() != ".dcp"; });
  return out;
}

bool kill_after_parts(World& w, const std::vector<std::string>& args,
                      const fs::path& checkpoint_dir, std::size_t parts) {
  const pid_t pid = w.start_ossutil(args);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool killed = false;
  while (!killed && std::chrono::steady_clock::now() < deadline) {
    const auto records = checkpoint_records(checkpoint_dir);
    // Records are replaced by rename, so a read sees a whole one.
    if (!records.empty() && count(w.read_file(records.front()), "\"number\"") >= parts) {
      ::kill(pid, SIGKILL);
      killed = true;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return e2e::wait_program(pid) == 128 + SIGKILL && killed;
}

std::map<std::string, std::string> parse_stat(const std::string& out) {
  std::map<std::string, std::string> fields;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(" : ");
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    while (!key.empty() && key.back() == ' ')
      key.pop_back();
    fields[key] = line.substr(colon + 3);
  }
  return fields;
}

} // namespace e2e
