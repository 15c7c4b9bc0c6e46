#pragma once
// Resume records for --checkpoint-dir (ossutil keeps `.ucp` for uploads, `.dcp` for downloads).
// A record names the transfer exactly (source identity + destination) so a stale one is detected,
// and lists the parts already done. Encoding is JSON; pure apart from the file helpers.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace client::transfer {

struct DonePart {
  std::uint32_t number = 0;
  std::uint64_t size = 0;
  std::string etag; ///< uploads: the part's ETag as returned (quoted)
  std::uint64_t crc64 = 0;
  bool operator==(const DonePart&) const = default;
};

struct Checkpoint {
  enum class Kind { upload, download };
  Kind kind = Kind::upload;
  std::string source;      ///< local path or oss://bucket/key
  std::string destination; ///< oss://bucket/key or local path
  std::uint64_t source_size = 0;
  std::int64_t source_mtime = 0; ///< uploads: local mtime (ns); downloads: 0
  std::string source_etag;       ///< downloads: the object's ETag; uploads: ""
  std::string upload_id;         ///< uploads only
  std::uint64_t part_size = 0;
  std::vector<DonePart> parts;
  bool operator==(const Checkpoint&) const = default;
};

std::string encode_checkpoint(const Checkpoint& checkpoint);
/// nullopt when the text is not a checkpoint of this version (treated as "start over").
std::optional<Checkpoint> decode_checkpoint(const std::string& text);

/// DIR/<sha256(kind, source, destination) in hex>.ucp|.dcp
std::filesystem::path checkpoint_path(const std::filesystem::path& dir, Checkpoint::Kind kind,
                                      const std::string& source, const std::string& destination);

/// Reads a record; nullopt when the file is missing or unreadable as a checkpoint.
std::optional<Checkpoint> load_checkpoint(const std::filesystem::path& path);
/// Writes atomically (temp file + rename), creating the directory. Throws oss::Error(client).
void save_checkpoint(const std::filesystem::path& path, const Checkpoint& checkpoint);
/// Removes the record if present (errors ignored).
void remove_checkpoint(const std::filesystem::path& path);

} // namespace client::transfer
