#pragma once
// Where requests go: endpoint parsing, addressing style and URL building (oss-api.md §6.8).
// Pure; no I/O.
#include "oss/http_types.hpp"

#include <string>
#include <string_view>

namespace client {

enum class AddressingStyle { virtual_hosted, path, cname };

/// Parses "virtual" / "path" / "cname" (case-insensitive). Throws oss::Error(usage) naming the
/// flag and the accepted values otherwise.
AddressingStyle parse_addressing_style(std::string_view text);

/// A service endpoint split into scheme and authority ("host" or "host:port").
struct Endpoint {
  std::string scheme = "https"; ///< "http" or "https"
  std::string authority;        ///< "oss-cn-hangzhou.aliyuncs.com", "127.0.0.1:8080", "[::1]:80"
};

/// Parses "host", "host:port" or "scheme://host[:port][/]". The scheme defaults to https.
/// Throws oss::Error(usage) naming -e/--endpoint and the value for an empty endpoint, an
/// unsupported scheme or a malformed authority (unclosed "[", bad host characters, a port
/// outside 1-65535).
Endpoint parse_endpoint(std::string_view text);

/// True when the authority's host is an IPv4/IPv6 literal or "localhost" (any port).
bool is_ip_or_localhost(std::string_view authority);

/// The style actually used: an IP or localhost endpoint forces path style (as the Go SDK does),
/// except for cname.
AddressingStyle effective_style(AddressingStyle requested, const Endpoint& endpoint);

/// "scheme://bucket.host/key?query" (virtual), "scheme://host/bucket/key?query" (path) or
/// "scheme://host/key?query" (cname). The key is percent-encoded with '/' kept; an empty
/// bucket addresses the service ("scheme://host/").
std::string build_url(const Endpoint& endpoint, AddressingStyle style, std::string_view bucket,
                      std::string_view key, const oss::QueryParams& query);

} // namespace client
