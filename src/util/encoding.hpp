#pragma once
// Byte encodings with no OSS knowledge: hex, base64, percent-encoding.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace util {

/// Lower-case hex of the bytes ("0a1b…").
std::string to_hex_lower(std::span<const std::uint8_t> bytes);
std::string to_hex_lower(std::string_view bytes);
/// Upper-case hex of the bytes ("0A1B…").
std::string to_hex_upper(std::span<const std::uint8_t> bytes);
std::string to_hex_upper(std::string_view bytes);
/// The bytes of hex text (either case); nullopt on an odd length or a non-hex character.
/// Empty text decodes to an empty string.
std::optional<std::string> from_hex(std::string_view hex);

/// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);
/// Decodes standard base64 (padding required when the length is not a multiple of 4);
/// nullopt on any invalid character or length.
std::optional<std::string> base64_decode(std::string_view text);

/// Percent-encodes every byte except the RFC 3986 unreserved set `A-Z a-z 0-9 - . _ ~`
/// (and `/` when keep_slash), with upper-case hex.
std::string percent_encode(std::string_view text, bool keep_slash = false);
/// Decodes `%XX` escapes (and `+` as space when plus_as_space). Malformed escapes are kept
/// literally, as browsers and OSS do.
std::string percent_decode(std::string_view text, bool plus_as_space = false);

/// Escapes & < > " (and CR, which XML would read back as LF) for XML text and attribute values.
std::string xml_escape(std::string_view text);

} // namespace util
