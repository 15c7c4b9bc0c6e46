#pragma once
// Pieces shared by the engine's upload, download and copy files (not a public interface).
#include "client/transfer/checkpoint.hpp"
#include "client/transfer/engine.hpp"
#include "oss/http_types.hpp"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace client::transfer::detail {

/// Content-Length of a HEAD/GET response; 0 when absent.
std::uint64_t content_length(const oss::Headers& headers);
/// x-oss-hash-crc64ecma as a number; nullopt when absent or malformed.
std::optional<std::uint64_t> server_crc(const oss::Headers& headers);
/// Throws oss::Error(client) "<operation>: crc is inconsistent, client X, server Y" unless equal.
void require_same_crc(const std::string& what, std::uint64_t client, std::uint64_t server);
/// AbortMultipartUpload even after Ctrl-C, ignoring its failure (the original error is what
/// gets reported).
void abort_quietly(OssClient& client, const std::string& bucket, const std::string& key,
                   const std::string& upload_id);
/// Resume: the recorded parts (first record of each number) whose bytes in fd, at
/// (number - 1) * part_size, still have their recorded CRC; `path` names fd in errors.
std::vector<DonePart> parts_matching_file(const std::vector<DonePart>& parts,
                                          std::uint64_t part_size, int fd, const std::string& path);
/// CRC of the whole object from its parts in order.
std::uint64_t combined_crc(const std::vector<DonePart>& parts);
/// The part numbers 1..part_count not yet in `done`, ascending; reports each done part's
/// size to `progress` (resumed bytes count as transferred).
std::vector<std::uint32_t> parts_to_do(std::uint32_t part_count, const std::vector<DonePart>& done,
                                       const std::function<void(std::int64_t)>& progress);
std::string oss_url(const std::string& bucket, const std::string& key);

/// A checkpoint shared by the part threads: add() records a finished part and rewrites the file
/// (when a path is set). Thread-safe.
class CheckpointLog {
public:
  CheckpointLog(std::optional<std::filesystem::path> path, Checkpoint checkpoint)
      : m_path(std::move(path)), m_checkpoint(std::move(checkpoint)) {}
  void save();
  void add(DonePart part);
  void remove();
  /// Parts sorted by number.
  std::vector<DonePart> parts();
  const Checkpoint& checkpoint() const { return m_checkpoint; }
  bool enabled() const { return m_path.has_value(); }

private:
  std::optional<std::filesystem::path> m_path;
  std::mutex m_mutex;
  Checkpoint m_checkpoint;
};

/// Reports bytes read from a body as progress, and gives them back on a rewind.
class ProgressSource : public BodySource {
public:
  ProgressSource(BodySource& inner, const ProgressFn& progress)
      : m_inner(inner), m_progress(progress) {}
  std::size_t read(char* buf, std::size_t max) override {
    const std::size_t n = m_inner.read(buf, max);
    m_sent += n;
    if (m_progress) m_progress(static_cast<std::int64_t>(n));
    return n;
  }
  std::optional<std::uint64_t> size() const override { return m_inner.size(); }
  bool rewind() override {
    if (!m_inner.rewind()) return false;
    if (m_progress && m_sent > 0) m_progress(-static_cast<std::int64_t>(m_sent));
    m_sent = 0;
    return true;
  }

private:
  BodySource& m_inner;
  const ProgressFn& m_progress;
  std::uint64_t m_sent = 0;
};

} // namespace client::transfer::detail
