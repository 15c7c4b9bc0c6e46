#pragma once
// Internal to the metadata store: how name/value lists are stored in a TEXT column, and row
// lookups shared by its source files.
#include "mock/store/metadata_store.hpp"

#include <string>

namespace mock {

/// Query-encoded ("a=1&b=x%20y"): byte-exact for any value.
std::string encode_pairs(const NameValues& pairs);
NameValues decode_pairs(const std::string& text);

/// True when a bucket row named `name` exists (caller holds the mutex).
bool bucket_exists(sql::Database& db, const std::string& name);

} // namespace mock
