#pragma once
// Request body producers: a local file read with pread (rewindable, for retries), a pipe such
// as stdin (read once, chunked), or a small in-memory document.
#include <cstdint>
#include <optional>
#include <string>

namespace client {

class BodySource {
public:
  virtual ~BodySource() = default;
  /// Up to max bytes into buf; 0 at the end. Throws oss::Error(client) on I/O errors.
  virtual std::size_t read(char* buf, std::size_t max) = 0;
  /// Total size when known (Content-Length), nullopt for a stream.
  virtual std::optional<std::uint64_t> size() const = 0;
  /// Starts over for a retry; false when the bytes cannot be produced again.
  virtual bool rewind() = 0;
};

/// Reads [0, size) of an open fd with pread; does not own the fd.
class FileBodySource : public BodySource {
public:
  FileBodySource(int fd, std::uint64_t size) : m_fd(fd), m_size(size) {}
  std::size_t read(char* buf, std::size_t max) override;
  std::optional<std::uint64_t> size() const override { return m_size; }
  bool rewind() override {
    m_offset = 0;
    return true;
  }

private:
  int m_fd;
  std::uint64_t m_size;
  std::uint64_t m_offset = 0;
};

/// Reads a non-seekable fd (stdin) to its end; does not own the fd.
class StreamBodySource : public BodySource {
public:
  explicit StreamBodySource(int fd) : m_fd(fd) {}
  std::size_t read(char* buf, std::size_t max) override;
  std::optional<std::uint64_t> size() const override { return std::nullopt; }
  bool rewind() override { return !m_started; }

private:
  int m_fd;
  bool m_started = false;
};

/// A small document held in memory (XML request bodies).
class StringBodySource : public BodySource {
public:
  explicit StringBodySource(std::string data) : m_data(std::move(data)) {}
  std::size_t read(char* buf, std::size_t max) override;
  std::optional<std::uint64_t> size() const override { return m_data.size(); }
  bool rewind() override {
    m_offset = 0;
    return true;
  }

private:
  std::string m_data;
  std::size_t m_offset = 0;
};

} // namespace client
