#pragma once
// Where each item of a transfer goes (cli.md §4.1) and the guard that keeps downloads inside
// their target directory. Pure.
#include <optional>
#include <string>
#include <string_view>

namespace client::transfer {

/// Object key for a single item: empty prefix -> `name`; prefix ending in '/' -> prefix + name;
/// otherwise exactly the prefix.
std::string single_destination_key(std::string_view dest_prefix, std::string_view name);
/// Object key for an item of a batch: prefix (+ '/' unless empty or already ending in '/')
/// + relative path.
std::string batch_destination_key(std::string_view dest_prefix, std::string_view relative);

/// Maps an object key (relative to the listed prefix) to a relative local path, or nullopt when
/// the key cannot be written safely below the target directory: empty, absolute ('/' or '\'
/// first), any '..' or '.' segment, a backslash, a NUL, or an empty segment ('a//b') that a
/// filesystem would fold. A key ending in '/' (a directory marker) maps to nullopt as well.
std::optional<std::string> safe_relative_path(std::string_view key);

} // namespace client::transfer
