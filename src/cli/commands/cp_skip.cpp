// Whether cp leaves an item alone (cli.md §4.6, §4.7, Decision 6), shared by single-item and
// batch transfers.
#include "cli/commands/cp_internal.hpp"
#include "cli/transfer_ui.hpp"
#include "oss/error.hpp"
#include "util/time_format.hpp"

#include <mutex>

#include <sys/stat.h>

namespace cli::cp_detail {

bool has_skip_rules(const CpOptions& o) { return o.update || o.size_only || o.ignore_existing; }

std::optional<ItemState> object_state(client::OssClient& client, const std::string& bucket,
                                      const std::string& key) {
  try {
    const oss::Headers head = client.head_object(bucket, key);
    ItemState state;
    if (const auto* len = oss::find_header(head, "Content-Length")) {
      try {
        state.size = std::stoull(*len);
      } catch (const std::exception&) {
      }
    }
    if (const auto* lm = oss::find_header(head, "Last-Modified"))
      state.mtime = util::parse_rfc1123(*lm).value_or(0);
    return state;
  } catch (const oss::Error& e) {
    // Any 404 (also NoSuchBucket) counts as absent; the transfer then reports the real problem.
    if (e.kind() == oss::ErrorKind::service && e.service().http_status == 404) return std::nullopt;
    throw;
  }
}

std::optional<ItemState> local_state(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return ItemState{static_cast<std::uint64_t>(st.st_size), st.st_mtim.tv_sec};
}

bool should_skip(const CpOptions& o, Context& ctx, const ItemState& source,
                 const std::optional<ItemState>& dest, const std::string& dest_name,
                 bool can_prompt) {
  if (!dest) return false;
  if (o.ignore_existing) return true;
  if (o.size_only) return dest->size == source.size;
  if (o.update) return source.mtime < dest->mtime; // equal times: transferred (cli.md §4.2)
  if (o.force) return false;
  if (!can_prompt) return true;
  static std::mutex prompt_mutex; // batch workers ask one at a time
  std::lock_guard lock(prompt_mutex);
  return !confirm_overwrite(ctx, false, dest_name);
}

} // namespace cli::cp_detail
