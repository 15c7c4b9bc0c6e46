#include "cli/context.hpp"

#include "cli/summary.hpp"
#include "oss/error.hpp"
#include "util/file_io.hpp"

namespace cli {
namespace {

// Config files are small; the cap keeps `-c /dev/zero` from exhausting memory.
constexpr std::size_t k_max_config_bytes = std::size_t{1024} * 1024;

std::optional<std::string> read_whole_file(const std::string& path) {
  util::SmallRead read = util::read_small_file(path, k_max_config_bytes);
  if (read.problem == util::ReadProblem::missing) return std::nullopt;
  if (read.problem != util::ReadProblem::none)
    throw oss::usage_error("cannot read config file \"" + path + "\": " + read.detail);
  return std::move(read.text);
}

} // namespace

Context::Context(std::ostream& out_stream, std::ostream& err_stream, client::EnvMap environment)
    : out(out_stream), err(err_stream), env(std::move(environment)), read_file(read_whole_file),
      m_start(std::chrono::steady_clock::now()) {}

Context::~Context() = default;

const client::ResolvedConfig& Context::config() {
  if (!m_config) {
    bool explicit_path = false;
    const std::string path = client::config_file_path(globals.config, env, &explicit_path);
    const auto text = read_file(path);
    if (!text && explicit_path) throw oss::usage_error("cannot read config file \"" + path + "\"");
    m_config = client::resolve_config(globals.config, env, text.value_or(""));
  }
  return *m_config;
}

client::OssClient& Context::client() {
  if (!m_client) {
    const client::ResolvedConfig& cfg = config();
    client::require_request_settings(cfg);
    m_logger =
        std::make_unique<client::Logger>(client::parse_log_level(cfg.loglevel),
                                         std::vector<std::string>{cfg.credentials.access_key_secret,
                                                                  cfg.credentials.security_token});
    m_logger->open(globals.log_file);
    client::ClientOptions options;
    options.config = cfg;
    options.dry_run = globals.dry_run;
    options.dry_run_out = &out;
    options.logger = m_logger.get();
#ifdef OSSUTIL_VERSION
    options.user_agent = "ossutil-cpp/" OSSUTIL_VERSION;
#endif
    m_client = std::make_unique<client::OssClient>(std::move(options));
  }
  return *m_client;
}

void Context::set_client(std::unique_ptr<client::OssClient> c) { m_client = std::move(c); }

double Context::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
}

void Context::print_elapsed() {
  if (stdout_is_data) return;
  out << "\n" << format_elapsed(elapsed_seconds()) << "\n" << std::flush;
}

} // namespace cli
