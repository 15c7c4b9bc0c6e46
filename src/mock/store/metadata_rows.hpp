#pragma once
// Internal to the metadata store: how name/value lists are stored in a TEXT column.
#include "mock/store/metadata_store.hpp"

#include <string>

namespace mock {

/// Query-encoded ("a=1&b=x%20y"): byte-exact for any value.
std::string encode_pairs(const NameValues& pairs);
NameValues decode_pairs(const std::string& text);

} // namespace mock
