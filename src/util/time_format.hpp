#pragma once
// Time formats used on the wire and in output. All functions take/return UTC seconds.
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace util {

/// "20231216T162057Z" (ISO 8601 basic, UTC).
std::string iso8601_basic(std::time_t t);
/// "20231216".
std::string yyyymmdd(std::time_t t);
/// "Sat, 16 Dec 2023 16:20:57 GMT" (RFC 1123, always GMT).
std::string rfc1123(std::time_t t);
/// "2023-12-16T16:20:57.000Z" (ISO 8601 extended with milliseconds).
std::string iso8601_ms(std::time_t t);

/// Parses "YYYYMMDDTHHMMSSZ"; nullopt if malformed.
std::optional<std::time_t> parse_iso8601_basic(std::string_view s);
/// Parses "Sat, 16 Dec 2023 16:20:57 GMT"; nullopt if malformed.
std::optional<std::time_t> parse_rfc1123(std::string_view s);
/// Parses "2023-12-16T16:20:57[.fff]Z"; nullopt if malformed.
std::optional<std::time_t> parse_iso8601(std::string_view s);

/// "2024-11-26 14:35:29 +0800 CST": local time as ossutil prints it (Go layout).
std::string local_time_go_style(std::time_t t);

/// Seconds since the epoch, now.
std::time_t now_utc();

} // namespace util
