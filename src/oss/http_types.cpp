#include "oss/http_types.hpp"

#include "util/encoding.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace oss {

const std::string* find_header(const Headers& headers, std::string_view name) {
  for (const auto& h : headers)
    if (util::iequals(h.name, name)) return &h.value;
  return nullptr;
}

void set_header(Headers& headers, std::string_view name, std::string value) {
  remove_header(headers, name);
  headers.push_back({std::string(name), std::move(value)});
}

void remove_header(Headers& headers, std::string_view name) {
  std::erase_if(headers, [&](const Header& h) { return util::iequals(h.name, name); });
}

const std::string* find_query(const QueryParams& query, std::string_view name) {
  for (const auto& [k, v] : query)
    if (k == name) return &v;
  return nullptr;
}

bool has_query(const QueryParams& query, std::string_view name) {
  return find_query(query, name) != nullptr;
}

QueryParams parse_query(std::string_view raw_query) {
  QueryParams out;
  if (raw_query.empty()) return out;
  for (const auto& item : util::split(raw_query, '&')) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      out.emplace_back(util::percent_decode(item, true), "");
    } else {
      out.emplace_back(util::percent_decode(std::string_view(item).substr(0, eq), true),
                       util::percent_decode(std::string_view(item).substr(eq + 1), true));
    }
  }
  return out;
}

std::string encode_query(const QueryParams& query) {
  std::string out;
  for (const auto& [k, v] : query) {
    if (!out.empty()) out.push_back('&');
    out += util::percent_encode(k);
    if (!v.empty()) {
      out.push_back('=');
      out += util::percent_encode(v);
    }
  }
  return out;
}

} // namespace oss
