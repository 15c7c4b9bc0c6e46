#pragma once
// Runs the parts of one object on up to `parallel` threads (the calling thread is one of them),
// each with its own client from the pool. The first failure stops the others from starting new
// parts and is rethrown once every thread has finished; an interrupt stops them too.
#include "client/transfer/client_pool.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace client::transfer {

using PartTask = std::function<void(OssClient& client, std::uint32_t part_number)>;

/// Runs task for each number. A part failing with a client-side error (network after the
/// request-level retries, an interrupted body, a CRC mismatch) is tried again up to
/// `part_attempts` times in all; service errors and interrupts are not retried here.
/// The calling thread uses `own`; the other threads lease clients from the pool.
void run_parts(OssClient& own, ClientPool& pool, int parallel,
               const std::vector<std::uint32_t>& numbers, const PartTask& task,
               int part_attempts = 3);

} // namespace client::transfer
