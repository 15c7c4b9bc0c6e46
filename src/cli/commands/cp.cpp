// ossutil cp: single-object upload, download (cp_download.cpp) and server-side copy.
#include "cli/commands/commands.hpp"
#include "cli/commands/cp_internal.hpp"
#include "cli/metadata.hpp"
#include "cli/local_file.hpp"
#include "cli/summary.hpp"
#include "cli/transfer_ui.hpp"
#include "client/content_type.hpp"
#include "oss/error.hpp"
#include "util/strings.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>

namespace cli {
namespace cp_detail {

oss::Headers object_headers(const CpOptions& o) {
  check_choice("--acl", o.acl, {"private", "public-read", "public-read-write", "default"});
  check_choice("--storage-class", o.storage_class,
               {"Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"});
  oss::Headers headers = parse_metadata_items(o.metadata);
  const std::pair<const char*, const std::string*> flags[] = {
      {"Content-Type", &o.content_type},           {"Cache-Control", &o.cache_control},
      {"Content-Disposition", &o.content_disposition}, {"Content-Encoding", &o.content_encoding},
      {"Expires", &o.expires},                     {"x-oss-object-acl", &o.acl},
      {"x-oss-storage-class", &o.storage_class}};
  for (const auto& [name, value] : flags)
    if (!value->empty()) oss::set_header(headers, name, *value);
  return headers;
}

std::string destination_key(const std::string& dest_key, const std::string& source_name) {
  if (dest_key.empty()) return source_name;
  if (dest_key.back() == '/') return dest_key + source_name;
  return dest_key;
}

} // namespace cp_detail

namespace {

using cp_detail::destination_key;
using cp_detail::object_headers;

/// Counts the bytes of a body for the progress line.
class ProgressBody : public client::BodySource {
public:
  ProgressBody(client::BodySource& inner, Progress& progress) : m_inner(inner), m_progress(progress) {}
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
      throw oss::usage_error("\"" + o.source + "\" is a directory; copying a directory needs "
                             "-r/--recursive, which is not supported yet");
    fd = UniqueFd(::open(o.source.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw oss::client_error("open " + o.source + ": " + std::strerror(errno));
  }
  if (from_stdin && (dest.key.empty() || dest.key.back() == '/'))
    throw oss::usage_error("uploading from stdin needs an object name: oss://" + dest.bucket +
                           "/<key>");
  const std::string key = destination_key(dest.key, base_name(o.source));
  check_object_key(key);
  oss::Headers headers = object_headers(o);
  // OSS SDK behaviour for a simple PutObject: guess from the object key's extension.
  if (oss::find_header(headers, "Content-Type") == nullptr)
    headers.push_back({"Content-Type", client::guess_content_type(key)});

  std::unique_ptr<client::BodySource> body;
  if (from_stdin)
    body = std::make_unique<client::StreamBodySource>(ctx.stdin_fd);
  else if (S_ISREG(st.st_mode))
    body = std::make_unique<client::FileBodySource>(fd.get(), static_cast<std::uint64_t>(st.st_size));
  else
    body = std::make_unique<client::StreamBodySource>(fd.get());
  const std::uint64_t size = body->size().value_or(0);

  client::OssClient& client = ctx.client();
  // stdin carries the data, so it cannot also answer the prompt.
  if (!o.force && client.object_exists(dest.bucket, key) &&
      (from_stdin || !confirm_overwrite(ctx, false, to_oss_url(dest.bucket, key))))
    return finish(ctx, {Direction::upload, 1, size, 0, 0, 1, size, 0});

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

std::uint64_t content_length(const oss::Headers& headers) {
  const auto* v = oss::find_header(headers, "Content-Length");
  try {
    return v ? std::stoull(*v) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

int copy(const CpOptions& o, const OssPath& src, const OssPath& dest, Context& ctx) {
  if (src.key.empty() || src.key.back() == '/')
    throw oss::usage_error("copying \"" + o.source + "\" needs -r/--recursive, which is not "
                           "supported yet; give a single object");
  const std::string key = destination_key(dest.key, base_name(src.key));
  check_object_key(src.key);
  check_object_key(key);
  oss::Headers headers = object_headers(o);
  // Any content header or user metadata means the destination gets new properties.
  const bool replace = std::any_of(headers.begin(), headers.end(), [](const oss::Header& h) {
    return !util::istarts_with(h.name, "x-oss-") || util::istarts_with(h.name, "x-oss-meta-");
  });
  if (replace) headers.push_back({"x-oss-metadata-directive", "REPLACE"});

  client::OssClient& client = ctx.client();
  const std::uint64_t size = content_length(client.head_object(src.bucket, src.key));
  if (!o.force && client.object_exists(dest.bucket, key) &&
      !confirm_overwrite(ctx, false, to_oss_url(dest.bucket, key)))
    return finish(ctx, {Direction::copy, 1, size, 0, 0, 1, size, 0});
  client.copy_object(dest.bucket, key, src.bucket, src.key, headers);
  if (client.dry_run()) {
    ctx.print_elapsed();
    return 0;
  }
  return finish(ctx, {Direction::copy, 1, size, 1, size, 0, 0, 0});
}

} // namespace

int run_cp(const CpOptions& o, Context& ctx) {
  if (o.recursive)
    throw oss::usage_error("--recursive is not supported yet; cp copies one file or object");
  object_headers(o); // flag values are validated before anything is read or sent
  const bool src_oss = is_oss_url(o.source);
  const bool dst_oss = is_oss_url(o.destination);
  if (!src_oss && !dst_oss)
    throw oss::usage_error("cp needs an oss:// URL as source or destination");
  if (src_oss && dst_oss) return copy(o, parse_oss_url(o.source), parse_oss_url(o.destination), ctx);
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
  cmd->add_flag("-r,--recursive", o.recursive, "operate recursively (not supported yet)")->group(g);
  cmd->add_flag("-f,--force", o.force, "overwrite without asking")->group(g);
  cmd->add_flag("--no-progress", o.no_progress, "hide the progress line")->group(g);
  cmd->add_option("--metadata", o.metadata,
                  "object metadata, key=value or key:value; repeatable, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("strings")
      ->group(g);
  const std::pair<const char*, std::string*> texts[] = {
      {"--content-type", &o.content_type},   {"--cache-control", &o.cache_control},
      {"--content-disposition", &o.content_disposition},
      {"--content-encoding", &o.content_encoding}, {"--expires", &o.expires}};
  for (const auto& [name, target] : texts)
    cmd->add_option(name, *target, std::string(name + 2) + " header")->type_name("string")->group(g);
  cmd->add_option("--acl", o.acl, "object ACL: private, public-read, public-read-write, default")
      ->type_name("string")
      ->group(g);
  cmd->add_option("--storage-class", o.storage_class,
                  "storage class: Standard, IA, Archive, ColdArchive, DeepColdArchive")
      ->type_name("string")
      ->group(g);
}

} // namespace cli
