#include "util/file_io.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace util {

void UniqueFd::reset(int fd) {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = fd;
}

SmallRead read_small_fd(int fd, std::size_t max_bytes) {
  SmallRead out;
  char buf[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return out;
    if (n < 0) {
      if (errno == EINTR) continue;
      return {ReadProblem::io_error, {}, std::strerror(errno)};
    }
    if (out.text.size() + static_cast<std::size_t>(n) > max_bytes)
      return {ReadProblem::too_large, {}, "is larger than " + std::to_string(max_bytes) + " bytes"};
    out.text.append(buf, static_cast<std::size_t>(n));
  }
}

SmallRead read_small_file(const std::string& path, std::size_t max_bytes) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (!fd.valid())
    return {
        errno == ENOENT ? ReadProblem::missing : ReadProblem::io_error, {}, std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return {ReadProblem::io_error, {}, std::strerror(errno)};
  if (S_ISDIR(st.st_mode)) return {ReadProblem::not_regular, {}, "is a directory"};
  if (!S_ISREG(st.st_mode)) return {ReadProblem::not_regular, {}, "is not a regular file"};
  if (static_cast<std::size_t>(st.st_size) > max_bytes)
    return {ReadProblem::too_large, {}, "is larger than " + std::to_string(max_bytes) + " bytes"};
  // O_NONBLOCK only guarded the open (a FIFO would block there); regular files ignore it.
  return read_small_fd(fd.get(), max_bytes);
}

} // namespace util
