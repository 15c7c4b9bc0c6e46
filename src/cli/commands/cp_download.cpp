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
#include <unistd.h>

namespace cli::cp_detail {
namespace {

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
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

} // namespace

int download(const CpOptions& o, const OssPath& source, Context& ctx) {
  if (source.key.empty() || source.key.back() == '/')
    throw oss::usage_error("downloading \"" + o.source +
                           "\" needs -r/--recursive; give a "
                           "single object or add -r");
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
  // A device or FIFO holds no earlier copy to protect or compare: no prompt, no skip rules.
  const auto where = client::transfer::resolve_download_target(path);
  const bool stream = where.kind == client::transfer::DownloadTarget::Kind::stream;
  if (where.inherited_fd == STDOUT_FILENO) {
    // /dev/stdout or /dev/fd/1 carries the data, as "-" does: nothing else goes there.
    if (ctx.globals.log_file == "-")
      throw oss::usage_error("--log-file - and the download to stdout (cp " + o.source + " " +
                             o.destination +
                             ") would both write to stdout: log to a file or "
                             "stderr instead");
    ctx.stdout_is_data = true;
  }
  std::optional<std::uint64_t> known_size; // from the skip rules' HEAD: spares a second one
  if (const auto target = local_state(path); !stream && target && (!o.force || has_skip_rules(o))) {
    const auto state = object_state(client, source.bucket, source.key);
    if (state) known_size = state->size;
    const auto object = state.value_or(ItemState{});
    if (should_skip(o, ctx, object, target, path)) {
      TransferTotals totals{Direction::download,  1, object.size, 0, 0, 1, object.size,
                            ctx.elapsed_seconds()};
      ctx.out << format_summary(totals) << "\n";
      ctx.print_elapsed();
      return 0;
    }
  }

  const client::transfer::Tuning tuning = transfer_tuning(o);
  Progress progress(ctx, !o.no_progress, "Download", std::nullopt);
  client::transfer::ClientPool pool(client);
  const auto outcome =
      client::transfer::download_object(pool, source.bucket, source.key, path, known_size, tuning,
                                        [&progress](std::int64_t delta) { progress.add(delta); });
  progress.finish();
  TransferTotals totals{Direction::download,  1, outcome.bytes, 1, outcome.bytes, 0, 0,
                        ctx.elapsed_seconds()};
  if (!ctx.stdout_is_data) ctx.out << format_summary(totals) << "\n";
  ctx.print_elapsed();
  return 0;
}

} // namespace cli::cp_detail
