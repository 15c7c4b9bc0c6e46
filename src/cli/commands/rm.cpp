// ossutil rm oss://bucket/key: DeleteObject of a single object; with -r every object under the
// prefix (listing streamed page by page, each page removed with one DeleteMultipleObjects),
// filtered by --include/--exclude.
#include "cli/commands/commands.hpp"
#include "cli/commands/cp_internal.hpp"
#include "cli/errors.hpp"
#include "cli/oss_path.hpp"
#include "cli/transfer_ui.hpp"
#include "client/interrupt.hpp"
#include "oss/error.hpp"
#include "oss/names.hpp"

#include <string>
#include <vector>

namespace cli {
namespace {

/// What rm -r did so far; the first failure is kept for the final message.
struct RemoveTally {
  std::uint64_t removed = 0;
  std::uint64_t failed = 0;
  std::string first_error;

  void fail(std::uint64_t count, const std::string& what) {
    failed += count;
    if (first_error.empty()) first_error = what;
  }
};

/// Removes one listing page's worth of keys: DeleteMultipleObjects for the keys XML can carry
/// (one request, as ossutil does), DeleteObject for the rest. A failed request fails its keys and
/// the batch goes on.
void remove_keys(client::OssClient& client, const std::string& bucket,
                 const std::vector<std::string>& keys, RemoveTally& tally) {
  std::vector<std::string> batch;
  for (const auto& key : keys) {
    if (oss::is_xml_text(key)) {
      batch.push_back(key);
      continue;
    }
    try {
      client.delete_object(bucket, key);
      ++tally.removed;
    } catch (const oss::Error& e) {
      tally.fail(1, to_oss_url(bucket, key) + ": " + e.what());
    }
  }
  if (batch.empty()) return;
  try {
    client.delete_objects(bucket, batch);
    tally.removed += batch.size();
  } catch (const oss::Error& e) {
    tally.fail(batch.size(), std::to_string(batch.size()) + " objects from " +
                                 to_oss_url(bucket, batch.front()) + ": " + e.what());
  }
}

int remove_recursive(const RmOptions& o, const OssPath& path, Context& ctx) {
  const client::transfer::PathFilter filter(o.filters);
  if (!o.force && !ask_yes_no(ctx, "rm: remove all objects under \"" + o.url + "\"(y or N)? ")) {
    ctx.err << "rm: nothing removed (answer no; use -f to remove without asking)\n";
    ctx.print_elapsed();
    return 0;
  }
  client::OssClient& client = ctx.client();
  RemoveTally tally;
  std::string token;
  do {
    client::throw_if_interrupted();
    // A page holds at most 1000 keys, the most one DeleteMultipleObjects request takes.
    const client::ListObjectsPage page = client.list_objects_v2(path.bucket, path.key, token, 1000);
    std::vector<std::string> keys;
    for (const auto& object : page.objects)
      if (filter.allows(cp_detail::relative_to_prefix(path.key, object.key)))
        keys.push_back(object.key);
    remove_keys(client, path.bucket, keys, tally);
    token = page.is_truncated ? page.next_continuation_token : "";
  } while (!token.empty());
  if (client.dry_run()) {
    ctx.print_elapsed();
    return 0;
  }
  ctx.out << "Success: Total " << tally.removed + tally.failed << " objects, removed "
          << tally.removed << " objects"
          << (tally.failed > 0 ? ", failed " + std::to_string(tally.failed) + " objects" : "")
          << "\n";
  if (tally.failed > 0)
    throw PartialFailure(std::to_string(tally.failed) +
                         " objects could not be removed; first: " + tally.first_error);
  ctx.print_elapsed();
  return 0;
}

} // namespace

int run_rm(const RmOptions& o, Context& ctx) {
  const OssPath path = parse_oss_url(o.url);
  if (o.recursive) return remove_recursive(o, path, ctx);
  if (path.key.empty())
    throw oss::usage_error("rm needs an object: oss://" + path.bucket +
                           "/<key> (use -r for every "
                           "object under a prefix, rb to remove a bucket)");
  check_object_key(path.key);
  ctx.client().delete_object(path.bucket, path.key);
  ctx.print_elapsed();
  return 0;
}

void add_rm_command(CLI::App& app, RmOptions& o) {
  CLI::App* cmd = app.add_subcommand("rm", "Remove an object, or every object under a prefix");
  cmd->set_help_flag("-h,--help", "help for rm");
  cmd->add_option("url", o.url, "oss://bucket/object, or oss://bucket[/prefix] with -r")
      ->required();
  cmd->add_flag("-r,--recursive", o.recursive, "remove every object under the prefix")
      ->group("Flags");
  cmd->add_flag("-f,--force", o.force, "do not ask for confirmation")->group("Flags");
  cp_detail::add_filter_flags(*cmd, o.filters);
}

} // namespace cli
