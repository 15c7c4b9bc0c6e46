#include "cli/transfer_ui.hpp"

#include "cli/summary.hpp"

#include <cstdio>

namespace cli {

bool confirm_overwrite(Context& ctx, bool force, const std::string& target) {
  if (force) return true;
  if (!ctx.stdin_is_tty || ctx.prompt_in == nullptr) return false; // Decision 6
  ctx.err << "cp: overwrite \"" << target << "\"(y or N)? " << std::flush;
  std::string answer;
  if (!std::getline(*ctx.prompt_in, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "Yes";
}

Progress::Progress(Context& ctx, bool enabled, std::string verb, std::optional<std::uint64_t> total)
    : m_ctx(ctx), m_enabled(enabled && ctx.stderr_is_tty && !ctx.globals.quiet),
      m_verb(std::move(verb)), m_total(total), m_start(std::chrono::steady_clock::now()),
      m_last(m_start) {}

Progress::~Progress() { finish(); }

void Progress::add(std::uint64_t bytes) {
  m_done += bytes;
  if (!m_enabled) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - m_last < std::chrono::milliseconds(200)) return;
  m_last = now;
  draw();
}

void Progress::draw() {
  const double seconds = std::chrono::duration<double>(m_last - m_start).count();
  std::string line = "\r" + m_verb + " " + format_bytes(m_done);
  if (m_total && *m_total > 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, " of %s, %.3f%%", format_bytes(*m_total).c_str(),
                  100.0 * static_cast<double>(m_done) / static_cast<double>(*m_total));
    line += pct;
  }
  if (seconds > 0) line += ", " + format_rate(static_cast<double>(m_done) / seconds);
  line += "    ";
  m_ctx.err << line << std::flush;
  m_drawn = true;
}

void Progress::finish() {
  if (!m_drawn) return;
  m_ctx.err << "\r\033[K" << std::flush;
  m_drawn = false;
}

} // namespace cli
