#include "mock/data_dir_lock.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace mock {

DataDirLock::DataDirLock(const std::string& data_dir) {
  const std::string path = data_dir + "/lock";
  m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (m_fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(m_fd);
    m_fd = -1;
    if (error == EWOULDBLOCK)
      throw DataDirBusy("data directory " + data_dir + " is in use by another ossmock (it holds " +
                        path + "); stop it or choose another --data-dir");
    throw std::runtime_error("cannot lock " + path + ": " + std::strerror(error));
  }
  // The pid helps a person find the other server; the lock itself is what counts.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(m_fd, 0) == 0 && ::write(m_fd, pid.data(), pid.size()) < 0) {
    // Best effort only.
  }
}

DataDirLock::~DataDirLock() {
  if (m_fd >= 0) ::close(m_fd);
}

} // namespace mock
