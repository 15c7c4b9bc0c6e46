#include "cli/local_file.hpp"

#include "oss/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cli {

UniqueFd::~UniqueFd() {
  if (m_fd >= 0) ::close(m_fd);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = other.release();
  }
  return *this;
}

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

namespace {

std::string dir_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string name_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

TempFile::TempFile(std::string final_path) : m_final(std::move(final_path)) {
  std::string pattern = dir_of(m_final) + "/." + name_of(m_final) + ".ossutil-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0)
    throw oss::client_error("create temporary file in " + dir_of(m_final) + ": " +
                            std::strerror(errno));
  m_fd = UniqueFd(fd);
  m_path = buf.data();
}

TempFile::~TempFile() {
  if (!m_committed) {
    m_fd = UniqueFd();
    ::unlink(m_path.c_str());
  }
}

void TempFile::commit() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(m_fd.get(), 0666 & ~mask) != 0 || ::fsync(m_fd.get()) != 0)
    throw oss::client_error("write " + m_final + ": " + std::strerror(errno));
  const int fd = m_fd.release();
  if (::close(fd) != 0) throw oss::client_error("close " + m_final + ": " + std::strerror(errno));
  if (::rename(m_path.c_str(), m_final.c_str()) != 0)
    throw oss::client_error("rename " + m_path + " to " + m_final + ": " + std::strerror(errno));
  m_committed = true;
}

} // namespace cli
