#include "client/redact.hpp"

#include "util/strings.hpp"

namespace client {

std::string redact_header_value(std::string_view name, std::string_view value) {
  if (util::iequals(name, "x-oss-security-token") || util::iequals(name, "security-token"))
    return std::string(k_redacted);
  if (!util::iequals(name, "authorization")) return std::string(value);
  std::string out(value);
  if (util::istarts_with(value, "OSS4-HMAC-SHA256")) {
    const auto pos = util::to_lower(out).find("signature=");
    if (pos != std::string::npos) {
      const auto start = pos + 10;
      auto end = out.find(',', start);
      if (end == std::string::npos) end = out.size();
      out.replace(start, end - start, k_redacted);
    }
    return out;
  }
  if (util::istarts_with(value, "OSS ")) {
    const auto colon = out.find(':');
    if (colon != std::string::npos) out.replace(colon + 1, std::string::npos, k_redacted);
    return out;
  }
  return std::string(k_redacted); // unknown scheme: hide it all
}

std::string redact_url(std::string_view url) {
  const auto q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, q + 1));
  bool first = true;
  for (const auto& item : util::split(url.substr(q + 1), '&')) {
    if (!first) out.push_back('&');
    first = false;
    const auto eq = item.find('=');
    const std::string key = util::to_lower(item.substr(0, eq));
    if (eq != std::string::npos && (key == "x-oss-signature" || key == "x-oss-security-token" ||
                                    key == "signature" || key == "security-token")) {
      out += item.substr(0, eq + 1);
      out += k_redacted;
    } else {
      out += item;
    }
  }
  return out;
}

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets) {
  // A SignatureDoesNotMatch body echoes the signature the client sent.
  for (const std::string_view element : {"SignatureProvided", "Signature"}) {
    const std::string open = "<" + std::string(element) + ">";
    const std::string close = "</" + std::string(element) + ">";
    for (auto pos = text.find(open); pos != std::string::npos; pos = text.find(open, pos + 1)) {
      const auto start = pos + open.size();
      const auto end = text.find(close, start);
      if (end == std::string::npos) break;
      text.replace(start, end - start, k_redacted);
    }
  }
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (auto pos = text.find(secret); pos != std::string::npos;
         pos = text.find(secret, pos + k_redacted.size()))
      text.replace(pos, secret.size(), k_redacted);
  }
  return text;
}

std::string format_headers(const oss::Headers& headers, std::string_view indent) {
  std::string out;
  for (const auto& h : headers) {
    out += indent;
    out += h.name;
    out += ": ";
    out += redact_header_value(h.name, h.value);
    out += '\n';
  }
  return out;
}

} // namespace client
