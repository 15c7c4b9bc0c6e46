#pragma once
// The transfer engine behind `cp`: one object at a time, choosing single-request or multipart
// by size (cli.md §4.4), with parallel parts, CRC-64 checked per part and for the whole object
// (parts combined with crc64_combine), and resume records under --checkpoint-dir.
//   upload:   PutObject up to the threshold; above it InitiateMultipartUpload (SSE and object
//             headers only there), UploadPart read with pread, CompleteMultipartUpload.
//   download: GetObject up to the threshold; above it ranged GETs written with pwrite into a
//             temp file renamed on success (removed on failure unless resumable).
//   copy:     CopyObject up to the threshold; above it UploadPartCopy.
// Every function throws oss::Error (service / client) or client::Interrupted; a multipart upload
// that fails is aborted unless a checkpoint keeps it for a rerun.
#include "client/transfer/client_pool.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace client::transfer {

struct Tuning {
  std::uint64_t bigfile_threshold = 100ULL * 1024 * 1024; ///< multipart when size > threshold
  std::optional<std::uint64_t> part_size;                 ///< nullopt = automatic
  int parallel = 3;                                       ///< parts in flight per object
  std::string checkpoint_dir;                             ///< empty = no resume
};

/// Reports bytes moved (negative when a retried request gives bytes back). Called from worker
/// threads concurrently: must be thread-safe. May be empty.
using ProgressFn = std::function<void(std::int64_t delta)>;

struct ObjectOutcome {
  std::uint64_t bytes = 0; ///< object size
  bool multipart = false;
  bool resumed = false; ///< a checkpoint was picked up
  bool dry_run = false;
};

/// Uploads the regular file at `path` (size and mtime from fstat) to bucket/key with `headers`
/// (metadata, SSE, Content-Type, ACL, storage class).
ObjectOutcome upload_file(ClientPool& pool, const std::string& path, const std::string& bucket,
                          const std::string& key, const oss::Headers& headers, const Tuning& tuning,
                          const ProgressFn& progress);

/// Downloads bucket/key to the local file `dest_path` (its directory must exist). `size` from a
/// listing saves the HEAD for small objects; nullopt = ask the server. What is at dest_path is
/// never replaced unless it is a regular file (resolve_download_target): a symlink's target is
/// written instead, a character device or FIFO is streamed into in place, anything else is
/// refused with oss::Error(usage).
ObjectOutcome download_object(ClientPool& pool, const std::string& bucket, const std::string& key,
                              const std::string& dest_path, std::optional<std::uint64_t> size,
                              const Tuning& tuning, const ProgressFn& progress);

/// Copies src_bucket/src_key to bucket/key. `headers` are the destination's (SSE, and when
/// `replace_metadata` its new properties); otherwise the source's properties are kept.
ObjectOutcome copy_object(ClientPool& pool, const std::string& src_bucket,
                          const std::string& src_key, const std::string& bucket,
                          const std::string& key, const oss::Headers& headers,
                          bool replace_metadata, const Tuning& tuning, const ProgressFn& progress);

} // namespace client::transfer
