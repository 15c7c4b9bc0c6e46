#pragma once
// Pipelining for request bodies: the connection thread receives the next chunk while worker
// threads ("lanes") hash, checksum and store the previous ones.
#include "mock/request.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace mock {

/// Feeds chunks to each lane, in order, each lane on its own thread; a chunk's buffer is reused
/// once every lane is done with it. Memory is bounded: `buffers` buffers of `buffer_size` bytes,
/// allocated once. Driven by one producer thread.
class BodyPipeline {
public:
  BodyPipeline(std::vector<BodySink::Lane> lanes, std::size_t buffers, std::size_t buffer_size);
  /// Stops the lanes (after the chunk each is consuming); chunks not yet consumed are dropped.
  ~BodyPipeline();
  BodyPipeline(const BodyPipeline&) = delete;
  BodyPipeline& operator=(const BodyPipeline&) = delete;

  /// A free buffer to fill; blocks while all are in use. Rethrows a lane's exception.
  std::span<char> acquire();
  /// Queues the first `size` bytes of the buffer returned by the last acquire().
  void submit(std::size_t size);
  /// Waits until every lane has consumed every chunk; rethrows a lane's exception.
  void finish();

private:
  struct Chunk {
    std::size_t buffer;
    std::size_t size;
  };
  void run(std::size_t lane);
  void release_consumed(); // with m_mutex held
  bool all_consumed() const;

  std::vector<BodySink::Lane> m_lanes;
  std::size_t m_buffer_size;
  std::unique_ptr<char[]> m_memory;
  std::vector<std::size_t> m_free;
  std::size_t m_current = 0;
  std::deque<Chunk> m_chunks;        // submitted, not yet consumed by every lane
  std::uint64_t m_first = 0;         // sequence number of m_chunks.front()
  std::vector<std::uint64_t> m_next; // per lane: sequence number of its next chunk
  bool m_stop = false;
  std::exception_ptr m_failure;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::thread> m_threads;
};

} // namespace mock
