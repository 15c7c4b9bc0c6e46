#include "mock/app.hpp"

#include "mock/context.hpp"
#include "mock/crypto/encrypting_blob_store.hpp"
#include "mock/data_dir_lock.hpp"
#include "mock/http/server.hpp"
#include "mock/kms.hpp"
#include "mock/store/blob_store.hpp"
#include "mock/store/metadata_store.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace mock {
namespace fs = std::filesystem;

namespace {

/// Blobs that no object references: left behind by a crash between the rename into blobs/ and
/// the metadata transaction.
void sweep_orphans(MetadataStore& meta, BlobStore& blobs) {
  const auto referenced = meta.referenced_blob_ids();
  const std::set<std::string> live(referenced.begin(), referenced.end());
  for (const auto& id : blobs.list_ids())
    if (!live.contains(id)) blobs.remove(id);
}

} // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + temp + ": " + std::strerror(errno));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string error = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + error);
  }
}

int run_server(const ServerOptions& options) {
  try {
    const fs::path data_dir(options.data_dir);
    fs::create_directories(data_dir);
    // Before anything touches the directory: a second server would sweep the first's tmp/.
    const DataDirLock lock(options.data_dir);
    MetadataStore meta((data_dir / "meta.sqlite").string());
    // Bodies with SSE are really encrypted at rest; the master key lives in DATA_DIR (0600).
    crypto::MasterKeyring keyring(data_dir);
    auto blobs = crypto::make_encrypting_blob_store(make_plain_blob_store(data_dir), keyring);
    blobs->sweep_temp();
    sweep_orphans(meta, *blobs);
    Kms kms(meta, options.kms, options.region, options.users);
    Services services{options, meta, *blobs, kms};
    Server server(services, options.listen);

    std::printf("ossmock listening on http://%s:%u\n", server.url_host().c_str(),
                static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    if (!options.port_file.empty())
      write_file_atomically(options.port_file, std::to_string(server.port()) + "\n");
    std::fprintf(stderr, "ossmock: region %s, data dir %s, %zu user(s)\n", options.region.c_str(),
                 options.data_dir.c_str(), options.users.size());
    server.run();
    std::fprintf(stderr, "ossmock: stopped\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ossmock: error: %s\n", e.what());
    return 2;
  }
}

int ossmock_main(int argc, char** argv) {
  // A client that disconnects mid-response must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  ServerOptions options;
  if (auto exit_code = load_options(argc, argv, options)) return *exit_code;
  return run_server(options);
}

} // namespace mock
