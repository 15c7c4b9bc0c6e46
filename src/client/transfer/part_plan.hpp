#pragma once
// Cutting an object into multipart parts within OSS's limits (100 KiB..5 GiB per part except the
// last, at most 10,000 parts). Pure.
#include <cstdint>
#include <optional>

namespace client::transfer {

inline constexpr std::uint64_t k_min_part_size = 100ULL * 1024;
inline constexpr std::uint64_t k_max_part_size = 5ULL * 1024 * 1024 * 1024;
inline constexpr std::uint64_t k_max_parts = 10000;
/// The automatic part size starts here and doubles until the object fits in 10,000 parts.
inline constexpr std::uint64_t k_default_part_size = 8ULL * 1024 * 1024;

struct PartPlan {
  std::uint64_t part_size = 0;
  std::uint32_t part_count = 0; ///< at least 1 (an empty object is one empty part)
};

struct PartRange {
  std::uint32_t number = 0; ///< 1-based part number
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

/// Plans the parts of an object of object_size bytes. A requested part size outside
/// 100 KiB..5 GiB, or one that would need more than 10,000 parts, throws oss::Error(usage)
/// naming --part-size, the value and what is accepted.
PartPlan plan_parts(std::uint64_t object_size, std::optional<std::uint64_t> requested_part_size);

/// The byte range of part `number` (1-based) of the plan.
PartRange part_range(const PartPlan& plan, std::uint64_t object_size, std::uint32_t number);

} // namespace client::transfer
