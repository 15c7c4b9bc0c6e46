// ossutil mb oss://bucket: PutBucket.
#include "cli/commands/commands.hpp"
#include "cli/oss_path.hpp"
#include "oss/error.hpp"

namespace cli {

int run_mb(const MbOptions& o, Context& ctx) {
  const OssPath path = parse_oss_url(o.url);
  if (!path.key.empty())
    throw oss::usage_error("mb takes a bucket URL oss://bucket, not an object: " + o.url);
  check_choice("--acl", o.acl, {"private", "public-read", "public-read-write"});
  check_choice("--storage-class", o.storage_class,
               {"Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"});
  check_choice("--redundancy-type", o.redundancy_type, {"LRS", "ZRS"});
  ctx.client().put_bucket(path.bucket, o.acl, o.storage_class, o.redundancy_type);
  ctx.print_elapsed();
  return 0;
}

void add_mb_command(CLI::App& app, MbOptions& o) {
  CLI::App* cmd = app.add_subcommand("mb", "Make a bucket");
  cmd->set_help_flag("-h,--help", "help for mb");
  cmd->add_option("url", o.url, "oss://bucket")->required();
  cmd->add_option("--acl", o.acl, "bucket ACL: private, public-read, public-read-write")
      ->type_name("string")
      ->group("Flags");
  cmd->add_option("--storage-class", o.storage_class,
                  "storage class: Standard, IA, Archive, ColdArchive, DeepColdArchive")
      ->type_name("string")
      ->group("Flags");
  cmd->add_option("--redundancy-type", o.redundancy_type, "data redundancy type: LRS or ZRS")
      ->type_name("string")
      ->group("Flags");
}

} // namespace cli
