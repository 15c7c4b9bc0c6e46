#include "client/body_source.hpp"

#include "client/interrupt.hpp"
#include "oss/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace client {

std::size_t FileBodySource::read(char* buf, std::size_t max) {
  const std::uint64_t left = m_size - m_offset;
  const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, max));
  std::size_t got = 0;
  while (got < want) {
    const ssize_t n = ::pread(m_fd, buf + got, want - got, static_cast<off_t>(m_offset + got));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw oss::client_error(std::string("read local file: ") + std::strerror(errno));
    }
    if (n == 0) throw oss::client_error("read local file: file shrank while uploading");
    got += static_cast<std::size_t>(n);
  }
  m_offset += got;
  return got;
}

std::size_t StreamBodySource::read(char* buf, std::size_t max) {
  m_started = true;
  for (;;) {
    const ssize_t n = ::read(m_fd, buf, max);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) throw oss::client_error(std::string("read stdin: ") + std::strerror(errno));
    throw_if_interrupted();
  }
}

std::size_t StringBodySource::read(char* buf, std::size_t max) {
  const std::size_t n = std::min(max, m_data.size() - m_offset);
  std::memcpy(buf, m_data.data() + m_offset, n);
  m_offset += n;
  return n;
}

} // namespace client
