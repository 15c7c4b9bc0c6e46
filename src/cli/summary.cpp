#include "cli/summary.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace cli {
namespace {

std::string scaled(double value, const char* suffix) {
  static constexpr std::array<const char*, 6> k_units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t unit = 0;
  value /= 1024.0;
  while (value >= 1024.0 && unit + 1 < k_units.size()) {
    value /= 1024.0;
    ++unit;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f %s%s", value, k_units[unit], suffix);
  return buf;
}

} // namespace

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  return scaled(static_cast<double>(bytes), "");
}

std::string format_rate(double bytes_per_second) {
  if (bytes_per_second < 1024.0)
    return std::to_string(std::llround(bytes_per_second < 0 ? 0 : bytes_per_second)) + " B/s";
  return scaled(bytes_per_second, "/s");
}

std::string format_elapsed(double seconds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f(s) elapsed", seconds);
  return buf;
}

std::string format_summary(const TransferTotals& t) {
  const bool from_local = t.direction == Direction::upload;
  const std::string source_noun = from_local ? "file" : "object";
  const std::string done_noun = t.direction == Direction::download ? "files" : "objects";
  const std::string verb = t.direction == Direction::upload     ? "Upload"
                           : t.direction == Direction::download ? "Download"
                                                                : "Copy";
  std::string out = std::string(t.failed_count > 0 ? "FinishWithError" : "Success") + ": Total " +
                    std::to_string(t.total_count) + " " + source_noun +
                    (t.total_count == 1 ? "" : "s") + ", size " + format_bytes(t.total_bytes) +
                    ", " + verb + " done:(" + std::to_string(t.done_count) + " " + done_noun +
                    ", " + format_bytes(t.done_bytes) + ")";
  if (t.skipped_count > 0)
    out += ", Skip done:(" + std::to_string(t.skipped_count) + " " + source_noun + "s, " +
           format_bytes(t.skipped_bytes) + ")";
  if (t.failed_count > 0)
    out += ", Failed:(" + std::to_string(t.failed_count) + " " + source_noun +
           (t.failed_count == 1 ? "" : "s") + ")";
  const double rate = t.seconds > 0 ? static_cast<double>(t.done_bytes) / t.seconds : 0;
  out += ", avg " + format_rate(rate);
  return out;
}

} // namespace cli
