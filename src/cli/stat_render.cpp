#include "cli/stat_render.hpp"

#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace cli {
namespace {

constexpr std::array<std::string_view, 8> k_transport_headers = {
    "date",          "server",           "connection",       "keep-alive", "transfer-encoding",
    "accept-ranges", "x-oss-request-id", "x-oss-server-time"};

bool is_transport_header(std::string_view name) {
  return std::any_of(k_transport_headers.begin(), k_transport_headers.end(),
                     [&](std::string_view t) { return util::iequals(name, t); });
}

} // namespace

std::string strip_quotes(const std::string& value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    return value.substr(1, value.size() - 2);
  return value;
}

std::string local_time_from(const std::string& text, bool rfc1123) {
  const auto t = rfc1123 ? util::parse_rfc1123(text) : util::parse_iso8601(text);
  return t ? util::local_time_go_style(*t) : text;
}

StatFields object_stat_fields(const oss::Headers& head, const std::string& acl) {
  StatFields out;
  for (const auto& h : head) {
    if (is_transport_header(h.name)) continue;
    const std::string key = util::canonical_header_name(h.name);
    if (std::any_of(out.begin(), out.end(), [&](const auto& f) { return f.first == key; }))
      continue; // repeated header: the first value wins
    std::string value = h.value;
    if (key == "Etag") value = strip_quotes(value);
    if (key == "Last-Modified") value = local_time_from(value, true);
    out.emplace_back(key, value);
  }
  out.emplace_back("ACL", acl.empty() ? "default" : acl);
  return out;
}

StatFields bucket_stat_fields(const client::BucketInfo& info) {
  StatFields out = {
      {"ACL", info.acl},
      {"CreationDate", local_time_from(info.creation_date, false)},
      {"ExtranetEndpoint", info.extranet_endpoint},
      {"IntranetEndpoint", info.intranet_endpoint},
      {"Location", info.location},
      {"Name", info.name},
      {"Owner", info.owner_id},
      {"StorageClass", info.storage_class},
  };
  if (!info.data_redundancy_type.empty())
    out.emplace_back("DataRedundancyType", info.data_redundancy_type);
  if (!info.sse_algorithm.empty()) out.emplace_back("SSEAlgorithm", info.sse_algorithm);
  if (!info.kms_master_key_id.empty()) out.emplace_back("KMSMasterKeyID", info.kms_master_key_id);
  if (!info.kms_data_encryption.empty())
    out.emplace_back("KMSDataEncryption", info.kms_data_encryption);
  return out;
}

std::string render_stat_raw(StatFields fields) {
  std::stable_sort(fields.begin(), fields.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t width = 0;
  for (const auto& f : fields)
    width = std::max(width, f.first.size());
  width += 2;
  std::string out;
  for (const auto& [key, value] : fields) {
    out += key;
    out.append(width - key.size(), ' ');
    out += ": ";
    out += value;
    out += '\n';
  }
  return out;
}

std::string render_stat_json(const StatFields& fields) {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& [key, value] : fields)
    doc[key] = value;
  return doc.dump(2) + "\n";
}

} // namespace cli
