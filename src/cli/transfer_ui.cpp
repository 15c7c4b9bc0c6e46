#include "cli/transfer_ui.hpp"

#include "cli/summary.hpp"

#include <cstdio>

namespace cli {

bool ask_yes_no(Context& ctx, const std::string& prompt) {
  if (!ctx.stdin_is_tty || ctx.prompt_in == nullptr) return false; // Decision 6
  ctx.err << prompt << std::flush;
  std::string answer;
  if (!std::getline(*ctx.prompt_in, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "Yes";
}

bool confirm_overwrite(Context& ctx, bool force, const std::string& target) {
  return force || ask_yes_no(ctx, "cp: overwrite \"" + target + "\"(y or N)? ");
}

std::string format_progress(const ProgressSnapshot& s) {
  std::string line = s.verb + " " + format_bytes(s.bytes);
  const bool have_total = s.total_known && s.total_bytes > 0;
  if (have_total) {
    char pct[64];
    std::snprintf(pct, sizeof pct, " of %s (%.2f%%)", format_bytes(s.total_bytes).c_str(),
                  100.0 * static_cast<double>(s.bytes) / static_cast<double>(s.total_bytes));
    line += pct;
  } else if (s.total_bytes > 0) {
    line += " of " + format_bytes(s.total_bytes) + "+";
  }
  if (s.batch)
    line += ", " + std::to_string(s.objects_done) + " of " + std::to_string(s.objects_total) +
            (s.total_known ? "" : "+") + " objects";
  if (s.seconds > 0) {
    const double rate = static_cast<double>(s.bytes) / s.seconds;
    line += ", " + format_rate(rate);
    if (have_total && rate > 0 && s.bytes < s.total_bytes) {
      const auto eta = static_cast<long long>(static_cast<double>(s.total_bytes - s.bytes) / rate);
      char buf[48];
      std::snprintf(buf, sizeof buf, ", ETA %02lld:%02lld:%02lld", eta / 3600, eta / 60 % 60,
                    eta % 60);
      line += buf;
    }
  }
  return line;
}

Progress::Progress(Context& ctx, bool enabled, std::string verb, std::optional<std::uint64_t> total,
                   bool batch)
    : m_ctx(ctx), m_enabled(enabled && ctx.stderr_is_tty && !ctx.globals.quiet),
      m_start(std::chrono::steady_clock::now()), m_last(m_start) {
  m_state.verb = std::move(verb);
  m_state.batch = batch;
  if (total) {
    m_state.total_bytes = *total;
    m_state.total_known = true;
  }
}

Progress::~Progress() { finish(); }

void Progress::add(std::int64_t bytes) {
  std::lock_guard lock(m_mutex);
  if (bytes < 0 && static_cast<std::uint64_t>(-bytes) > m_state.bytes)
    m_state.bytes = 0;
  else
    m_state.bytes = static_cast<std::uint64_t>(static_cast<std::int64_t>(m_state.bytes) + bytes);
  maybe_draw(false);
}

void Progress::add_item(std::uint64_t bytes) {
  std::lock_guard lock(m_mutex);
  m_state.total_bytes += bytes;
  ++m_state.objects_total;
}

void Progress::listing_done() {
  std::lock_guard lock(m_mutex);
  m_state.total_known = true;
}

void Progress::object_done() {
  std::lock_guard lock(m_mutex);
  ++m_state.objects_done;
  maybe_draw(false);
}

void Progress::maybe_draw(bool force) {
  if (!m_enabled) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && m_drawn && now - m_last < std::chrono::milliseconds(200)) return;
  m_last = now;
  m_state.seconds = std::chrono::duration<double>(now - m_start).count();
  m_ctx.err << "\r" << format_progress(m_state) << "\033[K" << std::flush;
  m_drawn = true;
}

void Progress::finish() {
  std::lock_guard lock(m_mutex);
  if (!m_drawn) return;
  m_ctx.err << "\r\033[K" << std::flush;
  m_drawn = false;
}

} // namespace cli
