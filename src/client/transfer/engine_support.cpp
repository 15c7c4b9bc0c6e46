#include "client/transfer/engine_support.hpp"

#include "client/interrupt.hpp"
#include "client/transfer/local_file.hpp"
#include "oss/crc64.hpp"
#include "oss/error.hpp"

#include <algorithm>
#include <set>

namespace client::transfer::detail {

std::uint64_t content_length(const oss::Headers& headers) {
  const auto* v = oss::find_header(headers, "Content-Length");
  try {
    return v ? std::stoull(*v) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

std::optional<std::uint64_t> server_crc(const oss::Headers& headers) {
  const auto* v = oss::find_header(headers, "x-oss-hash-crc64ecma");
  if (v == nullptr || v->empty()) return std::nullopt;
  try {
    return std::stoull(*v);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void require_same_crc(const std::string& what, std::uint64_t client, std::uint64_t server) {
  if (client != server)
    throw crc_mismatch_error(what, oss::crc64_to_string(client), oss::crc64_to_string(server));
}

void abort_quietly(OssClient& client, const std::string& bucket, const std::string& key,
                   const std::string& upload_id) {
  const InterruptShield shield; // after Ctrl-C the abort request must still go out
  try {
    client.abort_multipart_upload(bucket, key, upload_id);
  } catch (const std::exception&) { // best effort; the original error is what gets reported
  }
}

std::vector<DonePart> parts_matching_file(const std::vector<DonePart>& parts,
                                          std::uint64_t part_size, int fd,
                                          const std::string& path) {
  std::vector<DonePart> out;
  std::set<std::uint32_t> seen;
  for (const auto& p : parts)
    if (seen.insert(p.number).second &&
        crc64_of_range(fd, (p.number - 1) * part_size, p.size, path) == p.crc64)
      out.push_back(p);
  return out;
}

std::uint64_t combined_crc(const std::vector<DonePart>& parts) {
  std::uint64_t crc = 0;
  for (const auto& p : parts)
    crc = oss::crc64_combine(crc, p.crc64, p.size);
  return crc;
}

std::string oss_url(const std::string& bucket, const std::string& key) {
  return "oss://" + bucket + "/" + key;
}

void CheckpointLog::save() {
  if (!m_path) return;
  std::lock_guard lock(m_mutex);
  save_checkpoint(*m_path, m_checkpoint);
}

void CheckpointLog::add(DonePart part) {
  std::lock_guard lock(m_mutex);
  m_checkpoint.parts.push_back(std::move(part));
  if (m_path) save_checkpoint(*m_path, m_checkpoint);
}

void CheckpointLog::remove() {
  if (m_path) remove_checkpoint(*m_path);
}

std::vector<DonePart> CheckpointLog::parts() {
  std::lock_guard lock(m_mutex);
  std::vector<DonePart> out = m_checkpoint.parts;
  std::sort(out.begin(), out.end(),
            [](const DonePart& a, const DonePart& b) { return a.number < b.number; });
  return out;
}

std::vector<std::uint32_t> parts_to_do(std::uint32_t part_count, const std::vector<DonePart>& done,
                                       const std::function<void(std::int64_t)>& progress) {
  std::set<std::uint32_t> finished;
  for (const auto& p : done) {
    finished.insert(p.number);
    if (progress) progress(static_cast<std::int64_t>(p.size));
  }
  std::vector<std::uint32_t> todo;
  for (std::uint32_t n = 1; n <= part_count; ++n)
    if (!finished.contains(n)) todo.push_back(n);
  return todo;
}

} // namespace client::transfer::detail
