#include "cli/commands/commands.hpp"

namespace cli {
namespace {

void text_option(CLI::App& app, const std::string& names, std::optional<std::string>& target,
                 const std::string& help) {
  app.add_option_function<std::string>(
         names, [&target](const std::string& v) { target = v; }, help)
      ->type_name("string")
      ->group("Global Flags");
}

void int_option(CLI::App& app, const std::string& names, std::optional<int>& target,
                const std::string& help) {
  app.add_option_function<int>(
         names, [&target](const int& v) { target = v; }, help)
      ->type_name("int")
      ->group("Global Flags");
}

} // namespace

void add_global_flags(CLI::App& app, GlobalOptions& g) {
  client::ConfigFlags& c = g.config;
  text_option(app, "-i,--access-key-id", c.access_key_id, "AccessKey ID");
  text_option(app, "-k,--access-key-secret", c.access_key_secret, "AccessKey secret");
  text_option(app, "-t,--sts-token", c.sts_token, "STS security token");
  text_option(app, "-e,--endpoint", c.endpoint,
              "service endpoint (host or URL; default https://oss-<region>.aliyuncs.com)");
  text_option(app, "--region", c.region,
              "region ID, e.g. cn-hangzhou (required for sign version v4)");
  text_option(app, "-c,--config-file", c.config_file,
              "config file path (default ~/.ossutilconfig)");
  text_option(app, "--profile", c.profile, "profile in the config file (default \"default\")");
  text_option(app, "--sign-version", c.sign_version, "signature version: v1 or v4 (default v4)");
  text_option(app, "--addressing-style", c.addressing_style,
              "addressing style: virtual, path or cname (default virtual)");
  text_option(app, "--output-format", c.output_format, "output format: raw or json (default raw)");
  text_option(app, "--loglevel", c.loglevel, "log level: off, info or debug (default off)");
  app.add_option("--log-file", g.log_file, "log destination file; - for stdout (default stderr)")
      ->type_name("string")
      ->group("Global Flags");
  int_option(app, "--retry-times", c.retry_times, "retries on network errors and 5xx (default 10)");
  int_option(app, "--connect-timeout", c.connect_timeout,
             "connect timeout in seconds (default 10)");
  int_option(app, "--read-timeout", c.read_timeout, "read/write timeout in seconds (default 20)");
  app.add_flag("--skip-verify-cert", c.skip_verify_cert, "do not verify the server TLS certificate")
      ->group("Global Flags");
  app.add_flag("--ignore-env-var", c.ignore_env_var, "ignore the OSS_* environment variables")
      ->group("Global Flags");
  app.add_flag("-n,--dry-run", g.dry_run,
               "trial run: print the state-changing requests instead of sending them")
      ->group("Global Flags");
  app.add_flag("-q,--quiet", g.quiet, "print as little as possible")->group("Global Flags");
}

} // namespace cli
