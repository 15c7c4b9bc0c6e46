#pragma once
// SizeSuffix flag values (cli.md §1): bytes by default; K M G T P E suffixes are binary
// (K = 1024), optionally followed by "i" and/or "B" ("100K", "100Ki", "100KiB", "8MB", "512B").
// Pure.
#include <cstdint>
#include <string>
#include <string_view>

namespace cli {

/// Throws oss::Error(usage) naming `flag` and the value when it is not a size.
std::uint64_t parse_size_suffix(const std::string& flag, std::string_view text);

} // namespace cli
