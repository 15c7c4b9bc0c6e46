// ossutil cp oss://bucket/key <local path | ->: a single-object download through a temp file
// in the destination directory, renamed only after the whole body arrived and its CRC-64
// matched.
#include "cli/commands/cp_internal.hpp"
#include "cli/local_file.hpp"
#include "cli/summary.hpp"
#include "cli/transfer_ui.hpp"
#include "oss/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>

namespace cli::cp_detail {
namespace {

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

/// cli.md §4.1: a destination ending in '/' or naming a directory gets the object's name.
std::string local_destination(const std::string& dest, const std::string& key) {
  if (!dest.empty() && dest.back() == '/') {
    std::error_code ec;
    std::filesystem::create_directories(dest, ec);
    if (ec) throw oss::client_error("create directory " + dest + ": " + ec.message());
    return dest + base_name(key);
  }
  if (is_directory(dest)) return dest + "/" + base_name(key);
  return dest;
}

std::uint64_t content_length(const oss::Headers& headers) {
  const auto* v = oss::find_header(headers, "Content-Length");
  try {
    return v ? std::stoull(*v) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

} // namespace

int download(const CpOptions& o, const OssPath& source, Context& ctx) {
  if (source.key.empty() || source.key.back() == '/')
    throw oss::usage_error("downloading \"" + o.source + "\" needs -r/--recursive, which is not "
                           "supported yet; give a single object");
  check_object_key(source.key);
  client::OssClient& client = ctx.client();
  if (client.dry_run()) {
    client.get_object(source.bucket, source.key, "", [](const char*, std::size_t) {});
    ctx.print_elapsed();
    return 0;
  }

  if (o.destination == "-") {
    // Raw bytes on stdout, nothing else there: no summary, no elapsed line.
    ctx.stdout_is_data = true;
    client.get_object(source.bucket, source.key, "", [&](const char* data, std::size_t size) {
      ctx.out.write(data, static_cast<std::streamsize>(size));
      if (!ctx.out) throw oss::client_error("write stdout failed");
    });
    ctx.out.flush();
    return 0;
  }

  const std::string path = local_destination(o.destination, source.key);
  if (exists(path) && !confirm_overwrite(ctx, o.force, path)) {
    const std::uint64_t size = content_length(client.head_object(source.bucket, source.key));
    TransferTotals totals{Direction::download, 1, size, 0, 0, 1, size, ctx.elapsed_seconds()};
    ctx.out << format_summary(totals) << "\n";
    ctx.print_elapsed();
    return 0;
  }

  TempFile temp(path);
  Progress progress(ctx, !o.no_progress, "Download", std::nullopt);
  const client::TransferResult result =
      client.get_object(source.bucket, source.key, "", [&](const char* data, std::size_t size) {
        write_all(temp.fd(), data, size, path);
        progress.add(size);
      });
  progress.finish();
  temp.commit();
  TransferTotals totals{Direction::download, 1, result.bytes, 1, result.bytes, 0, 0,
                        ctx.elapsed_seconds()};
  ctx.out << format_summary(totals) << "\n";
  ctx.print_elapsed();
  return 0;
}

} // namespace cli::cp_detail
