#include "cli/metadata.hpp"

#include "oss/error.hpp"
#include "oss/sse.hpp"
#include "util/strings.hpp"

#include <array>

namespace cli {
namespace {

constexpr std::array<std::string_view, 10> k_system_headers = {
    oss::k_header_sse,  oss::k_header_sse_key_id, oss::k_header_sse_data,
    "x-oss-object-acl", "x-oss-storage-class",    "Content-Type",
    "Cache-Control",    "Content-Disposition",    "Content-Encoding",
    "Expires"};
constexpr std::string_view k_meta_prefix = "x-oss-meta-";

// RFC 9110 token characters: what an HTTP header name may consist of.
bool is_token_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

void check_header_name(const std::string& item, std::string_view key) {
  for (unsigned char c : key)
    if (!is_token_char(c))
      throw oss::usage_error("invalid --metadata item \"" + item + "\": the key \"" +
                             std::string(key) +
                             "\" may contain only letters, digits and -_.!#$%&'*+^`|~");
}

} // namespace

void check_header_value(const std::string& what, std::string_view value) {
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\t') || c == 0x7F)
      throw oss::usage_error("invalid " + what +
                             ": the value contains a line break or another control character");
}

oss::Headers parse_metadata_items(const std::vector<std::string>& values) {
  oss::Headers out;
  for (const auto& value : values) {
    for (const auto& item : util::split(value, ',')) {
      if (util::trim(item).empty()) continue;
      auto sep = item.find('=');
      if (sep == std::string::npos) sep = item.find(':');
      if (sep == std::string::npos)
        throw oss::usage_error("invalid --metadata item \"" + item +
                               "\": expected key=value or key:value");
      std::string key(util::trim(std::string_view(item).substr(0, sep)));
      const std::string val = item.substr(sep + 1);
      if (key.empty())
        throw oss::usage_error("invalid --metadata item \"" + item + "\": the key is empty");
      check_header_name(item, key);
      check_header_value("--metadata item \"" + key + "\"", val);

      std::string header;
      if (util::istarts_with(key, k_meta_prefix)) {
        const std::string rest = key.substr(k_meta_prefix.size());
        if (rest.empty())
          throw oss::usage_error("invalid --metadata item \"" + item +
                                 "\": no name after x-oss-meta-");
        header = std::string(k_meta_prefix) + rest;
      } else {
        for (const auto name : k_system_headers)
          if (util::iequals(key, name)) header = std::string(name);
        if (header.empty()) header = std::string(k_meta_prefix) + key;
      }
      oss::set_header(out, header, val);
    }
  }
  validate_sse_headers(out);
  return out;
}

void validate_sse_headers(const oss::Headers& headers) {
  const auto accepted_algorithms = [] {
    std::string list;
    for (const auto a : oss::k_sse_algorithms)
      list += (list.empty() ? "" : ", ") + std::string(a);
    return list;
  };
  const std::string* sse = oss::find_header(headers, oss::k_header_sse);
  if (sse != nullptr && !oss::is_valid_sse_algorithm(*sse))
    throw oss::usage_error("invalid value \"" + *sse + "\" for " + std::string(oss::k_header_sse) +
                           " in --metadata; accepted: " + accepted_algorithms());
  const std::string* data = oss::find_header(headers, oss::k_header_sse_data);
  if (data != nullptr && *data != oss::k_sse_data_sm4)
    throw oss::usage_error("invalid value \"" + *data + "\" for " +
                           std::string(oss::k_header_sse_data) +
                           " in --metadata; accepted: " + std::string(oss::k_sse_data_sm4));
  const bool kms = sse != nullptr && *sse == "KMS";
  for (const auto name : {oss::k_header_sse_key_id, oss::k_header_sse_data}) {
    if (oss::find_header(headers, name) != nullptr && !kms)
      throw oss::usage_error(std::string(name) + " in --metadata requires " +
                             std::string(oss::k_header_sse) + ":KMS");
  }
}

} // namespace cli
