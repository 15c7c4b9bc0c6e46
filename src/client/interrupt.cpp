#include "client/interrupt.hpp"

#include <atomic>

namespace client {
namespace {
std::atomic<bool> g_interrupted{false};
thread_local int t_shield_depth = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "signal handlers need a lock-free flag");
} // namespace

void request_interrupt() noexcept { g_interrupted.store(true, std::memory_order_relaxed); }
bool interrupt_requested() noexcept {
  return t_shield_depth == 0 && g_interrupted.load(std::memory_order_relaxed);
}
InterruptShield::InterruptShield() { ++t_shield_depth; }
InterruptShield::~InterruptShield() { --t_shield_depth; }
void throw_if_interrupted() {
  if (interrupt_requested()) throw Interrupted();
}

} // namespace client
