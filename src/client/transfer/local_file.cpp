#include "client/transfer/local_file.hpp"

#include "client/interrupt.hpp"
#include "oss/crc64.hpp"
#include "oss/error.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
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

namespace {

constexpr int k_max_symlink_hops = 40; // Linux's MAXSYMLINKS

std::string read_link(const std::string& path) {
  std::vector<char> buf(256);
  for (;;) {
    const ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) throw oss::client_error("read symlink " + path + ": " + std::strerror(errno));
    const auto len = static_cast<std::size_t>(n);
    if (len < buf.size()) return {buf.data(), len};
    buf.resize(buf.size() * 2);
  }
}

/// Where the symlink at `link` points, relative targets taken from the link's directory.
std::string link_target(const std::string& link) {
  const std::string target = read_link(link);
  return !target.empty() && target.front() == '/' ? target : parent_dir(link) + "/" + target;
}

/// Follows a symlink chain by hand (a dangling link has no realpath): the first path that is not
/// a symlink, which may not exist.
std::string follow_links(const std::string& path) {
  std::string current = path;
  for (int hop = 0; hop < k_max_symlink_hops; ++hop) {
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
    current = link_target(current);
  }
  throw oss::usage_error("cannot download to \"" + path + "\": too many levels of symbolic links");
}

/// N when `path` names this process's own descriptor N: /dev/fd/N, /proc/self/fd/N or
/// /proc/<our pid>/fd/N; else -1.
int own_fd_of(const std::string& path) {
  for (const std::string& prefix : {std::string("/dev/fd/"), std::string("/proc/self/fd/"),
                                    "/proc/" + std::to_string(::getpid()) + "/fd/"}) {
    if (path.rfind(prefix, 0) != 0 || path.size() == prefix.size() ||
        path.size() > prefix.size() + 6)
      continue;
    const std::string digits = path.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
    return std::stoi(digits);
  }
  return -1;
}

/// The descriptor a path like /dev/stdout stands for, following the symlink chain as far as it
/// names one of our descriptors; -1 when it does not.
int inherited_fd_of(const std::string& path) {
  std::string current = path;
  for (int hop = 0; hop < k_max_symlink_hops; ++hop) {
    if (const int fd = own_fd_of(current); fd >= 0) return fd;
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return -1;
    current = link_target(current);
  }
  return -1;
}

std::string what_it_is(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

} // namespace

DownloadTarget resolve_download_target(const std::string& path) {
  struct stat lst {};
  if (::lstat(path.c_str(), &lst) != 0) {
    if (errno == ENOENT) return {DownloadTarget::Kind::file, path};
    throw oss::client_error("cannot download to \"" + path + "\": " + std::strerror(errno));
  }
  if (S_ISREG(lst.st_mode)) return {DownloadTarget::Kind::file, path};
  // /dev/stdout, /dev/fd/3: write to the descriptor we already hold, at its offset, like a
  // shell redirection; renaming over the file behind it would lose the output.
  if (const int fd = inherited_fd_of(path); fd >= 0 && ::fcntl(fd, F_GETFD) != -1)
    return {DownloadTarget::Kind::stream, path, fd};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ELOOP)
      throw oss::usage_error("cannot download to \"" + path +
                             "\": too many levels of symbolic links");
    if (errno != ENOENT)
      throw oss::client_error("cannot download to \"" + path + "\": " + std::strerror(errno));
    // A dangling symlink: create its target, leave the link alone.
    return {DownloadTarget::Kind::file, follow_links(path)};
  }
  // Devices and FIFOs are opened through the given path: /dev/stdout -> /proc/self/fd/1 may end
  // in "pipe:[…]", which only the kernel can follow.
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return {DownloadTarget::Kind::stream, path};
  if (S_ISREG(st.st_mode)) {
    // A symlink to a regular file: replace the target (temp file beside it), keep the link.
    std::vector<char> buf(PATH_MAX + 1);
    if (::realpath(path.c_str(), buf.data()) == nullptr)
      throw oss::client_error("cannot download to \"" + path + "\": " + std::strerror(errno));
    return {DownloadTarget::Kind::file, buf.data()};
  }
  throw oss::usage_error("cannot download to \"" + path + "\": it is " + what_it_is(st.st_mode) +
                         "; give a regular file, a directory to download into, a character "
                         "device or a FIFO");
}

UniqueFd open_stream_target(const DownloadTarget& target) {
  // Our own descriptor: a duplicate shares its offset, so the bytes land where a shell
  // redirection expects them.
  const int fd = target.inherited_fd >= 0
                     ? ::fcntl(target.inherited_fd, F_DUPFD_CLOEXEC, 0)
                     // No O_CREAT, no O_TRUNC: the device or FIFO stays what it is.
                     : ::open(target.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw oss::client_error("open " + target.path + ": " + std::strerror(errno));
  return UniqueFd(fd);
}

TempFile::TempFile(std::string final_path, std::string work_path, bool keep_on_failure)
    : m_final(std::move(final_path)), m_keep(keep_on_failure) {
  if (struct stat st{}; ::stat(m_final.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    m_existing_mode = static_cast<int>(st.st_mode & 0777); // no set-id bits on new content
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
  mode_t mode = 0;
  if (m_existing_mode >= 0) {
    mode = static_cast<mode_t>(m_existing_mode); // overwriting keeps the file's permissions
  } else {
    const mode_t mask = ::umask(0); // umask() can only be read by setting it
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  // No fsync: like ossutil and curl, the file is as durable as any other write; what is
  // guaranteed is that the final path only ever shows a complete, CRC-checked file.
  if (::fchmod(m_fd.get(), mode) != 0)
    throw oss::client_error("write " + m_final + ": " + std::strerror(errno));
  const int fd = m_fd.release();
  if (::close(fd) != 0) throw oss::client_error("close " + m_final + ": " + std::strerror(errno));
  if (::rename(m_path.c_str(), m_final.c_str()) != 0)
    throw oss::client_error("rename " + m_path + " to " + m_final + ": " + std::strerror(errno));
  m_committed = true;
}

} // namespace client::transfer
