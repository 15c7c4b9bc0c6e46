// Every flag of `cp` and `rm` (as CLI11 prints them in --help) is documented in the man page
// and offered by both shell completions.
#include "cli/app.hpp"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> long_flags_in_help(const std::string& command) {
  std::ostringstream out, err;
  cli::Context ctx(out, err, {});
  cli::run({command, "--help"}, ctx);
  const std::string help = out.str();
  // Only the command's own block, not the global flags.
  const std::string own = help.substr(0, help.find("Global Flags"));
  std::set<std::string> flags;
  const std::regex flag("--[a-z][a-z0-9-]+");
  for (auto it = std::sregex_iterator(own.begin(), own.end(), flag); it != std::sregex_iterator();
       ++it)
    flags.insert(it->str());
  flags.erase("--help");
  return flags;
}

std::string man_form(const std::string& flag) {
  std::string out;
  for (char c : flag)
    out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

} // namespace

TEST_SUITE("cli docs") {

  TEST_CASE("cp and rm flags are in the man page and the completions") {
    const std::string root = OSSUTIL_TEST_DATA_DIR "/../..";
    const std::string man = slurp(root + "/man/ossutil.1");
    const std::string bash = slurp(root + "/completions/ossutil.bash");
    const std::string zsh = slurp(root + "/completions/_ossutil");
    REQUIRE(!man.empty());
    for (const std::string command : {"cp", "rm"}) {
      const auto flags = long_flags_in_help(command);
      CHECK(flags.count("--recursive") == 1);
      for (const auto& flag : flags) {
        CAPTURE(command);
        CAPTURE(flag);
        CHECK(man.find(man_form(flag)) != std::string::npos);
        CHECK(bash.find(flag) != std::string::npos);
        CHECK(zsh.find(flag) != std::string::npos);
      }
    }
  }
}
