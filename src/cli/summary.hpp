#pragma once
// cp's final summary and the elapsed line (cli.md §4.8). Pure.
#include <cstdint>
#include <string>

namespace cli {

/// "12 B" below 1 KiB, else binary units with three decimals: "2.000 KiB", "8.733 MiB".
std::string format_bytes(std::uint64_t bytes);
/// "44 B/s" below 1 KiB/s (rounded, matching the doc examples), else "680.112 KiB/s".
std::string format_rate(double bytes_per_second);
/// "0.271779(s) elapsed"
std::string format_elapsed(double seconds);

enum class Direction { upload, download, copy };

struct TransferTotals {
  Direction direction = Direction::upload;
  std::uint64_t total_count = 0, total_bytes = 0;
  std::uint64_t done_count = 0, done_bytes = 0;
  std::uint64_t skipped_count = 0, skipped_bytes = 0;
  double seconds = 0;
  std::uint64_t failed_count = 0;
};

/// "Success: Total 1 file, size 12 B, Upload done:(1 objects, 12 B), avg 44 B/s", with
/// ", Skip done:(1 files, 12 B)" before the average when something was skipped (Decision 6).
/// With failures (batch) the line starts "FinishWithError:" and carries
/// ", Failed:(N files)" before the average.
/// Download: "Total 1 object … Download done:(1 files, …)"; copy: "Copy done:(1 objects, …)".
std::string format_summary(const TransferTotals& totals);

} // namespace cli
