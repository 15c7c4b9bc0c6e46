#include "mock/range.hpp"

#include "util/strings.hpp"

#include <charconv>
#include <optional>

namespace mock {
namespace {

std::optional<std::uint64_t> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

} // namespace

RangeRequest parse_range(std::string_view header, std::uint64_t size) {
  RangeRequest out;
  std::string_view spec = util::trim(header);
  if (!util::istarts_with(spec, "bytes=")) return out;
  spec = util::trim(spec.substr(6));
  if (spec.find(',') != std::string_view::npos) return out;
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return out;
  const std::string_view first_text = util::trim(spec.substr(0, dash));
  const std::string_view last_text = util::trim(spec.substr(dash + 1));

  if (first_text.empty()) { // suffix: the last n bytes
    const auto n = parse_number(last_text);
    if (!n) return out;
    if (*n == 0 || size == 0) {
      out.kind = RangeRequest::Kind::unsatisfiable;
      return out;
    }
    out.kind = RangeRequest::Kind::satisfiable;
    out.first = *n >= size ? 0 : size - *n;
    out.last = size - 1;
    return out;
  }
  const auto first = parse_number(first_text);
  if (!first) return out;
  std::optional<std::uint64_t> last;
  if (!last_text.empty()) {
    last = parse_number(last_text);
    if (!last || *last < *first) return out;
  }
  if (*first >= size) {
    out.kind = RangeRequest::Kind::unsatisfiable;
    return out;
  }
  out.kind = RangeRequest::Kind::satisfiable;
  out.first = *first;
  out.last = (!last || *last >= size) ? size - 1 : *last;
  return out;
}

std::string content_range(const RangeRequest& range, std::uint64_t size) {
  return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" +
         std::to_string(size);
}

} // namespace mock
