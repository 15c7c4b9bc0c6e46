#pragma once
// Content-Type guessing from a file or object name's extension (cli.md §4.5). Pure.
#include <string>
#include <string_view>

namespace client {

/// MIME type for the extension of `name` (case-insensitive), else "application/octet-stream".
std::string guess_content_type(std::string_view name);

} // namespace client
