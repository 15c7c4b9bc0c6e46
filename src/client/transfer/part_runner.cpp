#include "client/transfer/part_runner.hpp"

#include "client/interrupt.hpp"
#include "oss/error.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace client::transfer {
namespace {

bool worth_retrying(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const oss::Error& e) {
    return e.kind() == oss::ErrorKind::client;
  } catch (...) {
    return false;
  }
}

} // namespace

void run_parts(OssClient& own, ClientPool& pool, int parallel,
               const std::vector<std::uint32_t>& numbers, const PartTask& task, int part_attempts) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;

  const auto worker = [&](bool caller) {
    try {
      std::optional<ClientPool::Lease> lease;
      if (!caller) lease.emplace(pool.acquire());
      OssClient& client = caller ? own : **lease;
      for (;;) {
        if (stop.load() || interrupt_requested()) return;
        const std::size_t i = next.fetch_add(1);
        if (i >= numbers.size()) return;
        for (int attempt = 1;; ++attempt) {
          try {
            task(client, numbers[i]);
            break;
          } catch (...) {
            const std::exception_ptr e = std::current_exception();
            if (attempt >= part_attempts || stop.load() || interrupt_requested() ||
                !worth_retrying(e))
              throw;
            std::this_thread::sleep_for(retry_backoff(attempt));
          }
        }
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
  };

  const std::size_t threads =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(parallel, 1)), numbers.size());
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t)
    helpers.emplace_back(worker, false);
  worker(true);
  for (auto& h : helpers)
    h.join();
  if (failure) std::rethrow_exception(failure);
  throw_if_interrupted();
}

} // namespace client::transfer
