// ossutil rm oss://bucket/key: DeleteObject of a single object; with -r every object under the
// prefix (listing streamed page by page), filtered by --include/--exclude.
#include "cli/commands/commands.hpp"
#include "cli/commands/cp_internal.hpp"
#include "cli/errors.hpp"
#include "cli/oss_path.hpp"
#include "client/interrupt.hpp"
#include "oss/error.hpp"

namespace cli {
namespace {

bool confirm_batch_delete(Context& ctx, const std::string& url) {
  if (!ctx.stdin_is_tty || ctx.prompt_in == nullptr) return false; // Decision 6
  ctx.err << "rm: remove all objects under \"" << url << "\"(y or N)? " << std::flush;
  std::string answer;
  if (!std::getline(*ctx.prompt_in, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "Yes";
}

int remove_recursive(const RmOptions& o, const OssPath& path, Context& ctx) {
  const client::transfer::PathFilter filter(o.filters);
  if (!o.force && !confirm_batch_delete(ctx, o.url)) {
    ctx.err << "rm: nothing removed (answer no; use -f to remove without asking)\n";
    ctx.print_elapsed();
    return 0;
  }
  client::OssClient& client = ctx.client();
  std::uint64_t removed = 0, failed = 0;
  std::string token, first_error;
  do {
    client::throw_if_interrupted();
    const client::ListObjectsPage page = client.list_objects_v2(path.bucket, path.key, token, 1000);
    for (const auto& object : page.objects) {
      const auto slash = path.key.rfind('/');
      const std::string relative = object.key.substr(slash == std::string::npos ? 0 : slash + 1);
      if (!filter.allows(relative)) continue;
      try {
        client.delete_object(path.bucket, object.key);
        ++removed;
      } catch (const oss::Error& e) {
        ++failed;
        if (first_error.empty())
          first_error = to_oss_url(path.bucket, object.key) + ": " + e.what();
      }
    }
    token = page.is_truncated ? page.next_continuation_token : "";
  } while (!token.empty());
  if (client.dry_run()) {
    ctx.print_elapsed();
    return 0;
  }
  ctx.out << "Success: Total " << removed + failed << " objects, removed " << removed << " objects"
          << (failed > 0 ? ", failed " + std::to_string(failed) + " objects" : "") << "\n";
  if (failed > 0)
    throw PartialFailure(std::to_string(failed) +
                         " objects could not be removed; first: " + first_error);
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
