#pragma once
// Local file helpers with no OSS knowledge.
#include <cstddef>
#include <string>

namespace util {

/// An owned file descriptor, closed on destruction. Move-only.
class UniqueFd {
public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      m_fd = other.release();
    }
    return *this;
  }

  int get() const { return m_fd; }
  bool valid() const { return m_fd >= 0; }
  int release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }
  void reset(int fd = -1);

private:
  int m_fd = -1;
};

/// What went wrong reading a small text input (a rule, a config file).
enum class ReadProblem { none, missing, not_regular, too_large, io_error };

struct SmallRead {
  ReadProblem problem = ReadProblem::none;
  std::string text;   ///< the content when problem == none
  std::string detail; ///< a short human explanation otherwise ("is a directory", …)
};

/// Reads a regular file of at most max_bytes. Never reads more than max_bytes + 1 bytes, so
/// /dev/zero or a huge file cannot exhaust memory.
SmallRead read_small_file(const std::string& path, std::size_t max_bytes);
/// Reads a descriptor (e.g. stdin) to its end, failing with too_large past max_bytes.
SmallRead read_small_fd(int fd, std::size_t max_bytes);

} // namespace util
