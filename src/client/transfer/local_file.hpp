#pragma once
// Local file handles for transfers: an owned fd, positioned reads/writes, a request body over a
// byte range of a file (read with pread, rewindable for retries), and a temp file next to the
// destination that becomes the destination only on commit (never a partial file at the final
// path).
#include "client/body_source.hpp"
#include "util/file_io.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace client::transfer {

using util::UniqueFd;

/// Writes all bytes to fd. Throws oss::Error(client) naming `what` on failure.
void write_all(int fd, const char* data, std::size_t size, const std::string& what);
/// Writes all bytes at offset with pwrite (thread-safe on one fd). Throws oss::Error(client).
void pwrite_all(int fd, const char* data, std::size_t size, std::uint64_t offset,
                const std::string& what);
/// CRC-64 of bytes [offset, offset+size) of fd, read with pread in 1 MiB steps.
/// Throws oss::Error(client) on a read error or a short file.
std::uint64_t crc64_of_range(int fd, std::uint64_t offset, std::uint64_t size,
                             const std::string& what);

/// Bytes [offset, offset+size) of an open fd, read with pread; does not own the fd. Several
/// sources over one fd may be read from different threads.
class FileRangeSource : public BodySource {
public:
  FileRangeSource(int fd, std::uint64_t offset, std::uint64_t size)
      : m_fd(fd), m_begin(offset), m_size(size) {}
  std::size_t read(char* buf, std::size_t max) override;
  std::optional<std::uint64_t> size() const override { return m_size; }
  bool rewind() override {
    m_done = 0;
    return true;
  }

private:
  int m_fd;
  std::uint64_t m_begin, m_size, m_done = 0;
};

/// Where a download to a local path writes, decided before anything is written.
struct DownloadTarget {
  enum class Kind {
    file,  ///< a regular file (new or existing): temp file beside it, renamed onto it
    stream ///< an existing character device or FIFO (/dev/null, /dev/stdout): written in place
  };
  Kind kind = Kind::file;
  std::string path;      ///< file: symlinks resolved, the file the bytes end up in
  int inherited_fd = -1; ///< stream: the path names our own descriptor (/dev/stdout, /dev/fd/N)
};

/// Classifies `path` for a download, never replacing what is not a regular file: nothing there
/// or a regular file -> file; a symlink -> its target (followed to the end, a dangling link's
/// target is created); a character device or FIFO -> stream; a path naming one of our own
/// descriptors (/dev/stdout, /dev/fd/N) -> stream into that descriptor. Throws
/// oss::Error(usage) naming the path for a directory, socket, block device or a symlink loop.
DownloadTarget resolve_download_target(const std::string& path);

/// Opens a stream target for writing: duplicates the inherited descriptor, or opens the existing
/// device or FIFO (no create, no truncate). Throws oss::Error(client) naming the path.
UniqueFd open_stream_target(const DownloadTarget& target);

/// A file that becomes `final_path` on commit. By default `.<name>.ossutil-XXXXXX` in the
/// destination's directory, removed on destruction unless committed. A resumable download
/// passes a fixed `work_path` and keep_on_failure, so a rerun finds the bytes already written.
class TempFile {
public:
  /// Throws oss::Error(client) when the file cannot be created or opened.
  explicit TempFile(std::string final_path, std::string work_path = "",
                    bool keep_on_failure = false);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return m_fd.get(); }
  const std::string& path() const { return m_path; }
  /// Truncates/extends to size (ranged downloads write parts at their offsets).
  void resize(std::uint64_t size);
  /// Permissions of the file it replaces (an existing regular file at the final path keeps its
  /// mode, e.g. 0600), else as for a new file (0666 & ~umask); close; rename onto the final path.
  void commit();
  /// Makes the destructor remove the file even when it was opened with keep_on_failure.
  void discard_on_failure() { m_keep = false; }

private:
  std::string m_final;
  std::string m_path;
  UniqueFd m_fd;
  bool m_keep = false;
  bool m_committed = false;
  int m_existing_mode = -1; ///< permission bits of the file at m_final when opened; -1 = none
};

/// The directory part of a path ("." when none).
std::string parent_dir(const std::string& path);

} // namespace client::transfer
