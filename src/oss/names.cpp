#include "oss/names.hpp"

namespace oss {
namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

} // namespace

std::optional<std::string> bucket_name_problem(std::string_view name) {
  if (name.size() < 3 || name.size() > 63)
    return "bucket name must be 3-63 characters long, got " + std::to_string(name.size());
  for (char c : name) {
    if (!is_lower_alnum(c) && c != '-')
      return "bucket name may contain only lower-case letters, digits and '-'";
  }
  if (!is_lower_alnum(name.front()) || !is_lower_alnum(name.back()))
    return "bucket name must start and end with a lower-case letter or digit";
  return std::nullopt;
}

bool is_valid_bucket_name(std::string_view name) { return !bucket_name_problem(name); }

std::optional<std::string> object_key_problem(std::string_view key) {
  if (key.empty()) return "The object name must not be empty.";
  if (key.size() > k_max_object_key_bytes) return "The Length of Object name must be less than 1024.";
  if (key.front() == '/' || key.front() == '\\')
    return "The object name must not start with '/' or '\\'.";
  return std::nullopt;
}

bool is_valid_object_key(std::string_view key) { return !object_key_problem(key); }

} // namespace oss
