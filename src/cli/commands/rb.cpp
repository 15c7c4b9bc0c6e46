// ossutil rb oss://bucket [-f]: DeleteBucket; with -f every object is deleted first.
#include "cli/commands/commands.hpp"
#include "cli/oss_path.hpp"
#include "oss/error.hpp"

namespace cli {

int run_rb(const RbOptions& o, Context& ctx) {
  const OssPath path = parse_oss_url(o.url);
  if (!path.key.empty())
    throw oss::usage_error("rb takes a bucket URL oss://bucket, not an object: " + o.url);
  client::OssClient& client = ctx.client();
  if (o.force) {
    std::string token;
    do {
      // Pages by continuation token, so this also ends under dry-run, where nothing is deleted.
      const client::ListObjectsPage page = client.list_objects_v2(path.bucket, "", token, 1000);
      for (const auto& object : page.objects)
        client.delete_object(path.bucket, object.key);
      token = page.is_truncated ? page.next_continuation_token : "";
    } while (!token.empty());
  }
  client.delete_bucket(path.bucket);
  ctx.print_elapsed();
  return 0;
}

void add_rb_command(CLI::App& app, RbOptions& o) {
  CLI::App* cmd = app.add_subcommand("rb", "Remove a bucket");
  cmd->set_help_flag("-h,--help", "help for rb");
  cmd->add_option("url", o.url, "oss://bucket")->required();
  cmd->add_flag("-f,--force", o.force, "delete all objects in the bucket first")->group("Flags");
}

} // namespace cli
