#include "cli/app.hpp"

#include "cli/commands/commands.hpp"
#include "cli/errors.hpp"
#include "client/interrupt.hpp"

#include <algorithm>
#include <csignal>
#include <functional>
#include <iostream>

#include <unistd.h>

namespace cli {
namespace {

#ifndef OSSUTIL_VERSION
#define OSSUTIL_VERSION "0.0.0"
#endif

struct AllOptions {
  CpOptions cp;
  StatOptions stat;
  MbOptions mb;
  RbOptions rb;
  LsOptions ls;
  RmOptions rm;
  ApiOptions api;
};

/// Every leaf and group command also accepts the global flags after its own arguments.
void add_global_flags_everywhere(CLI::App& app, GlobalOptions& globals) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
    add_global_flags(*sub, globals);
    add_global_flags_everywhere(*sub, globals);
  }
}

extern "C" void on_stop_signal(int) { client::request_interrupt(); }

/// SIGINT (Ctrl-C), SIGTERM (kill, systemd, timeout) and SIGHUP (terminal closed) all unwind the
/// running transfer the same way: temp files removed, multipart uploads aborted unless resumable,
/// exit code 5. A second signal of the same kind kills at once.
void install_stop_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND; // no SA_RESTART: a blocking read returns EINTR
  for (const int sig : {SIGINT, SIGTERM, SIGHUP})
    sigaction(sig, &action, nullptr);
}

const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
  if (const CLI::Option* opt = app.get_option_no_throw(name)) return opt;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (const CLI::Option* opt = find_option(*sub, name)) return opt;
  return nullptr;
}

/// "-j/--job" from an option's names ("--retry-times" when it has no short one).
std::string display_name(const CLI::Option& opt) {
  std::string out;
  for (const auto& s : opt.get_snames())
    out += "-" + s + "/";
  for (const auto& l : opt.get_lnames())
    out += "--" + l + "/";
  if (out.empty()) return opt.get_name();
  out.pop_back();
  return out;
}

std::string accepted_values(const std::string& type_name) {
  if (type_name == "int") return "an integer, e.g. 3";
  if (type_name.empty()) return "a valid value";
  return "a value of type " + type_name;
}

/// CLI11's conversion failure in the form of the other errors: flag, value, what is accepted.
std::string conversion_error_message(const CLI::App& app, const std::string& what) {
  // CLI11 2.x: "Could not convert: <name> = <value>"; anything else is passed through.
  constexpr std::string_view k_prefix = "Could not convert: ";
  const auto eq = what.find(" = ");
  if (what.rfind(k_prefix, 0) != 0 || eq == std::string::npos) return what;
  const std::string name = what.substr(k_prefix.size(), eq - k_prefix.size());
  const std::string value = what.substr(eq + 3);
  const CLI::Option* opt = find_option(app, name);
  return "invalid value \"" + value + "\" for " + (opt ? display_name(*opt) : name) +
         "; accepted: " + accepted_values(opt ? opt->get_type_name() : "");
}

CLI::App* selected_leaf(CLI::App& app) {
  CLI::App* current = &app;
  for (;;) {
    const auto subs = current->get_subcommands();
    if (subs.empty()) return current;
    current = subs.front();
  }
}

} // namespace

int run(const std::vector<std::string>& args, Context& ctx) {
  CLI::App app{"ossutil: the Alibaba Cloud OSS command-line tool (ossutil-cpp)", "ossutil"};
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.set_help_flag("-h,--help", "help for ossutil");
  bool show_version = false;
  app.add_flag("--version", show_version, "print the version and exit");
  add_global_flags(app, ctx.globals);

  AllOptions o;
  add_cp_command(app, o.cp);
  add_stat_command(app, o.stat);
  add_mb_command(app, o.mb);
  add_rb_command(app, o.rb);
  add_ls_command(app, o.ls);
  add_rm_command(app, o.rm);
  add_api_command(app, o.api);
  CLI::App* version_cmd = app.add_subcommand("version", "print the version");
  add_global_flags_everywhere(app, ctx.globals);

  const std::map<std::string, std::function<int()>> commands = {
      {"cp", [&] { return run_cp(o.cp, ctx); }},
      {"stat", [&] { return run_stat(o.stat, ctx); }},
      {"mb", [&] { return run_mb(o.mb, ctx); }},
      {"rb", [&] { return run_rb(o.rb, ctx); }},
      {"ls", [&] { return run_ls(o.ls, ctx); }},
      {"rm", [&] { return run_rm(o.rm, ctx); }},
      {"put-bucket-encryption",
       [&] { return run_put_bucket_encryption(o.api.put_encryption, ctx); }},
      {"get-bucket-encryption",
       [&] { return run_get_bucket_encryption(o.api.get_encryption, ctx); }},
      {"delete-bucket-encryption",
       [&] { return run_delete_bucket_encryption(o.api.delete_encryption, ctx); }},
  };

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    ctx.out << app.help();
    return k_exit_ok;
  } catch (const CLI::CallForAllHelp&) {
    ctx.out << app.help("", CLI::AppFormatMode::All);
    return k_exit_ok;
  } catch (const CLI::ConversionError& e) {
    ctx.err << "Error: " << conversion_error_message(app, e.what()) << "\n";
    return k_exit_usage;
  } catch (const CLI::ParseError& e) {
    ctx.err << "Error: " << e.what() << "\n";
    return k_exit_usage;
  }

  if (show_version || version_cmd->parsed()) {
    ctx.out << "ossutil version " << OSSUTIL_VERSION << " (ossutil-cpp)\n";
    return k_exit_ok;
  }
  CLI::App* leaf = selected_leaf(app);
  const auto command = commands.find(leaf == &app ? "" : leaf->get_name());
  if (command == commands.end()) {
    ctx.err << leaf->help() << "Error: missing command\n";
    return k_exit_usage;
  }
  try {
    const int code = command->second();
    return code;
  } catch (const std::exception& e) {
    const int code = report_error(e, ctx.err);
    ctx.print_elapsed();
    return code;
  }
}

int run(int argc, char** argv) {
  client::EnvMap env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  install_stop_signal_handlers();
  Context ctx(std::cout, std::cerr, std::move(env));
  ctx.stdin_fd = STDIN_FILENO;
  ctx.stdin_is_tty = ::isatty(STDIN_FILENO) == 1;
  ctx.stderr_is_tty = ::isatty(STDERR_FILENO) == 1;
  ctx.prompt_in = &std::cin;
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  const int code = run(args, ctx);
  std::cout.flush();
  return code;
}

} // namespace cli
