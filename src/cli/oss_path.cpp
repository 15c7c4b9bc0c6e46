#include "cli/oss_path.hpp"

#include "oss/error.hpp"
#include "oss/names.hpp"
#include "util/strings.hpp"

namespace cli {

bool is_oss_url(std::string_view text) { return util::istarts_with(text, "oss://"); }

OssPath parse_oss_url(std::string_view text) {
  if (!is_oss_url(text))
    throw oss::usage_error("invalid cloud URL \"" + std::string(text) +
                           "\": must start with oss://");
  const std::string_view rest = text.substr(6);
  const auto slash = rest.find('/');
  OssPath out;
  out.bucket = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) out.key = std::string(rest.substr(slash + 1));
  if (out.bucket.empty())
    throw oss::usage_error("invalid cloud URL \"" + std::string(text) + "\": missing bucket name");
  if (const auto problem = oss::bucket_name_problem(out.bucket))
    throw oss::usage_error("invalid bucket name \"" + out.bucket + "\": " + *problem);
  return out;
}

void check_object_key(const std::string& key) {
  if (const auto problem = oss::object_key_problem(key))
    throw oss::usage_error("invalid object name \"" + key + "\": " + *problem);
}

std::string to_oss_url(std::string_view bucket, std::string_view key) {
  if (key.empty()) return "oss://" + std::string(bucket);
  return "oss://" + std::string(bucket) + "/" + std::string(key);
}

std::string base_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/')
    path.remove_suffix(1);
  const auto slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

} // namespace cli
