#include "client/transfer/local_file.hpp"

#include "client/interrupt.hpp"
#include "oss/crc64.hpp"
#include "oss/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace client::transfer {

void write_all(int fd, const char* data, std::size_t size, const std::string& what) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw oss::client_error("write " + what + ": " + std::strerror(errno));
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void pwrite_all(int fd, const char* data, std::size_t size, std::uint64_t offset,
                const std::string& what) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw oss::client_error("write " + what + ": " + std::strerror(errno));
    }
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
}

namespace {
std::size_t pread_some(int fd, char* buf, std::size_t want, std::uint64_t offset) {
  for (;;) {
    const ssize_t n = ::pread(fd, buf, want, static_cast<off_t>(offset));
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR)
      throw oss::client_error(std::string("read local file: ") + std::strerror(errno));
    throw_if_interrupted();
  }
}
} // namespace

std::uint64_t crc64_of_range(int fd, std::uint64_t offset, std::uint64_t size,
                             const std::string& what) {
  constexpr std::size_t k_step = 1u << 20;
  const auto buf = std::make_unique<char[]>(k_step);
  std::uint64_t crc = 0;
  while (size > 0) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size, k_step));
    const std::size_t n = pread_some(fd, buf.get(), want, offset);
    if (n == 0) throw oss::client_error("read " + what + ": file is shorter than expected");
    crc = oss::crc64_update(crc, buf.get(), n);
    offset += n;
    size -= n;
  }
  return crc;
}

std::size_t FileRangeSource::read(char* buf, std::size_t max) {
  const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(m_size - m_done, max));
  std::size_t got = 0;
  while (got < want) {
    const std::size_t n = pread_some(m_fd, buf + got, want - got, m_begin + m_done + got);
    if (n == 0) throw oss::client_error("read local file: file shrank while uploading");
    got += n;
  }
  m_done += got;
  return got;
}

std::string parent_dir(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

namespace {
std::string name_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}
} // namespace

TempFile::TempFile(std::string final_path, std::string work_path, bool keep_on_failure)
    : m_final(std::move(final_path)), m_keep(keep_on_failure) {
  if (!work_path.empty()) {
    const int fd = ::open(work_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw oss::client_error("open " + work_path + ": " + std::strerror(errno));
    m_fd = UniqueFd(fd);
    m_path = std::move(work_path);
    return;
  }
  std::string pattern = parent_dir(m_final) + "/." + name_of(m_final) + ".ossutil-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0)
    throw oss::client_error("create temporary file in " + parent_dir(m_final) + ": " +
                            std::strerror(errno));
  m_fd = UniqueFd(fd);
  m_path = buf.data();
}

TempFile::~TempFile() {
  if (!m_committed) {
    m_fd = UniqueFd();
    if (!m_keep) ::unlink(m_path.c_str());
  }
}

void TempFile::resize(std::uint64_t size) {
  if (::ftruncate(m_fd.get(), static_cast<off_t>(size)) != 0)
    throw oss::client_error("resize " + m_path + ": " + std::strerror(errno));
}

void TempFile::commit() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  // No fsync: like ossutil and curl, the file is as durable as any other write; what is
  // guaranteed is that the final path only ever shows a complete, CRC-checked file.
  if (::fchmod(m_fd.get(), 0666 & ~mask) != 0)
    throw oss::client_error("write " + m_final + ": " + std::strerror(errno));
  const int fd = m_fd.release();
  if (::close(fd) != 0) throw oss::client_error("close " + m_final + ": " + std::strerror(errno));
  if (::rename(m_path.c_str(), m_final.c_str()) != 0)
    throw oss::client_error("rename " + m_path + " to " + m_final + ": " + std::strerror(errno));
  m_committed = true;
}

} // namespace client::transfer
