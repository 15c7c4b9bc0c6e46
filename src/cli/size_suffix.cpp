#include "cli/size_suffix.hpp"

#include "oss/error.hpp"

#include <cctype>
#include <limits>

namespace cli {

std::uint64_t parse_size_suffix(const std::string& flag, std::string_view text) {
  const auto fail = [&] {
    return oss::usage_error("invalid value \"" + std::string(text) + "\" for " + flag +
                            "; expected a size in bytes with an optional K, M, G, T, P or E "
                            "suffix (binary units), e.g. 100K or 8Mi");
  };
  std::size_t i = 0;
  std::uint64_t value = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
    const auto digit = static_cast<std::uint64_t>(text[i] - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) throw fail();
    value = value * 10 + digit;
    ++i;
  }
  if (i == 0) throw fail();
  std::string_view rest = text.substr(i);
  int shift = 0;
  if (!rest.empty()) {
    const std::string_view units = "KMGTPE";
    const auto unit =
        units.find(static_cast<char>(std::toupper(static_cast<unsigned char>(rest[0]))));
    if (unit != std::string_view::npos) {
      shift = 10 * static_cast<int>(unit + 1);
      rest.remove_prefix(1);
      if (!rest.empty() && rest[0] == 'i') rest.remove_prefix(1);
    }
    if (!rest.empty() && (rest[0] == 'B' || rest[0] == 'b')) rest.remove_prefix(1);
    if (!rest.empty()) throw fail();
  }
  if (shift > 0 && value > (std::numeric_limits<std::uint64_t>::max() >> shift)) throw fail();
  return value << shift;
}

} // namespace cli
