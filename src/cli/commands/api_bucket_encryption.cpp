// ossutil api put-bucket-encryption / get-bucket-encryption / delete-bucket-encryption
// (cli.md §6).
#include "cli/commands/commands.hpp"
#include "cli/xml_to_json.hpp"
#include "oss/error.hpp"
#include "oss/names.hpp"
#include "oss/sse.hpp"
#include "util/file_io.hpp"

namespace cli {
namespace {

constexpr const char* k_rule_flag = "--server-side-encryption-rule";

// A rule is a few hundred bytes; the cap keeps `file:///dev/zero` or a mistaken huge file from
// exhausting memory.
constexpr std::size_t k_max_rule_bytes = std::size_t{64} * 1024;

/// cli.md §1: "file://PATH" reads the file, "-" reads stdin, anything else is the value.
std::string load_value(const std::string& value, Context& ctx) {
  util::SmallRead read;
  std::string source;
  if (value.rfind("file://", 0) == 0) {
    source = "file \"" + value.substr(7) + "\"";
    read = util::read_small_file(value.substr(7), k_max_rule_bytes);
  } else if (value == "-") {
    source = "standard input";
    read = util::read_small_fd(ctx.stdin_fd, k_max_rule_bytes);
  } else {
    return value;
  }
  if (read.problem != util::ReadProblem::none)
    throw oss::usage_error(std::string("cannot read ") + k_rule_flag + " from " + source + ": " +
                           read.detail + " (a rule of at most 64 KiB is expected)");
  return read.text;
}

std::string accepted_for(const std::string& field) {
  if (field == "SSEAlgorithm") return "AES256, KMS, SM4";
  if (field == "KMSMasterKeyID") return "a KMS key ID, only with SSEAlgorithm KMS";
  if (field == "KMSDataEncryption") return "SM4, only with SSEAlgorithm KMS";
  return "see the OSS documentation";
}

void check_bucket(const std::string& bucket) {
  if (bucket.empty()) throw oss::usage_error("--bucket is required");
  if (const auto problem = oss::bucket_name_problem(bucket))
    throw oss::usage_error("invalid value \"" + bucket + "\" for --bucket: " + *problem);
}

} // namespace

int run_put_bucket_encryption(const PutBucketEncryptionOptions& o, Context& ctx) {
  check_bucket(o.bucket);
  const std::string text = load_value(o.rule, ctx);
  oss::SseSpec rule;
  try {
    rule = oss::parse_rule(text);
  } catch (const oss::Error& e) {
    throw oss::usage_error(std::string("invalid ") + k_rule_flag + ": " + e.what());
  }
  if (const auto problem = oss::validate_rule(rule))
    throw oss::usage_error("invalid value \"" + problem->value + "\" for " + problem->field +
                           " in " + k_rule_flag + "; accepted: " + accepted_for(problem->field));
  ctx.client().put_bucket_encryption(o.bucket, oss::to_rule_xml(rule));
  ctx.print_elapsed();
  return 0;
}

int run_get_bucket_encryption(const BucketEncryptionOptions& o, Context& ctx) {
  check_bucket(o.bucket);
  const bool json = ctx.json_output();
  const std::string body = ctx.client().get_bucket_encryption(o.bucket);
  if (json) {
    ctx.out << xml_to_json(body);
  } else {
    ctx.out << body;
    if (!body.empty() && body.back() != '\n') ctx.out << "\n";
  }
  ctx.print_elapsed();
  return 0;
}

int run_delete_bucket_encryption(const BucketEncryptionOptions& o, Context& ctx) {
  check_bucket(o.bucket);
  ctx.client().delete_bucket_encryption(o.bucket);
  ctx.print_elapsed();
  return 0;
}

void add_api_command(CLI::App& app, ApiOptions& o) {
  CLI::App* api = app.add_subcommand("api", "Call an OSS API operation directly");
  api->set_help_flag("-h,--help", "help for api");

  CLI::App* put = api->add_subcommand("put-bucket-encryption",
                                      "PutBucketEncryption: set the bucket's default encryption");
  put->set_help_flag("-h,--help", "help for put-bucket-encryption");
  put->add_option("--bucket", o.put_encryption.bucket, "bucket name")
      ->required()
      ->type_name("string")
      ->group("Flags");
  put->add_option(k_rule_flag, o.put_encryption.rule,
                  "the rule as JSON (root omitted) or XML, file://PATH, or - for stdin")
      ->required()
      ->type_name("string")
      ->group("Flags");

  CLI::App* get = api->add_subcommand("get-bucket-encryption",
                                      "GetBucketEncryption: show the bucket's default encryption");
  get->set_help_flag("-h,--help", "help for get-bucket-encryption");
  get->add_option("--bucket", o.get_encryption.bucket, "bucket name")
      ->required()
      ->type_name("string")
      ->group("Flags");

  CLI::App* del = api->add_subcommand(
      "delete-bucket-encryption", "DeleteBucketEncryption: remove the bucket's default encryption");
  del->set_help_flag("-h,--help", "help for delete-bucket-encryption");
  del->add_option("--bucket", o.delete_encryption.bucket, "bucket name")
      ->required()
      ->type_name("string")
      ->group("Flags");
}

} // namespace cli
