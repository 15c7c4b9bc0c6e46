// copy_object: CopyObject, or UploadPartCopy parts in parallel for objects above the threshold.
#include "client/transfer/engine_support.hpp"
#include "client/transfer/part_plan.hpp"
#include "client/transfer/part_runner.hpp"
#include "oss/error.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <mutex>

namespace client::transfer {
namespace {

/// The source's properties (cli.md §4.2 --copy-props default: content headers and user
/// metadata) to put on the InitiateMultipartUpload, since UploadPartCopy copies data only.
oss::Headers source_properties(const oss::Headers& head) {
  oss::Headers out;
  for (const auto& h : head) {
    if (util::iequals(h.name, "Content-Type") || util::iequals(h.name, "Cache-Control") ||
        util::iequals(h.name, "Content-Disposition") || util::iequals(h.name, "Content-Encoding") ||
        util::iequals(h.name, "Content-Language") || util::iequals(h.name, "Expires") ||
        util::istarts_with(h.name, "x-oss-meta-"))
      out.push_back(h);
  }
  return out;
}

} // namespace

ObjectOutcome copy_object(ClientPool& pool, const std::string& src_bucket,
                          const std::string& src_key, const std::string& bucket,
                          const std::string& key, const oss::Headers& headers,
                          bool replace_metadata, const Tuning& tuning, const ProgressFn& progress) {
  ClientPool::Lease lease = pool.acquire();
  OssClient& client = *lease;
  const oss::Headers head = client.head_object(src_bucket, src_key);
  const std::uint64_t size = detail::content_length(head);
  const std::optional<std::uint64_t> source_crc = detail::server_crc(head);

  if (size <= tuning.bigfile_threshold) {
    oss::Headers request = headers;
    if (replace_metadata) request.push_back({"x-oss-metadata-directive", "REPLACE"});
    const oss::Headers response = client.copy_object(bucket, key, src_bucket, src_key, request);
    if (client.dry_run()) return {size, false, false, true};
    const auto crc = detail::server_crc(response);
    if (crc && source_crc) detail::require_same_crc("CopyObject", *source_crc, *crc);
    if (progress) progress(static_cast<std::int64_t>(size));
    return {size, false, false, false};
  }

  const PartPlan plan = plan_parts(size, tuning.part_size);
  oss::Headers initiate = replace_metadata ? oss::Headers{} : source_properties(head);
  for (const auto& h : headers)
    oss::set_header(initiate, h.name, h.value);
  const std::string upload_id = client.initiate_multipart_upload(bucket, key, initiate);
  try {
    std::vector<std::uint32_t> numbers;
    for (std::uint32_t n = 1; n <= plan.part_count; ++n)
      numbers.push_back(n);
    std::mutex mutex;
    std::vector<CompletedPart> parts;
    run_parts(client, pool, tuning.parallel, numbers, [&](OssClient& c, std::uint32_t number) {
      const PartRange range = part_range(plan, size, number);
      std::string etag = c.upload_part_copy(bucket, key, upload_id, number, src_bucket, src_key,
                                            range.offset, range.size);
      if (progress) progress(static_cast<std::int64_t>(range.size));
      std::lock_guard lock(mutex);
      parts.push_back({number, std::move(etag)});
    });
    std::sort(parts.begin(), parts.end(),
              [](const CompletedPart& a, const CompletedPart& b) { return a.number < b.number; });
    const oss::Headers response = client.complete_multipart_upload(bucket, key, upload_id, parts);
    if (client.dry_run()) return {size, true, false, true};
    std::optional<std::uint64_t> crc = detail::server_crc(response);
    if (!crc && source_crc) crc = detail::server_crc(client.head_object(bucket, key));
    if (crc && source_crc) detail::require_same_crc("CompleteMultipartUpload", *source_crc, *crc);
    return {size, true, false, false};
  } catch (...) {
    if (!client.dry_run()) detail::abort_quietly(client, bucket, key, upload_id);
    throw;
  }
}

} // namespace client::transfer
