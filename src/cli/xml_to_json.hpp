#pragma once
// Generic XML -> JSON conversion for API-level output (cli.md §6.3). Pure.
#include <string>
#include <string_view>

namespace cli {

/// Drops the root element; an element with child elements becomes an object, a leaf a JSON
/// string (its text, "" when empty); repeated sibling names become an array; keys sorted; 2-space
/// indent; trailing newline. Attributes are ignored. Throws oss::Error(client) on malformed XML.
std::string xml_to_json(std::string_view xml);

} // namespace cli
