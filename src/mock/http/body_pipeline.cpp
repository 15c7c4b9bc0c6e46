#include "mock/http/body_pipeline.hpp"

#include <algorithm>

namespace mock {

BodyPipeline::BodyPipeline(std::vector<BodySink::Lane> lanes, std::size_t buffers,
                           std::size_t buffer_size)
    : m_lanes(std::move(lanes)), m_buffer_size(buffer_size),
      m_memory(std::make_unique_for_overwrite<char[]>(buffers * buffer_size)),
      m_next(m_lanes.size(), 0) {
  for (std::size_t i = buffers; i > 0; --i)
    m_free.push_back(i - 1);
  m_threads.reserve(m_lanes.size());
  try {
    for (std::size_t lane = 0; lane < m_lanes.size(); ++lane)
      m_threads.emplace_back([this, lane] { run(lane); });
  } catch (...) { // no thread: stop those already started
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_changed.notify_all();
    for (auto& thread : m_threads)
      thread.join();
    throw;
  }
}

BodyPipeline::~BodyPipeline() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_changed.notify_all();
  for (auto& thread : m_threads)
    if (thread.joinable()) thread.join();
}

std::span<char> BodyPipeline::acquire() {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] { return !m_free.empty() || m_failure; });
  if (m_failure) std::rethrow_exception(m_failure);
  m_current = m_free.back();
  m_free.pop_back();
  return {m_memory.get() + m_current * m_buffer_size, m_buffer_size};
}

void BodyPipeline::submit(std::size_t size) {
  {
    std::lock_guard lock(m_mutex);
    m_chunks.push_back({m_current, size});
  }
  m_changed.notify_all();
}

bool BodyPipeline::all_consumed() const {
  const std::uint64_t end = m_first + m_chunks.size();
  return std::all_of(m_next.begin(), m_next.end(), [&](std::uint64_t next) { return next == end; });
}

void BodyPipeline::finish() {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] { return all_consumed() || m_failure; });
  if (m_failure) std::rethrow_exception(m_failure);
}

void BodyPipeline::release_consumed() {
  const std::uint64_t slowest = *std::min_element(m_next.begin(), m_next.end());
  while (m_first < slowest) {
    m_free.push_back(m_chunks.front().buffer);
    m_chunks.pop_front();
    ++m_first;
  }
}

void BodyPipeline::run(std::size_t lane) {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_changed.wait(lock,
                   [&] { return m_stop || m_failure || m_next[lane] < m_first + m_chunks.size(); });
    if (m_stop || m_failure) return; // a failed body is rejected as a whole: stop consuming
    const Chunk chunk = m_chunks[static_cast<std::size_t>(m_next[lane] - m_first)];
    lock.unlock();
    std::exception_ptr failure;
    try {
      m_lanes[lane](m_memory.get() + chunk.buffer * m_buffer_size, chunk.size);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    if (failure && !m_failure) m_failure = failure;
    ++m_next[lane];
    release_consumed();
    m_changed.notify_all();
  }
}

} // namespace mock
