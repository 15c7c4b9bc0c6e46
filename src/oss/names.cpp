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
  if (key.size() > k_max_object_key_bytes)
    return "The Length of Object name must be less than 1024.";
  if (key.front() == '/' || key.front() == '\\')
    return "The object name must not start with '/' or '\\'.";
  return std::nullopt;
}

bool is_valid_object_key(std::string_view key) { return !object_key_problem(key); }

namespace {

/// Decodes the UTF-8 sequence at `text[at]`; returns the code point and advances `at`, or
/// returns -1 for an invalid sequence.
long decode_utf8(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) {
    ++at;
    return lead;
  }
  std::size_t length = 0;
  long code = 0;
  long min = 0;
  if ((lead & 0xE0) == 0xC0)
    length = 2, code = lead & 0x1F, min = 0x80;
  else if ((lead & 0xF0) == 0xE0)
    length = 3, code = lead & 0x0F, min = 0x800;
  else if ((lead & 0xF8) == 0xF0)
    length = 4, code = lead & 0x07, min = 0x10000;
  else
    return -1;
  if (at + length > text.size()) return -1;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return -1;
    code = (code << 6) | (byte(at + i) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return -1;
  at += length;
  return code;
}

bool is_xml_char(long c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

} // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();)
    if (decode_utf8(text, at) < 0) return false;
  return true;
}

bool is_xml_text(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const long c = decode_utf8(text, at);
    if (c < 0 || !is_xml_char(c)) return false;
  }
  return true;
}

std::optional<std::string> object_key_encoding_problem(std::string_view key) {
  if (!is_valid_utf8(key)) return "The object name must be valid UTF-8.";
  if (key.find('\0') != std::string_view::npos)
    return "The object name must not contain a NUL character.";
  return std::nullopt;
}

} // namespace oss
