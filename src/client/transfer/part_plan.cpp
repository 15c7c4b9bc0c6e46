#include "client/transfer/part_plan.hpp"

#include "oss/error.hpp"

namespace client::transfer {

PartPlan plan_parts(std::uint64_t object_size, std::optional<std::uint64_t> requested_part_size) {
  std::uint64_t part_size = k_default_part_size;
  if (requested_part_size) {
    part_size = *requested_part_size;
    if (part_size < k_min_part_size || part_size > k_max_part_size)
      throw oss::usage_error("invalid --part-size " + std::to_string(part_size) +
                             ": accepted 102400 (100Ki) to 5368709120 (5Gi) bytes");
    if ((object_size + part_size - 1) / part_size > k_max_parts)
      throw oss::usage_error(
          "--part-size " + std::to_string(part_size) + " would cut " + std::to_string(object_size) +
          " bytes into more than 10000 parts; use at least " +
          std::to_string((object_size + k_max_parts - 1) / k_max_parts) + " bytes");
  } else {
    while ((object_size + part_size - 1) / part_size > k_max_parts && part_size < k_max_part_size)
      part_size *= 2;
    if (part_size > k_max_part_size) part_size = k_max_part_size;
  }
  PartPlan plan;
  plan.part_size = part_size;
  plan.part_count =
      object_size == 0 ? 1 : static_cast<std::uint32_t>((object_size + part_size - 1) / part_size);
  return plan;
}

PartRange part_range(const PartPlan& plan, std::uint64_t object_size, std::uint32_t number) {
  const std::uint64_t offset = static_cast<std::uint64_t>(number - 1) * plan.part_size;
  const std::uint64_t size =
      offset >= object_size ? 0 : std::min(plan.part_size, object_size - offset);
  return {number, offset, size};
}

} // namespace client::transfer
