#include "client/endpoint.hpp"

#include "oss/error.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace client {

AddressingStyle parse_addressing_style(std::string_view text) {
  const std::string v = util::to_lower(util::trim(text));
  if (v == "virtual") return AddressingStyle::virtual_hosted;
  if (v == "path") return AddressingStyle::path;
  if (v == "cname") return AddressingStyle::cname;
  throw oss::usage_error("invalid value \"" + std::string(text) +
                         "\" for --addressing-style; accepted: virtual, path, cname");
}

namespace {

bool is_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return false;
  long value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

/// Why `authority` is not "host", "host:port", "[v6]" or "[v6]:port"; empty when it is. Catches
/// typos such as "http://[::1" at once instead of letting every request fail and be retried.
std::string authority_problem(std::string_view authority) {
  std::string_view port;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return R"("[" without a closing "]")";
    const std::string_view v6 = authority.substr(1, close - 1);
    if (v6.empty() || v6.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos)
      return "\"" + std::string(v6) + "\" is not an IPv6 address";
    const std::string_view after = authority.substr(close + 1);
    if (after.empty()) return "";
    if (after.front() != ':') return "unexpected \"" + std::string(after) + R"(" after "]")";
    port = after.substr(1);
  } else {
    std::string_view host = authority;
    if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return "empty port after \":\"";
    }
    if (host.empty()) return "no host";
    for (const char c : host)
      if (!is_host_char(c))
        return "the host \"" + std::string(host) +
               "\" may contain only letters, digits, '-', '.' and '_' (IPv6 in [ ])";
    if (port.empty()) return "";
  }
  if (!is_port(port)) return "invalid port \"" + std::string(port) + "\"; accepted: 1 to 65535";
  return "";
}

} // namespace

Endpoint parse_endpoint(std::string_view text) {
  std::string_view rest = util::trim(text);
  Endpoint out;
  if (const auto pos = rest.find("://"); pos != std::string_view::npos) {
    out.scheme = util::to_lower(rest.substr(0, pos));
    rest.remove_prefix(pos + 3);
    if (out.scheme != "http" && out.scheme != "https")
      throw oss::usage_error("invalid endpoint \"" + std::string(text) +
                             "\": scheme must be http or https");
  }
  // Anything after the authority (a trailing "/" or a path) is not part of the endpoint.
  if (const auto slash = rest.find('/'); slash != std::string_view::npos)
    rest = rest.substr(0, slash);
  if (rest.empty())
    throw oss::usage_error("invalid endpoint \"" + std::string(text) + "\": no host");
  if (const std::string problem = authority_problem(rest); !problem.empty())
    throw oss::usage_error("invalid -e/--endpoint \"" + std::string(text) + "\": " + problem +
                           "; expected host[:port] or http(s)://host[:port], e.g. "
                           "oss-cn-hangzhou.aliyuncs.com or http://[::1]:9000");
  out.authority = std::string(rest);
  return out;
}

namespace {

std::string_view host_of(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    return authority.substr(1,
                            close == std::string_view::npos ? std::string_view::npos : close - 1);
  }
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos)
    return authority.substr(0, colon);
  return authority;
}

bool is_ipv4(std::string_view host) {
  int parts = 0;
  std::size_t i = 0;
  while (i <= host.size()) {
    std::size_t digits = 0;
    int value = 0;
    while (i < host.size() && host[i] >= '0' && host[i] <= '9' && digits < 4) {
      value = value * 10 + (host[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || value > 255) return false;
    ++parts;
    if (i == host.size()) break;
    if (host[i] != '.') return false;
    ++i;
  }
  return parts == 4;
}

} // namespace

bool is_ip_or_localhost(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') return true; // IPv6 literal
  const std::string_view host = host_of(authority);
  return util::iequals(host, "localhost") || is_ipv4(host);
}

AddressingStyle effective_style(AddressingStyle requested, const Endpoint& endpoint) {
  if (requested == AddressingStyle::virtual_hosted && is_ip_or_localhost(endpoint.authority))
    return AddressingStyle::path;
  return requested;
}

std::string build_url(const Endpoint& endpoint, AddressingStyle style, std::string_view bucket,
                      std::string_view key, const oss::QueryParams& query) {
  std::string url = endpoint.scheme + "://";
  const std::string encoded_key = util::percent_encode(key, true);
  if (bucket.empty()) {
    url += endpoint.authority + "/";
  } else if (style == AddressingStyle::virtual_hosted) {
    url += std::string(bucket) + "." + endpoint.authority + "/" + encoded_key;
  } else if (style == AddressingStyle::path) {
    url += endpoint.authority + "/" + std::string(bucket) + "/" + encoded_key;
  } else {
    url += endpoint.authority + "/" + encoded_key;
  }
  if (!query.empty()) url += "?" + oss::encode_query(query);
  return url;
}

} // namespace client
