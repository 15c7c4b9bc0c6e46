#pragma once
// Interactive bits of transfers: the overwrite prompt (Decision 6) and the progress line.
#include "cli/context.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace cli {

/// True when `target` may be overwritten: always with force; otherwise asks
/// `cp: overwrite "<target>"(y or N)? ` on a terminal, and answers no without one.
bool confirm_overwrite(Context& ctx, bool force, const std::string& target);

/// A `\r`-redrawn progress line on stderr, drawn only on a terminal and unless --no-progress
/// or -q. Cleared by finish() or the destructor.
class Progress {
public:
  Progress(Context& ctx, bool enabled, std::string verb, std::optional<std::uint64_t> total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void add(std::uint64_t bytes);
  void finish();

private:
  void draw();
  Context& m_ctx;
  bool m_enabled;
  bool m_drawn = false;
  std::string m_verb;
  std::optional<std::uint64_t> m_total;
  std::uint64_t m_done = 0;
  std::chrono::steady_clock::time_point m_start, m_last;
};

} // namespace cli
