#pragma once
// Which bucket and key a request addresses: path style (`/bucket/key`) or virtual-hosted
// (`Host: bucket.<endpoint>`), oss-api.md §6.8 and §7.1. Pure.
#include <string>
#include <string_view>

namespace mock {

struct Target {
  std::string bucket; ///< empty for service-level requests (ListBuckets)
  std::string key;    ///< raw (decoded) key; empty for bucket-level requests
  bool virtual_hosted = false;
};

/// "host:port" -> "host", "[::1]:9000" -> "::1"; a bare host is returned unchanged.
std::string_view host_without_port(std::string_view host);
/// IPv4 dotted quad or an IPv6 literal (with or without brackets).
bool is_ip_literal(std::string_view host);

/// The bucket named by the Host header, or "" for path style. Rule: a Host (port stripped)
/// that is an IP literal, `localhost` or has no dot is path style; otherwise `<bucket>.<suffix>`
/// is virtual-hosted when the suffix ends with `aliyuncs.com`, starts with `oss-`, starts with
/// the server region, or is `localhost`.
std::string virtual_host_bucket(std::string_view host, std::string_view region);

/// Resolves bucket and key from Host and the raw (still percent-encoded) request path.
/// The path is percent-decoded without treating `+` as a space; the key is everything after
/// `/bucket/` (path style) or after the leading `/` (virtual-hosted).
Target resolve_target(std::string_view host, std::string_view raw_path, std::string_view region);

} // namespace mock
