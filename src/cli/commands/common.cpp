#include "cli/commands/commands.hpp"
#include "oss/error.hpp"

namespace cli {

void check_choice(const std::string& flag, const std::string& value,
                  std::initializer_list<std::string_view> accepted) {
  if (value.empty()) return;
  std::string list;
  for (const auto a : accepted) {
    if (value == a) return;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw oss::usage_error("invalid value \"" + value + "\" for " + flag + "; accepted: " + list);
}

} // namespace cli
