// ossutil rm oss://bucket/key: DeleteObject of a single object.
#include "cli/commands/commands.hpp"
#include "cli/oss_path.hpp"
#include "oss/error.hpp"

namespace cli {

int run_rm(const RmOptions& o, Context& ctx) {
  if (o.recursive)
    throw oss::usage_error("--recursive is not supported yet; rm deletes one object");
  const OssPath path = parse_oss_url(o.url);
  if (path.key.empty())
    throw oss::usage_error("rm needs an object: oss://" + path.bucket + "/<key> (use rb to remove "
                           "a bucket)");
  check_object_key(path.key);
  ctx.client().delete_object(path.bucket, path.key);
  ctx.print_elapsed();
  return 0;
}

void add_rm_command(CLI::App& app, RmOptions& o) {
  CLI::App* cmd = app.add_subcommand("rm", "Remove an object");
  cmd->set_help_flag("-h,--help", "help for rm");
  cmd->add_option("url", o.url, "oss://bucket/object")->required();
  cmd->add_flag("-r,--recursive", o.recursive, "remove recursively (not supported yet)")
      ->group("Flags");
  cmd->add_flag("-f,--force", o.force, "do not ask for confirmation")->group("Flags");
}

} // namespace cli
