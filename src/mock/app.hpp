#pragma once
// The ossmock program: set up the data directory, serve until a signal, exit code.
#include "mock/options.hpp"

namespace mock {

/// Runs the server with resolved options. Prints `ossmock listening on http://HOST:PORT` on
/// stdout once listening and writes the port file. Returns the process exit code (0 after
/// SIGINT/SIGTERM, 2 on a startup failure, with a message on stderr).
int run_server(const ServerOptions& options);

/// argv -> options -> run_server.
int ossmock_main(int argc, char** argv);

/// Writes `text` to `path` atomically (temp file in the same directory + rename). Throws
/// std::runtime_error.
void write_file_atomically(const std::string& path, const std::string& text);

} // namespace mock
