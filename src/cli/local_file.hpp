#pragma once
// Local file handles for transfers: an owned fd, and a temp file next to the destination that
// becomes the destination only on commit (never a partial file at the final path).
#include <cstddef>
#include <string>

namespace cli {

class UniqueFd {
public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return m_fd; }
  int release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }

private:
  int m_fd = -1;
};

/// Writes all bytes to fd. Throws oss::Error(client) naming `what` on failure.
void write_all(int fd, const char* data, std::size_t size, const std::string& what);

/// `.<name>.ossutil-XXXXXX` in the destination's directory; removed on destruction unless
/// committed.
class TempFile {
public:
  /// Throws oss::Error(client) when the temp file cannot be created.
  explicit TempFile(std::string final_path);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return m_fd.get(); }
  const std::string& path() const { return m_path; }
  /// fsync, permissions as for a new file (0666 & ~umask), close, rename onto the final path.
  void commit();

private:
  std::string m_final;
  std::string m_path;
  UniqueFd m_fd;
  bool m_committed = false;
};

} // namespace cli
