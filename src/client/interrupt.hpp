#pragma once
// Stop-signal handling: the program's SIGINT/SIGTERM/SIGHUP handler requests an interrupt;
// transfers check it and unwind with Interrupted, so RAII cleans up (temp files are removed)
// before exit code 5.
#include <stdexcept>

namespace client {

/// Thrown when an interrupt was requested during a request or a local read.
class Interrupted : public std::runtime_error {
public:
  Interrupted() : std::runtime_error("interrupted") {}
};

/// While alive, interrupt_requested() is false on this thread: lets cleanup requests (abort an
/// upload after Ctrl-C) go out. Nestable.
class InterruptShield {
public:
  InterruptShield();
  ~InterruptShield();
  InterruptShield(const InterruptShield&) = delete;
  InterruptShield& operator=(const InterruptShield&) = delete;
};

/// Async-signal-safe: only sets a lock-free flag.
void request_interrupt() noexcept;
bool interrupt_requested() noexcept;
/// Throws Interrupted when an interrupt was requested.
void throw_if_interrupted();

} // namespace client
