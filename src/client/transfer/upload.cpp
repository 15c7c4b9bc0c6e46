// upload_file: PutObject, or a multipart upload with parallel parts and resume records.
#include "client/interrupt.hpp"
#include "client/transfer/engine_support.hpp"
#include "client/transfer/local_file.hpp"
#include "client/transfer/part_plan.hpp"
#include "client/transfer/part_runner.hpp"
#include "oss/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>

namespace client::transfer {
namespace {

using detail::CheckpointLog;

/// The recorded upload cannot be continued: it is gone, or the server no longer has the parts
/// the record lists. A rerun starts over instead of failing the same way again.
bool recorded_upload_unusable(const oss::Error& e) {
  if (e.kind() != oss::ErrorKind::service) return false;
  const std::string& code = e.service().code;
  return code == "NoSuchUpload" || code == "InvalidPart" || code == "InvalidPartOrder";
}

std::int64_t mtime_ns(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

/// A usable record of an earlier run of the same transfer, with its finished parts re-read
/// from the file and checked against their recorded CRC (a part that no longer matches is
/// uploaded again). nullopt when there is none or it no longer matches the source file.
std::optional<Checkpoint> resumable(const std::filesystem::path& path, const Checkpoint& fresh,
                                    int fd) {
  auto old = load_checkpoint(path);
  if (!old || old->kind != Checkpoint::Kind::upload || old->source != fresh.source ||
      old->destination != fresh.destination || old->source_size != fresh.source_size ||
      old->source_mtime != fresh.source_mtime || old->part_size != fresh.part_size ||
      old->upload_id.empty())
    return std::nullopt;
  old->parts = detail::parts_matching_file(old->parts, old->part_size, fd, fresh.source);
  return old;
}

ObjectOutcome multipart_upload(ClientPool& pool, int fd, const struct stat& st,
                               const std::string& path, const std::string& bucket,
                               const std::string& key, const oss::Headers& headers,
                               const Tuning& tuning, const ProgressFn& progress, bool retry_fresh) {
  const auto size = static_cast<std::uint64_t>(st.st_size);
  const PartPlan plan = plan_parts(size, tuning.part_size);
  Checkpoint fresh;
  fresh.kind = Checkpoint::Kind::upload;
  fresh.source = std::filesystem::absolute(path).lexically_normal().string();
  fresh.destination = detail::oss_url(bucket, key);
  fresh.source_size = size;
  fresh.source_mtime = mtime_ns(st);
  fresh.part_size = plan.part_size;

  ClientPool::Lease lease = pool.acquire();
  OssClient& main_client = *lease;
  std::optional<std::filesystem::path> record;
  if (!tuning.checkpoint_dir.empty() && !main_client.dry_run()) // dry-run changes nothing
    record = checkpoint_path(tuning.checkpoint_dir, fresh.kind, fresh.source, fresh.destination);
  std::optional<Checkpoint> previous = record ? resumable(*record, fresh, fd) : std::nullopt;
  if (record && !previous) remove_checkpoint(*record);
  const bool resumed = previous.has_value();

  if (!resumed) fresh.upload_id = main_client.initiate_multipart_upload(bucket, key, headers);
  CheckpointLog log(record, resumed ? *previous : fresh);
  log.save();
  const std::string upload_id = log.checkpoint().upload_id;
  ObjectOutcome outcome{size, true, resumed, main_client.dry_run()};

  try {
    const std::vector<std::uint32_t> todo =
        detail::parts_to_do(plan.part_count, log.checkpoint().parts, progress);

    run_parts(
        main_client, pool, tuning.parallel, todo, [&](OssClient& client, std::uint32_t number) {
          const PartRange range = part_range(plan, size, number);
          FileRangeSource source(fd, range.offset, range.size);
          detail::ProgressSource counted(source, progress);
          const PartResult result = client.upload_part(bucket, key, upload_id, number, counted);
          log.add({number, range.size, result.etag, result.crc64});
        });

    const std::vector<DonePart> parts = log.parts();
    std::vector<CompletedPart> completed;
    completed.reserve(parts.size());
    for (const auto& p : parts)
      completed.push_back({p.number, p.etag});
    const oss::Headers response =
        main_client.complete_multipart_upload(bucket, key, upload_id, completed);
    if (!outcome.dry_run) {
      std::optional<std::uint64_t> crc = detail::server_crc(response);
      if (!crc) crc = detail::server_crc(main_client.head_object(bucket, key));
      if (crc)
        detail::require_same_crc("CompleteMultipartUpload", detail::combined_crc(parts), *crc);
    }
    log.remove();
    return outcome;
  } catch (const oss::Error& e) {
    if (recorded_upload_unusable(e) && resumed && retry_fresh) {
      // The upload recorded in the checkpoint is gone (aborted or expired): start over.
      log.remove();
      if (progress) progress(-static_cast<std::int64_t>(size)); // generous reset; clamped by the UI
      return multipart_upload(pool, fd, st, path, bucket, key, headers, tuning, progress, false);
    }
    // A checkpoint keeps the upload for a rerun, unless the rerun could not use it.
    const bool keep = log.enabled() && !recorded_upload_unusable(e) && !is_crc_mismatch(e);
    if (!keep) {
      log.remove();
      if (!outcome.dry_run) detail::abort_quietly(main_client, bucket, key, upload_id);
    }
    throw;
  } catch (const Interrupted&) {
    // Ctrl-C without resume: no orphaned upload is left behind.
    if (!log.enabled()) detail::abort_quietly(main_client, bucket, key, upload_id);
    throw;
  }
}

} // namespace

ObjectOutcome upload_file(ClientPool& pool, const std::string& path, const std::string& bucket,
                          const std::string& key, const oss::Headers& headers, const Tuning& tuning,
                          const ProgressFn& progress) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw oss::client_error("open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw oss::client_error("stat " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw oss::usage_error("\"" + path + "\" is not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > tuning.bigfile_threshold)
    return multipart_upload(pool, fd.get(), st, path, bucket, key, headers, tuning, progress, true);

  FileBodySource source(fd.get(), size);
  detail::ProgressSource counted(source, progress);
  ClientPool::Lease client = pool.acquire();
  const TransferResult result = client->put_object(bucket, key, counted, headers);
  return {size, false, false, result.dry_run};
}

} // namespace client::transfer
