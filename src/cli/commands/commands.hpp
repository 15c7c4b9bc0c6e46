#pragma once
// The ossutil commands: one options struct (filled by CLI11) and one run function each.
// run_xxx returns the exit code of a successful run (0) and throws oss::Error for failures;
// cli::run maps exceptions to exit codes (errors.hpp).
#include "cli/context.hpp"
#include "client/transfer/path_filter.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace cli {

struct CpOptions {
  std::string source, destination;
  bool recursive = false, force = false, no_progress = false;
  std::vector<std::string> metadata; ///< raw values, see parse_metadata_items
  std::string content_type, cache_control, content_disposition, content_encoding, expires;
  std::string acl, storage_class;
  // Transfer tuning (cli.md §4.4); sizes as typed (SizeSuffix), parsed by transfer_tuning().
  std::string bigfile_threshold, part_size;
  int parallel = 3; ///< parts in flight per object
  int job = 3;      ///< objects in flight (batch)
  std::string checkpoint_dir;
  // Batch selection (cli.md §4.6): --include/--exclude in command-line order.
  std::vector<client::transfer::FilterRule> filters;
  bool update = false, size_only = false, ignore_existing = false;
  std::string output_dir = "ossutil_output";
  bool no_error_report = false;
};
int run_cp(const CpOptions& options, Context& ctx);
void add_cp_command(CLI::App& app, CpOptions& options);

struct StatOptions {
  std::string url;
};
int run_stat(const StatOptions& options, Context& ctx);
void add_stat_command(CLI::App& app, StatOptions& options);

struct MbOptions {
  std::string url;
  std::string acl, storage_class, redundancy_type;
};
int run_mb(const MbOptions& options, Context& ctx);
void add_mb_command(CLI::App& app, MbOptions& options);

struct RbOptions {
  std::string url;
  bool force = false;
};
int run_rb(const RbOptions& options, Context& ctx);
void add_rb_command(CLI::App& app, RbOptions& options);

struct LsOptions {
  std::string url; ///< empty = list buckets
  bool short_format = false;
  long long limited_num = -1;
};
int run_ls(const LsOptions& options, Context& ctx);
void add_ls_command(CLI::App& app, LsOptions& options);

struct RmOptions {
  std::string url;
  bool recursive = false, force = false;
  std::vector<client::transfer::FilterRule> filters;
};
int run_rm(const RmOptions& options, Context& ctx);
void add_rm_command(CLI::App& app, RmOptions& options);

struct PutBucketEncryptionOptions {
  std::string bucket;
  std::string rule; ///< JSON, XML, file://PATH or "-"
};
struct BucketEncryptionOptions {
  std::string bucket;
};
int run_put_bucket_encryption(const PutBucketEncryptionOptions& options, Context& ctx);
int run_get_bucket_encryption(const BucketEncryptionOptions& options, Context& ctx);
int run_delete_bucket_encryption(const BucketEncryptionOptions& options, Context& ctx);
struct ApiOptions {
  PutBucketEncryptionOptions put_encryption;
  BucketEncryptionOptions get_encryption, delete_encryption;
};
void add_api_command(CLI::App& app, ApiOptions& options);

/// Adds the global flags (cli.md §2) to app, bound to globals, in the "Global Flags" group.
void add_global_flags(CLI::App& app, GlobalOptions& globals);

/// Shared validation of enumerated flag values: throws oss::Error(usage)
/// `invalid value "X" for --flag; accepted: a, b, c` unless value is empty or accepted.
void check_choice(const std::string& flag, const std::string& value,
                  std::initializer_list<std::string_view> accepted);

} // namespace cli
