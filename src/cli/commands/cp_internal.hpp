#pragma once
// Pieces of cp shared by its direction files (cp.cpp, cp_download.cpp).
#include "cli/commands/commands.hpp"
#include "cli/oss_path.hpp"
#include "oss/http_types.hpp"

#include <string>

namespace cli::cp_detail {

/// Object headers for an upload or copy: --metadata items, then the header flags (which win),
/// validated. Throws oss::Error(usage) before anything is sent.
oss::Headers object_headers(const CpOptions& options);

/// Destination key for a single item (cli.md §4.1): empty -> source name, ending '/' ->
/// prefix + source name, else exactly the destination.
std::string destination_key(const std::string& dest_key, const std::string& source_name);

int download(const CpOptions& options, const OssPath& source, Context& ctx);

} // namespace cli::cp_detail
