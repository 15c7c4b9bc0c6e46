#include "util/time_format.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace util {
namespace {

constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm utc_tm(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string format(const std::tm& tm, const char* fmt) {
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, fmt, &tm);
  return {buf, n};
}

bool parse_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::optional<std::time_t> make_utc(int year, int month, int day, int hour, int minute,
                                    int second) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return timegm(&tm);
}

} // namespace

std::string iso8601_basic(std::time_t t) { return format(utc_tm(t), "%Y%m%dT%H%M%SZ"); }
std::string yyyymmdd(std::time_t t) { return format(utc_tm(t), "%Y%m%d"); }
std::string iso8601_ms(std::time_t t) { return format(utc_tm(t), "%Y-%m-%dT%H:%M:%S.000Z"); }

std::string rfc1123(std::time_t t) {
  const std::tm tm = utc_tm(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", k_days[tm.tm_wday],
                tm.tm_mday, k_months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::optional<std::time_t> parse_iso8601_basic(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  if (!parse_digits(s, 0, 4, y) || !parse_digits(s, 4, 2, mo) || !parse_digits(s, 6, 2, d) ||
      !parse_digits(s, 9, 2, h) || !parse_digits(s, 11, 2, mi) || !parse_digits(s, 13, 2, se))
    return std::nullopt;
  return make_utc(y, mo, d, h, mi, se);
}

std::optional<std::time_t> parse_rfc1123(std::string_view s) {
  // "Sat, 16 Dec 2023 16:20:57 GMT"
  if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT")
    return std::nullopt;
  int d, y, h, mi, se;
  if (!parse_digits(s, 5, 2, d) || !parse_digits(s, 12, 4, y) || !parse_digits(s, 17, 2, h) ||
      !parse_digits(s, 20, 2, mi) || !parse_digits(s, 23, 2, se))
    return std::nullopt;
  int month = 0;
  for (std::size_t i = 0; i < k_months.size(); ++i)
    if (s.substr(8, 3) == k_months[i]) month = static_cast<int>(i) + 1;
  if (month == 0) return std::nullopt;
  return make_utc(y, month, d, h, mi, se);
}

std::optional<std::time_t> parse_iso8601(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
      s.back() != 'Z')
    return std::nullopt;
  if (!parse_digits(s, 0, 4, y) || !parse_digits(s, 5, 2, mo) || !parse_digits(s, 8, 2, d) ||
      !parse_digits(s, 11, 2, h) || !parse_digits(s, 14, 2, mi) || !parse_digits(s, 17, 2, se))
    return std::nullopt;
  return make_utc(y, mo, d, h, mi, se);
}

std::string local_time_go_style(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  const long off = tm.tm_gmtoff;
  char zone[32];
  std::snprintf(zone, sizeof zone, "%c%02ld%02ld", off < 0 ? '-' : '+', std::labs(off) / 3600,
                (std::labs(off) % 3600) / 60);
  return format(tm, "%Y-%m-%d %H:%M:%S ") + zone + " " + (tm.tm_zone ? tm.tm_zone : "UTC");
}

std::time_t now_utc() {
  return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
}

} // namespace util
