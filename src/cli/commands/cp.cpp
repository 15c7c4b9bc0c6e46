// ossutil cp: single-object upload, download (cp_download.cpp) and server-side copy.
#include "cli/commands/commands.hpp"
#include "cli/commands/cp_internal.hpp"
#include "cli/local_file.hpp"
#include "cli/metadata.hpp"
#include "cli/size_suffix.hpp"
#include "cli/summary.hpp"
#include "cli/transfer_ui.hpp"
#include "client/content_type.hpp"
#include "client/transfer/naming.hpp"
#include "client/transfer/part_plan.hpp"
#include "oss/error.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>

namespace cli {
namespace cp_detail {

oss::Headers object_headers(const CpOptions& o) {
  check_choice("--acl", o.acl, {"private", "public-read", "public-read-write", "default"});
  check_choice("--storage-class", o.storage_class,
               {"Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"});
  oss::Headers headers = parse_metadata_items(o.metadata);
  for (const auto& flag : header_flags(o)) {
    // A CR/LF in a value would end the header and inject others.
    check_header_value(flag.flag, *flag.value);
    if (!flag.value->empty()) oss::set_header(headers, flag.header, *flag.value);
  }
  return headers;
}

std::vector<HeaderFlag> header_flags(const CpOptions& o) {
  return {{"--content-type", "Content-Type", &o.content_type},
          {"--cache-control", "Cache-Control", &o.cache_control},
          {"--content-disposition", "Content-Disposition", &o.content_disposition},
          {"--content-encoding", "Content-Encoding", &o.content_encoding},
          {"--expires", "Expires", &o.expires},
          {"--acl", "x-oss-object-acl", &o.acl},
          {"--storage-class", "x-oss-storage-class", &o.storage_class}};
}

void check_download_flags(const CpOptions& o, const GlobalOptions& globals) {
  if (!o.metadata.empty())
    throw oss::usage_error("--metadata applies to uploads and copies; a download (oss:// to a "
                           "local path) keeps the object's metadata: remove --metadata");
  for (const auto& flag : header_flags(o))
    if (!flag.value->empty())
      throw oss::usage_error(std::string(flag.flag) +
                             " applies to uploads and copies, not to a download: remove it");
  if (o.destination == "-" && globals.log_file == "-")
    throw oss::usage_error("--log-file - and the download to stdout (cp " + o.source +
                           " -) would both write to stdout: log to a file or stderr instead");
}

client::transfer::Tuning transfer_tuning(const CpOptions& o) {
  client::transfer::Tuning t;
  if (!o.bigfile_threshold.empty())
    t.bigfile_threshold = parse_size_suffix("--bigfile-threshold", o.bigfile_threshold);
  if (!o.part_size.empty()) {
    t.part_size = parse_size_suffix("--part-size", o.part_size);
    client::transfer::plan_parts(0, t.part_size); // validates the bounds before anything is sent
  }
  if (o.parallel < 1 || o.parallel > 1000)
    throw oss::usage_error("invalid value " + std::to_string(o.parallel) +
                           " for --parallel; accepted: 1 to 1000");
  if (o.job < 1 || o.job > 1000)
    throw oss::usage_error("invalid value " + std::to_string(o.job) +
                           " for -j/--job; accepted: 1 to 1000");
  t.parallel = o.parallel;
  t.checkpoint_dir = o.checkpoint_dir;
  return t;
}

void add_filter_flags(CLI::App& cmd, std::vector<client::transfer::FilterRule>& rules) {
  cmd.add_option_function<std::string>(
         "--include",
         [&rules](const std::string& v) {
           rules.push_back({true, v});
         },
         "include the paths matching the pattern (first matching rule wins)")
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("stringArray")
      ->group("Flags");
  cmd.add_option_function<std::string>(
         "--exclude",
         [&rules](const std::string& v) {
           rules.push_back({false, v});
         },
         "exclude the paths matching the pattern (first matching rule wins)")
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("stringArray")
      ->group("Flags");
}

bool replaces_properties(const oss::Headers& headers) {
  // Any content header or user metadata means the destination gets new properties.
  return std::any_of(headers.begin(), headers.end(), [](const oss::Header& h) {
    return !util::istarts_with(h.name, "x-oss-") || util::istarts_with(h.name, "x-oss-meta-");
  });
}

} // namespace cp_detail

namespace {

using cp_detail::has_skip_rules;
using cp_detail::ItemState;
using cp_detail::object_state;
using cp_detail::replaces_properties;
using cp_detail::should_skip;
using cp_detail::transfer_tuning;

using client::transfer::single_destination_key;
using cp_detail::object_headers;

/// Counts the bytes of a body for the progress line.
class ProgressBody : public client::BodySource {
public:
  ProgressBody(client::BodySource& inner, Progress& progress)
      : m_inner(inner), m_progress(progress) {}
  std::size_t read(char* buf, std::size_t max) override {
    const std::size_t n = m_inner.read(buf, max);
    m_progress.add(n);
    return n;
  }
  std::optional<std::uint64_t> size() const override { return m_inner.size(); }
  bool rewind() override { return m_inner.rewind(); }

private:
  client::BodySource& m_inner;
  Progress& m_progress;
};

int finish(Context& ctx, TransferTotals totals) {
  totals.seconds = ctx.elapsed_seconds();
  ctx.out << format_summary(totals) << "\n";
  ctx.print_elapsed();
  return 0;
}

int upload(const CpOptions& o, const OssPath& dest, Context& ctx) {
  const bool from_stdin = o.source == "-";
  UniqueFd fd;
  struct stat st {};
  if (!from_stdin) {
    if (::stat(o.source.c_str(), &st) != 0)
      throw oss::usage_error("source file \"" + o.source + "\": " + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
      throw oss::usage_error("\"" + o.source +
                             "\" is a directory; copying a directory needs "
                             "-r/--recursive");
    fd = UniqueFd(::open(o.source.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw oss::client_error("open " + o.source + ": " + std::strerror(errno));
  }
  if (from_stdin && (dest.key.empty() || dest.key.back() == '/'))
    throw oss::usage_error("uploading from stdin needs an object name: oss://" + dest.bucket +
                           "/<key>");
  const std::string key = single_destination_key(dest.key, base_name(o.source));
  check_object_key(key);
  oss::Headers headers = object_headers(o);
  const client::transfer::Tuning tuning = transfer_tuning(o);
  const bool regular = !from_stdin && S_ISREG(st.st_mode);
  const auto file_size = static_cast<std::uint64_t>(st.st_size);
  // OSS SDK behaviour: PutObject guesses from the object key's extension, the multipart
  // uploader from the local file's.
  if (oss::find_header(headers, "Content-Type") == nullptr)
    headers.push_back(
        {"Content-Type", client::guess_content_type(
                             regular && file_size > tuning.bigfile_threshold ? o.source : key)});

  std::unique_ptr<client::BodySource> body;
  if (from_stdin)
    body = std::make_unique<client::StreamBodySource>(ctx.stdin_fd);
  else if (S_ISREG(st.st_mode))
    body =
        std::make_unique<client::FileBodySource>(fd.get(), static_cast<std::uint64_t>(st.st_size));
  else
    body = std::make_unique<client::StreamBodySource>(fd.get());
  const std::uint64_t size = body->size().value_or(0);

  client::OssClient& client = ctx.client();
  if (!o.force || has_skip_rules(o)) {
    // stdin carries the data, so it cannot also answer the prompt.
    const ItemState source{size, st.st_mtim.tv_sec};
    if (should_skip(o, ctx, source, object_state(client, dest.bucket, key),
                    to_oss_url(dest.bucket, key), !from_stdin))
      return finish(ctx, {Direction::upload, 1, size, 0, 0, 1, size, 0});
  }

  if (regular) {
    Progress progress(ctx, !o.no_progress, "Upload", file_size);
    client::transfer::ClientPool pool(client);
    const auto outcome =
        client::transfer::upload_file(pool, o.source, dest.bucket, key, headers, tuning,
                                      [&progress](std::int64_t delta) { progress.add(delta); });
    progress.finish();
    if (outcome.dry_run) {
      ctx.print_elapsed();
      return 0;
    }
    return finish(ctx, {Direction::upload, 1, outcome.bytes, 1, outcome.bytes, 0, 0, 0});
  }

  Progress progress(ctx, !o.no_progress, "Upload", body->size());
  ProgressBody counted(*body, progress);
  const client::TransferResult result = client.put_object(dest.bucket, key, counted, headers);
  progress.finish();
  if (result.dry_run) {
    ctx.print_elapsed();
    return 0;
  }
  return finish(ctx, {Direction::upload, 1, result.bytes, 1, result.bytes, 0, 0, 0});
}

int copy(const CpOptions& o, const OssPath& src, const OssPath& dest, Context& ctx) {
  if (src.key.empty() || src.key.back() == '/')
    throw oss::usage_error("copying \"" + o.source +
                           "\" needs -r/--recursive; give a single "
                           "object or add -r");
  const std::string key = single_destination_key(dest.key, base_name(src.key));
  check_object_key(src.key);
  check_object_key(key);
  const oss::Headers headers = object_headers(o);
  const bool replace = replaces_properties(headers);
  const client::transfer::Tuning tuning = transfer_tuning(o);

  client::OssClient& client = ctx.client();
  if (!o.force || has_skip_rules(o)) {
    const auto target = object_state(client, dest.bucket, key);
    if (target) {
      const auto source = object_state(client, src.bucket, src.key).value_or(ItemState{});
      if (should_skip(o, ctx, source, target, to_oss_url(dest.bucket, key)))
        return finish(ctx, {Direction::copy, 1, source.size, 0, 0, 1, source.size, 0});
    }
  }
  Progress progress(ctx, !o.no_progress, "Copy", std::nullopt);
  client::transfer::ClientPool pool(client);
  const auto outcome = client::transfer::copy_object(
      pool, src.bucket, src.key, dest.bucket, key, headers, replace, tuning,
      [&progress](std::int64_t delta) { progress.add(delta); });
  progress.finish();
  if (outcome.dry_run) {
    ctx.print_elapsed();
    return 0;
  }
  return finish(ctx, {Direction::copy, 1, outcome.bytes, 1, outcome.bytes, 0, 0, 0});
}

} // namespace

int run_cp(const CpOptions& o, Context& ctx) {
  object_headers(o); // flag values are validated before anything is read or sent
  transfer_tuning(o);
  [[maybe_unused]] const client::transfer::PathFilter checked_patterns(o.filters);
  if (is_oss_url(o.source) && !is_oss_url(o.destination))
    cp_detail::check_download_flags(o, ctx.globals);
  if (o.recursive) return cp_detail::run_batch(o, ctx);
  const bool src_oss = is_oss_url(o.source);
  const bool dst_oss = is_oss_url(o.destination);
  if (!src_oss && !dst_oss)
    throw oss::usage_error("cp needs an oss:// URL as source or destination");
  if (src_oss && dst_oss)
    return copy(o, parse_oss_url(o.source), parse_oss_url(o.destination), ctx);
  if (dst_oss) return upload(o, parse_oss_url(o.destination), ctx);
  return cp_detail::download(o, parse_oss_url(o.source), ctx);
}

void add_cp_command(CLI::App& app, CpOptions& o) {
  CLI::App* cmd = app.add_subcommand("cp", "Upload, download or copy an object");
  cmd->set_help_flag("-h,--help", "help for cp");
  cmd->add_option("source", o.source, "local file, - (stdin) or oss://bucket/key")->required();
  cmd->add_option("destination", o.destination, "oss://bucket[/key], local path or - (stdout)")
      ->required();
  const std::string g = "Flags";
  cmd->add_flag("-r,--recursive", o.recursive,
                "operate recursively: a directory, or every object under a prefix")
      ->group(g);
  cmd->add_flag("-f,--force", o.force, "overwrite without asking")->group(g);
  cmd->add_flag("--no-progress", o.no_progress, "hide the progress line")->group(g);
  cmd->add_option("--bigfile-threshold", o.bigfile_threshold,
                  "objects larger than this use multipart upload, ranged download or multipart "
                  "copy (default 100Mi)")
      ->type_name("SizeSuffix")
      ->group(g);
  cmd->add_option("--part-size", o.part_size,
                  "part size, 100Ki to 5Gi (default: automatic, 8Mi doubling to fit 10000 parts)")
      ->type_name("SizeSuffix")
      ->group(g);
  cmd->add_option("--parallel", o.parallel, "parts in flight per object (default 3)")
      ->type_name("int")
      ->group(g);
  cmd->add_option("-j,--job", o.job,
                  "objects in flight with -r; effective with -f, -u, --size-only or "
                  "--ignore-existing (default 3)")
      ->type_name("int")
      ->group(g);
  cmd->add_option("--checkpoint-dir", o.checkpoint_dir,
                  "directory for resume records of multipart transfers (resume is off without it)")
      ->type_name("string")
      ->group(g);
  cp_detail::add_filter_flags(*cmd, o.filters);
  cmd->add_flag("-u,--update", o.update,
                "copy only when the source is newer than the destination (or it is missing)")
      ->group(g);
  cmd->add_flag("--size-only", o.size_only, "copy only when the sizes differ")->group(g);
  cmd->add_flag("--ignore-existing", o.ignore_existing, "skip items whose destination exists")
      ->group(g);
  cmd->add_option("--output-dir", o.output_dir,
                  "directory for the error report of a batch (default ossutil_output)")
      ->type_name("string")
      ->group(g);
  cmd->add_flag("--no-error-report", o.no_error_report, "do not write the batch error report")
      ->group(g);
  cmd->add_option("--metadata", o.metadata,
                  "object metadata, key=value or key:value; repeatable, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("strings")
      ->group(g);
  const std::pair<const char*, std::string*> texts[] = {
      {"--content-type", &o.content_type},
      {"--cache-control", &o.cache_control},
      {"--content-disposition", &o.content_disposition},
      {"--content-encoding", &o.content_encoding},
      {"--expires", &o.expires}};
  for (const auto& [name, target] : texts)
    cmd->add_option(name, *target, std::string(name + 2) + " header")
        ->type_name("string")
        ->group(g);
  cmd->add_option("--acl", o.acl, "object ACL: private, public-read, public-read-write, default")
      ->type_name("string")
      ->group(g);
  cmd->add_option("--storage-class", o.storage_class,
                  "storage class: Standard, IA, Archive, ColdArchive, DeepColdArchive")
      ->type_name("string")
      ->group(g);
}

} // namespace cli
