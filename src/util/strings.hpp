#pragma once
// Small string helpers (ASCII case folding, trimming, splitting).
#include <string>
#include <string_view>
#include <vector>

namespace util {

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);
/// ASCII case-insensitive prefix test.
bool istarts_with(std::string_view s, std::string_view prefix);
/// Removes leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view s);
/// Splits on every occurrence of sep; keeps empty fields.
std::vector<std::string> split(std::string_view s, char sep);
/// "content-type" -> "Content-Type" (Go's textproto canonical MIME header casing).
std::string canonical_header_name(std::string_view name);

} // namespace util
