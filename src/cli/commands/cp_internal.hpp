#pragma once
// Pieces of cp shared by its direction files (cp.cpp, cp_download.cpp), some also used by rm.
#include "cli/commands/commands.hpp"
#include "cli/oss_path.hpp"
#include "client/transfer/engine.hpp"
#include "oss/http_types.hpp"

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace cli::cp_detail {

/// Object headers for an upload or copy: --metadata items, then the header flags (which win),
/// validated. Throws oss::Error(usage) before anything is sent.
oss::Headers object_headers(const CpOptions& options);

/// A cp flag that becomes an object header.
struct HeaderFlag {
  const char* flag;   ///< "--cache-control"
  const char* header; ///< "Cache-Control"
  const std::string* value;
};
/// The header flags of o (--content-type … --storage-class), values pointing into o.
std::vector<HeaderFlag> header_flags(const CpOptions& options);

/// A download (oss:// to local or -) takes no object headers: --metadata and the header flags
/// are refused, and so is --log-file - with a download to stdout (log lines would mix with the
/// data). Throws oss::Error(usage) naming the flags.
void check_download_flags(const CpOptions& options, const GlobalOptions& globals);

/// True when the headers give the destination of a copy new properties (content headers or
/// user metadata): the copy then replaces the source's metadata.
bool replaces_properties(const oss::Headers& headers);

int download(const CpOptions& options, const OssPath& source, Context& ctx);

/// Size and modification time (seconds) of a file or object.
struct ItemState {
  std::uint64_t size = 0;
  std::time_t mtime = 0;
};
/// HeadObject as an ItemState; nullopt on 404. Other errors throw.
std::optional<ItemState> object_state(client::OssClient& client, const std::string& bucket,
                                      const std::string& key);
/// stat() as an ItemState; nullopt when nothing is there.
std::optional<ItemState> local_state(const std::string& path);
/// True when -u, --size-only or --ignore-existing was given (they need the destination's state).
bool has_skip_rules(const CpOptions& options);
/// cli.md §4.6/§4.7: nothing at the destination -> transfer; else --ignore-existing skips,
/// --size-only skips equal sizes, -u skips unless the source is newer; otherwise -f transfers,
/// and without it the overwrite prompt decides (no without a terminal, or when !can_prompt).
bool should_skip(const CpOptions& options, Context& ctx, const ItemState& source,
                 const std::optional<ItemState>& dest, const std::string& dest_name,
                 bool can_prompt = true);

/// --bigfile-threshold, --part-size, --parallel, --checkpoint-dir as engine settings.
/// Throws oss::Error(usage) naming the flag.
client::transfer::Tuning transfer_tuning(const CpOptions& options);

/// cp -r: a directory, prefix or prefix copy, streamed, -j objects at a time (cp_batch.cpp).
int run_batch(const CpOptions& options, Context& ctx);

/// The part of a listed key below the listed prefix: what follows the prefix's last '/' (the
/// path --include/--exclude match against in cp -r and rm -r).
std::string relative_to_prefix(const std::string& prefix, const std::string& key);

/// Adds --include/--exclude to cmd, appending rules to `rules` in command-line order.
void add_filter_flags(CLI::App& cmd, std::vector<client::transfer::FilterRule>& rules);

} // namespace cli::cp_detail
