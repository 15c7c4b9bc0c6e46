// ossutil ls: buckets (no URL) or objects under oss://bucket[/prefix] (cli.md §7).
#include "cli/commands/commands.hpp"
#include "cli/oss_path.hpp"
#include "cli/stat_render.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

namespace cli {
namespace {

std::string row(const char* format, const std::string& a, const std::string& b,
                const std::string& c, const std::string& d, const std::string& e = "") {
  const int n =
      std::snprintf(nullptr, 0, format, a.c_str(), b.c_str(), c.c_str(), d.c_str(), e.c_str());
  std::string out(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), format, a.c_str(), b.c_str(), c.c_str(), d.c_str(),
                e.c_str());
  out.pop_back();
  return out;
}

// Column layout of ossutil's listings.
constexpr const char* k_bucket_row = "%-30s %20s    %12s    %s\n";
constexpr const char* k_object_row = "%-30s%12s  %12s   %-36s  %s\n";

/// --output-format json (cli.md §6.3 conventions: string values, sorted keys, 2-space indent):
/// one top-level array written element by element, so a long listing is never held in memory.
class JsonArrayWriter {
public:
  explicit JsonArrayWriter(std::ostream& out) : m_out(out) {}
  void add(const nlohmann::json& item) {
    m_out << (m_count++ == 0 ? "[\n" : ",\n");
    const std::string text = item.dump(2);
    // Indent the element by one level inside the array.
    std::size_t start = 0;
    while (start < text.size()) {
      const auto end = text.find('\n', start);
      const auto stop = end == std::string::npos ? text.size() : end;
      m_out << "  " << std::string_view(text).substr(start, stop - start);
      if (end != std::string::npos) m_out << "\n";
      start = stop + 1;
    }
  }
  void finish() { m_out << (m_count == 0 ? "[]\n" : "\n]\n"); }

private:
  std::ostream& m_out;
  long long m_count = 0;
};

bool limit_reached(const LsOptions& o, long long count) {
  return o.limited_num >= 0 && count >= o.limited_num;
}

int list_buckets(const LsOptions& o, Context& ctx) {
  client::OssClient& client = ctx.client();
  const bool json = ctx.json_output();
  JsonArrayWriter writer(ctx.out);
  long long count = 0;
  std::string marker;
  do {
    const client::ListBucketsPage page = client.list_buckets(marker);
    for (const auto& b : page.buckets) {
      if (limit_reached(o, count)) break;
      if (json && o.short_format) {
        writer.add(to_oss_url(b.name, ""));
      } else if (json) {
        writer.add({{"CreationDate", b.creation_date},
                    {"Location", b.location},
                    {"Name", b.name},
                    {"Region", b.region},
                    {"StorageClass", b.storage_class}});
      } else if (o.short_format) {
        ctx.out << to_oss_url(b.name, "") << "\n";
      } else {
        if (count == 0)
          ctx.out << row(k_bucket_row, "CreationTime", "Region", "StorageClass", "BucketName");
        ctx.out << row(k_bucket_row, local_time_from(b.creation_date, false), b.location,
                       b.storage_class, to_oss_url(b.name, ""));
      }
      ++count;
    }
    marker = page.is_truncated && !limit_reached(o, count) ? page.next_marker : "";
  } while (!marker.empty());
  if (json)
    writer.finish();
  else
    ctx.out << "Bucket Number is: " << count << "\n";
  ctx.print_elapsed();
  return 0;
}

int list_objects(const LsOptions& o, const OssPath& path, Context& ctx) {
  client::OssClient& client = ctx.client();
  const bool json = ctx.json_output();
  JsonArrayWriter writer(ctx.out);
  long long count = 0;
  std::string token;
  do {
    const client::ListObjectsPage page = client.list_objects_v2(path.bucket, path.key, token, 1000);
    for (const auto& obj : page.objects) {
      if (limit_reached(o, count)) break;
      if (json && o.short_format) {
        writer.add(to_oss_url(path.bucket, obj.key));
      } else if (json) {
        // The ListObjectsV2 element names; every value a string, as in the API-level JSON.
        writer.add({{"ETag", strip_quotes(obj.etag)},
                    {"Key", obj.key},
                    {"LastModified", obj.last_modified},
                    {"Size", std::to_string(obj.size)},
                    {"StorageClass", obj.storage_class}});
      } else if (o.short_format) {
        ctx.out << to_oss_url(path.bucket, obj.key) << "\n";
      } else {
        if (count == 0)
          ctx.out << row(k_object_row, "LastModifiedTime", "Size(B)", "StorageClass", "ETAG",
                         "ObjectName");
        ctx.out << row(k_object_row, local_time_from(obj.last_modified, false),
                       std::to_string(obj.size), obj.storage_class, strip_quotes(obj.etag),
                       to_oss_url(path.bucket, obj.key));
      }
      ++count;
    }
    token = page.is_truncated && !limit_reached(o, count) ? page.next_continuation_token : "";
  } while (!token.empty());
  if (json)
    writer.finish();
  else
    ctx.out << "Object Number is: " << count << "\n";
  ctx.print_elapsed();
  return 0;
}

} // namespace

int run_ls(const LsOptions& o, Context& ctx) {
  if (o.url.empty() || o.url == "oss://" || o.url == "oss:///") return list_buckets(o, ctx);
  return list_objects(o, parse_oss_url(o.url), ctx);
}

void add_ls_command(CLI::App& app, LsOptions& o) {
  CLI::App* cmd = app.add_subcommand("ls", "List buckets or objects");
  cmd->set_help_flag("-h,--help", "help for ls");
  cmd->add_option("url", o.url, "oss://bucket[/prefix]; omit to list buckets");
  cmd->add_flag("-s,--short-format", o.short_format, "show names only")->group("Flags");
  cmd->add_option("--limited-num", o.limited_num, "show at most this many items")
      ->type_name("int")
      ->group("Flags");
}

} // namespace cli
