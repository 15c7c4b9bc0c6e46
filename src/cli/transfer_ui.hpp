#pragma once
// Interactive bits of transfers: the yes/no prompts (Decision 6) and the progress line.
#include "cli/context.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace cli {

/// Writes `prompt` to stderr and reads one line: true for y, Y, yes or Yes. Answers no without
/// a terminal on stdin (Decision 6) or when the input ends.
bool ask_yes_no(Context& ctx, const std::string& prompt);

/// True when `target` may be overwritten: always with force; otherwise asks
/// `cp: overwrite "<target>"(y or N)? ` on a terminal, and answers no without one.
bool confirm_overwrite(Context& ctx, bool force, const std::string& target);

/// What the progress line shows at one moment. Pure rendering: format_progress.
struct ProgressSnapshot {
  std::string verb;              ///< "Upload", "Download", "Copy"
  std::uint64_t bytes = 0;       ///< moved so far
  std::uint64_t total_bytes = 0; ///< known so far
  bool total_known = false;      ///< listing finished (or a single object of known size)
  std::uint64_t objects_done = 0, objects_total = 0;
  bool batch = false; ///< show the object counts
  double seconds = 0;
};
/// "Upload 12.000 MiB of 1.000 GiB (1.17%), 3 of 10 objects, 5.000 MiB/s, ETA 00:03:12"
std::string format_progress(const ProgressSnapshot& snapshot);

/// A `\r`-redrawn progress line on stderr, drawn only on a terminal and unless --no-progress
/// or -q, at most five times a second. Thread-safe: workers report bytes and objects.
/// Cleared by finish() or the destructor.
class Progress {
public:
  Progress(Context& ctx, bool enabled, std::string verb, std::optional<std::uint64_t> total,
           bool batch = false);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Bytes moved (negative when a retried request starts over).
  void add(std::int64_t bytes);
  /// Batch: one more item found by the listing.
  void add_item(std::uint64_t bytes);
  /// Batch: the listing is complete, totals are final.
  void listing_done();
  void object_done();
  void finish();

private:
  void maybe_draw(bool force);
  Context& m_ctx;
  bool m_enabled;
  bool m_drawn = false;
  std::mutex m_mutex;
  ProgressSnapshot m_state;
  std::chrono::steady_clock::time_point m_start, m_last;
};

} // namespace cli
