#pragma once
// The ossutil program: CLI11 command tree, dispatch, and error/exit-code handling.
#include "cli/context.hpp"

#include <string>
#include <vector>

namespace cli {

/// The process entry point: real streams, environment and terminal checks.
int run(int argc, char** argv);

/// Parses args (without the program name) and runs the selected command with ctx. Prints
/// errors to ctx.err and returns the exit code (cli.md §8). Never throws.
int run(const std::vector<std::string>& args, Context& ctx);

} // namespace cli
