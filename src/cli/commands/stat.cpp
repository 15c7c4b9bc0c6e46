// ossutil stat oss://bucket[/key]: object headers + ACL, or bucket info (Decision 4, §5).
#include "cli/commands/commands.hpp"
#include "cli/oss_path.hpp"
#include "cli/stat_render.hpp"

namespace cli {

int run_stat(const StatOptions& options, Context& ctx) {
  const OssPath path = parse_oss_url(options.url);
  const bool json = ctx.json_output();
  client::OssClient& client = ctx.client();
  StatFields fields;
  if (path.key.empty()) {
    fields = bucket_stat_fields(client.get_bucket_info(path.bucket));
  } else {
    check_object_key(path.key);
    // HEAD first so a missing object is reported as HeadObject's NoSuchKey.
    const oss::Headers head = client.head_object(path.bucket, path.key);
    fields = object_stat_fields(head, client.get_object_acl(path.bucket, path.key));
  }
  ctx.out << (json ? render_stat_json(fields) : render_stat_raw(fields));
  ctx.print_elapsed();
  return 0;
}

void add_stat_command(CLI::App& app, StatOptions& options) {
  CLI::App* cmd = app.add_subcommand("stat", "Show the properties of a bucket or an object");
  cmd->set_help_flag("-h,--help", "help for stat");
  cmd->add_option("url", options.url, "oss://bucket[/object]")->required();
}

} // namespace cli
