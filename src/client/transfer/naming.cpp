#include "client/transfer/naming.hpp"

#include "util/strings.hpp"

namespace client::transfer {

std::string single_destination_key(std::string_view dest_prefix, std::string_view name) {
  if (dest_prefix.empty() || dest_prefix.ends_with('/'))
    return std::string(dest_prefix) + std::string(name);
  return std::string(dest_prefix);
}

std::string batch_destination_key(std::string_view dest_prefix, std::string_view relative) {
  std::string out(dest_prefix);
  if (!out.empty() && !out.ends_with('/')) out.push_back('/');
  out += relative;
  return out;
}

std::optional<std::string> safe_relative_path(std::string_view key) {
  if (key.empty() || key.front() == '/' || key.back() == '/') return std::nullopt;
  if (key.find('\\') != std::string_view::npos || key.find('\0') != std::string_view::npos)
    return std::nullopt;
  for (const auto& segment : util::split(key, '/'))
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
  return std::string(key);
}

} // namespace client::transfer
