#pragma once
// HTTP Range header for GetObject: `bytes=a-b`, `bytes=a-`, `bytes=-n`. Pure.
#include <cstdint>
#include <string>
#include <string_view>

namespace mock {

struct RangeRequest {
  enum class Kind {
    none,         ///< absent or not understood: OSS then returns the whole object (200)
    satisfiable,  ///< 206 with Content-Range
    unsatisfiable ///< 416 InvalidRange
  };
  Kind kind = Kind::none;
  std::uint64_t first = 0; ///< inclusive
  std::uint64_t last = 0;  ///< inclusive, already clamped to size - 1
  std::uint64_t length() const { return last - first + 1; }
};

/// Interprets a Range header against an object of `size` bytes. Malformed values, several
/// ranges and `a-b` with b < a are ignored (whole object), as OSS does; a start at or past the
/// end, or a zero-length suffix, is unsatisfiable.
RangeRequest parse_range(std::string_view header, std::uint64_t size);

/// "bytes a-b/size".
std::string content_range(const RangeRequest& range, std::uint64_t size);

} // namespace mock
