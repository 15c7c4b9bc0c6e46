// download_object: GetObject into a temp file, or ranged parallel GETs written with pwrite, with
// a resume record and a kept work file under --checkpoint-dir.
#include "client/interrupt.hpp"
#include "client/transfer/engine_support.hpp"
#include "client/transfer/local_file.hpp"
#include "client/transfer/part_plan.hpp"
#include "client/transfer/part_runner.hpp"
#include "oss/error.hpp"

#include <filesystem>

#include <sys/stat.h>

namespace client::transfer {
namespace {

using detail::CheckpointLog;

std::uint64_t file_size(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

/// Work file of a resumable download: hidden, next to the destination, named after the record.
std::string work_path_for(const std::string& dest, const std::filesystem::path& record) {
  const std::string dir = parent_dir(dest);
  return dir + "/." + std::filesystem::path(dest).filename().string() + "." +
         record.stem().string().substr(0, 16) + ".ossutil-download";
}

/// Parts of an earlier run whose bytes in the work file still have their recorded CRC.
std::vector<DonePart> verified_parts(const std::optional<Checkpoint>& old, const Checkpoint& fresh,
                                     int fd) {
  if (!old || old->kind != Checkpoint::Kind::download || old->source != fresh.source ||
      old->destination != fresh.destination || old->source_size != fresh.source_size ||
      old->source_etag != fresh.source_etag || old->part_size != fresh.part_size ||
      file_size(fd) != fresh.source_size)
    return {};
  return detail::parts_matching_file(old->parts, old->part_size, fd, fresh.destination);
}

ObjectOutcome ranged_download(ClientPool& pool, OssClient& main_client, const std::string& bucket,
                              const std::string& key, const std::string& dest,
                              const oss::Headers& head, const Tuning& tuning,
                              const ProgressFn& progress) {
  const std::uint64_t size = detail::content_length(head);
  const PartPlan plan = plan_parts(size, tuning.part_size);
  Checkpoint fresh;
  fresh.kind = Checkpoint::Kind::download;
  fresh.source = detail::oss_url(bucket, key);
  fresh.destination = std::filesystem::absolute(dest).lexically_normal().string();
  fresh.source_size = size;
  const auto* etag = oss::find_header(head, "ETag");
  fresh.source_etag = etag ? *etag : "";
  fresh.part_size = plan.part_size;

  std::optional<std::filesystem::path> record;
  if (!tuning.checkpoint_dir.empty())
    record = checkpoint_path(tuning.checkpoint_dir, fresh.kind, fresh.source, fresh.destination);
  TempFile temp(dest, record ? work_path_for(dest, *record) : "", record.has_value());
  Checkpoint start = fresh;
  if (record) start.parts = verified_parts(load_checkpoint(*record), fresh, temp.fd());
  const bool resumed = !start.parts.empty();
  if (!resumed) temp.resize(size);
  CheckpointLog log(record, start);
  log.save();

  try {
    const std::vector<std::uint32_t> todo =
        detail::parts_to_do(plan.part_count, start.parts, progress);

    run_parts(
        main_client, pool, tuning.parallel, todo, [&](OssClient& client, std::uint32_t number) {
          const PartRange range = part_range(plan, size, number);
          std::uint64_t written = 0;
          const std::string bytes = "bytes=" + std::to_string(range.offset) + "-" +
                                    std::to_string(range.offset + range.size - 1);
          try {
            const TransferResult result =
                client.get_object(bucket, key, bytes, [&](const char* data, std::size_t n) {
                  if (written + n > range.size)
                    throw oss::client_error("GetObject " + bytes + ": more bytes than requested");
                  pwrite_all(temp.fd(), data, n, range.offset + written, temp.path());
                  written += n;
                  if (progress) progress(static_cast<std::int64_t>(n));
                });
            if (result.bytes != range.size)
              throw oss::client_error("GetObject " + bytes + ": got " +
                                      std::to_string(result.bytes) + " bytes, expected " +
                                      std::to_string(range.size));
            log.add({number, range.size, "", result.crc64});
          } catch (...) {
            if (progress && written > 0) progress(-static_cast<std::int64_t>(written));
            throw;
          }
        });

    if (const auto crc = detail::server_crc(head))
      detail::require_same_crc("GetObject", detail::combined_crc(log.parts()), *crc);
    temp.commit();
    log.remove();
    return {size, true, resumed, false};
  } catch (const Interrupted&) {
    throw; // the work file and record stay for a rerun (when resumable)
  } catch (const std::exception& e) {
    if (!record || is_crc_mismatch(e)) {
      temp.discard_on_failure();
      log.remove();
    }
    throw;
  }
}

/// One sequential GET straight into a character device or FIFO: no temp file, no rename, no
/// ranged parts (a FIFO cannot seek). Bytes already written stay written on failure.
ObjectOutcome stream_download(OssClient& client, const std::string& bucket, const std::string& key,
                              const DownloadTarget& target, const ProgressFn& progress) {
  const std::string& path = target.path;
  const UniqueFd fd = open_stream_target(target);
  const TransferResult result =
      client.get_object(bucket, key, "", [&](const char* data, std::size_t n) {
        write_all(fd.get(), data, n, path);
        if (progress) progress(static_cast<std::int64_t>(n));
      });
  return {result.bytes, false, false, false};
}

} // namespace

ObjectOutcome download_object(ClientPool& pool, const std::string& bucket, const std::string& key,
                              const std::string& dest_path, std::optional<std::uint64_t> size,
                              const Tuning& tuning, const ProgressFn& progress) {
  ClientPool::Lease lease = pool.acquire();
  OssClient& client = *lease;
  if (client.dry_run()) {
    client.get_object(bucket, key, "", [](const char*, std::size_t) {});
    return {size.value_or(0), false, false, true};
  }
  // Never rename over what is not a regular file: a symlink is followed to its target, a
  // device or FIFO is written in place.
  const DownloadTarget target = resolve_download_target(dest_path);
  if (target.kind == DownloadTarget::Kind::stream)
    return stream_download(client, bucket, key, target, progress);
  if (!size || *size > tuning.bigfile_threshold) {
    const oss::Headers head = client.head_object(bucket, key);
    if (detail::content_length(head) > tuning.bigfile_threshold)
      return ranged_download(pool, client, bucket, key, target.path, head, tuning, progress);
  }
  TempFile temp(target.path);
  std::uint64_t written = 0;
  try {
    const TransferResult result =
        client.get_object(bucket, key, "", [&](const char* data, std::size_t n) {
          write_all(temp.fd(), data, n, target.path);
          written += n;
          if (progress) progress(static_cast<std::int64_t>(n));
        });
    temp.commit();
    return {result.bytes, false, false, false};
  } catch (...) {
    if (progress && written > 0) progress(-static_cast<std::int64_t>(written));
    throw;
  }
}

} // namespace client::transfer
