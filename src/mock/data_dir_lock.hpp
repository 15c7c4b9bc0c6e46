#pragma once
// One ossmock per data directory: an exclusive flock on DATA_DIR/lock, held for the lifetime
// of the object (so of the process). A second server would otherwise sweep tmp/ and blobs/
// under the first one's feet.
#include <stdexcept>
#include <string>

namespace mock {

/// A held lock on DATA_DIR/lock. The kernel releases it when the process ends, even on SIGKILL.
class DataDirLock {
public:
  /// Creates DATA_DIR/lock if needed and locks it without waiting. Throws DataDirBusy when
  /// another process (or another DataDirLock) holds it, std::runtime_error on I/O errors.
  explicit DataDirLock(const std::string& data_dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

private:
  int m_fd = -1;
};

/// The data directory is in use by another ossmock; what() names the directory.
class DataDirBusy : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace mock
