#include "mock/addressing.hpp"

#include "util/encoding.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace mock {

std::string_view host_without_port(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    return close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1);
  }
  // More than one ':' is a bare IPv6 literal, which has no port.
  if (std::count(host.begin(), host.end(), ':') > 1) return host;
  const auto colon = host.find(':');
  return colon == std::string_view::npos ? host : host.substr(0, colon);
}

bool is_ip_literal(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true; // IPv6
  int parts = 0;
  for (const auto& part : util::split(host, '.')) {
    if (part.empty() || part.size() > 3) return false;
    if (!std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    if (std::stoi(part) > 255) return false;
    ++parts;
  }
  return parts == 4;
}

std::string virtual_host_bucket(std::string_view host, std::string_view region) {
  const std::string name = util::to_lower(host_without_port(host));
  if (name.empty() || is_ip_literal(name) || name == "localhost") return {};
  const auto dot = name.find('.');
  if (dot == std::string::npos || dot == 0) return {};
  const std::string_view suffix = std::string_view(name).substr(dot + 1);
  const bool service_suffix = suffix.ends_with("aliyuncs.com") || suffix.starts_with("oss-") ||
                              (!region.empty() && suffix.starts_with(region)) ||
                              suffix == "localhost";
  return service_suffix ? name.substr(0, dot) : std::string();
}

Target resolve_target(std::string_view host, std::string_view raw_path, std::string_view region) {
  Target target;
  // Never treat '+' as a space in the path (oss-api.md §6.8: keys may contain '+').
  std::string path = util::percent_decode(raw_path, false);
  if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');

  target.bucket = virtual_host_bucket(host, region);
  if (!target.bucket.empty()) {
    target.virtual_hosted = true;
    target.key = path.substr(1);
    return target;
  }
  const auto slash = path.find('/', 1);
  if (slash == std::string::npos) {
    target.bucket = path.substr(1);
  } else {
    target.bucket = path.substr(1, slash - 1);
    target.key = path.substr(slash + 1);
  }
  return target;
}

} // namespace mock
