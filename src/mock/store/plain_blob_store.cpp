// Plain (unencrypted) blob storage: write to tmp/, fsync, rename into blobs/.
#include "mock/store/blob_store.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/file_io.hpp"

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace mock {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

class PlainWriter : public BlobWriter {
public:
  PlainWriter(const fs::path& temp, fs::path blobs)
      : m_id(new_blob_id()), m_temp(temp / (m_id + ".part")), m_blobs(std::move(blobs)),
        m_fd(::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) {
    if (m_fd.get() < 0) fail_errno("create " + m_temp.string());
  }

  ~PlainWriter() override {
    if (!m_committed) {
      std::error_code ignored;
      fs::remove(m_temp, ignored);
    }
  }

  void write(const void* data, std::size_t size) override {
    write_all(data, size);
    // Starts the writeback of what is written so far, so that commit()'s fsync finds little left
    // to do instead of the whole body. Only a hint: durability still comes from the fsync.
    if (m_size - m_writeback_from >= k_writeback_step) {
      ::sync_file_range(m_fd.get(), static_cast<off_t>(m_writeback_from),
                        static_cast<off_t>(m_size - m_writeback_from), SYNC_FILE_RANGE_WRITE);
      m_writeback_from = m_size;
    }
  }

  StoredBlob commit() override {
    if (::fsync(m_fd.get()) != 0) fail_errno("fsync " + m_temp.string());
    if (::close(m_fd.release()) != 0) fail_errno("close " + m_temp.string());
    const fs::path dir = m_blobs / m_id.substr(0, 2);
    fs::create_directories(dir);
    const fs::path final_path = dir / m_id;
    if (::rename(m_temp.c_str(), final_path.c_str()) != 0)
      fail_errno("rename into " + final_path.string());
    fsync_dir(dir);
    m_committed = true;
    return StoredBlob{m_id, m_size, {}};
  }

private:
  static constexpr std::uint64_t k_writeback_step = std::uint64_t{8} * 1024 * 1024;

  void write_all(const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
      const ssize_t n = ::write(m_fd.get(), p, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail_errno("write " + m_temp.string());
      }
      p += n;
      size -= static_cast<std::size_t>(n);
      m_size += static_cast<std::uint64_t>(n);
    }
  }

  std::string m_id;
  fs::path m_temp;
  fs::path m_blobs;
  util::UniqueFd m_fd;
  std::uint64_t m_size = 0;
  std::uint64_t m_writeback_from = 0;
  bool m_committed = false;
};

class PlainReader : public BlobReader {
public:
  explicit PlainReader(const fs::path& path) : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (m_fd.get() < 0) fail_errno("open blob " + path.filename().string());
    const off_t end = ::lseek(m_fd.get(), 0, SEEK_END);
    if (end < 0) fail_errno("seek blob");
    m_size = static_cast<std::uint64_t>(end);
  }

  std::uint64_t size() const override { return m_size; }

  std::size_t read(std::uint64_t offset, void* out, std::size_t size) override {
    for (;;) {
      const ssize_t n = ::pread(m_fd.get(), out, size, static_cast<off_t>(offset));
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) fail_errno("read blob");
    }
  }

private:
  util::UniqueFd m_fd;
  std::uint64_t m_size = 0;
};

class PlainBlobStore : public BlobStore {
public:
  explicit PlainBlobStore(const fs::path& data_dir)
      : m_temp(data_dir / "tmp"), m_blobs(data_dir / "blobs") {
    fs::create_directories(m_temp);
    fs::create_directories(m_blobs);
  }

  std::unique_ptr<BlobWriter> create(const BlobContext&) override {
    return std::make_unique<PlainWriter>(m_temp, m_blobs);
  }

  std::unique_ptr<BlobReader> open(const StoredBlob& blob, const BlobContext&) override {
    return std::make_unique<PlainReader>(path_of(blob.id));
  }

  ~PlainBlobStore() override {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_changed.notify_all();
    if (m_reaper.joinable()) m_reaper.join();
  }

  // Unlinking a large file takes a while (ext4 frees its extents, `discard` trims them: ~0.3 s
  // per GiB), and an overwrite would wait for it before answering. The blob therefore leaves
  // blobs/ at once by a rename into tmp/ and is unlinked by a background thread; after a crash,
  // sweep_temp() finishes the job.
  void remove(const std::string& id) noexcept override {
    if (id.size() < 3) return;
    std::error_code ignored;
    try {
      fs::path retired = m_temp / (id + ".removed");
      if (::rename(path_of(id).c_str(), retired.c_str()) != 0) {
        fs::remove(path_of(id), ignored);
        return;
      }
      {
        std::lock_guard lock(m_mutex);
        m_retired.push_back(std::move(retired));
        if (!m_reaper.joinable()) m_reaper = std::thread([this] { reap(); });
      }
      m_changed.notify_all();
    } catch (const std::exception&) { // no memory or no thread: unlink here
      fs::remove(m_temp / (id + ".removed"), ignored);
    }
  }

  void sweep_temp() override {
    for (const auto& entry : fs::directory_iterator(m_temp)) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }

  std::vector<std::string> list_ids() const override {
    std::vector<std::string> ids;
    for (const auto& entry : fs::recursive_directory_iterator(m_blobs)) {
      if (entry.is_regular_file()) ids.push_back(entry.path().filename().string());
    }
    return ids;
  }

private:
  fs::path path_of(const std::string& id) const { return m_blobs / id.substr(0, 2) / id; }

  void reap() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_changed.wait(lock, [&] { return m_stop || !m_retired.empty(); });
      if (m_retired.empty()) return; // stopping, nothing left
      const fs::path path = std::move(m_retired.front());
      m_retired.pop_front();
      lock.unlock();
      std::error_code ignored;
      fs::remove(path, ignored);
      lock.lock();
    }
  }

  fs::path m_temp;
  fs::path m_blobs;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<fs::path> m_retired;
  bool m_stop = false;
  std::thread m_reaper; // started at the first removal
};

} // namespace

std::string new_blob_id() { return util::to_hex_lower(util::random_bytes(16)); }

std::unique_ptr<BlobStore> make_plain_blob_store(const fs::path& data_dir) {
  return std::make_unique<PlainBlobStore>(data_dir);
}

} // namespace mock
