#pragma once
// `stat` output: the field sets of object and bucket stat and their raw / JSON rendering
// (cli.md Decision 4, §5). Pure.
#include "client/results.hpp"
#include "oss/http_types.hpp"

#include <string>
#include <utility>
#include <vector>

namespace cli {

using StatFields = std::vector<std::pair<std::string, std::string>>;

/// An ETag without its surrounding double quotes (unchanged when it has none).
std::string strip_quotes(const std::string& value);
/// `text` (RFC 1123 when rfc1123, else ISO 8601) in local Go-style time; unchanged when it does
/// not parse. Shared by stat and ls.
std::string local_time_from(const std::string& text, bool rfc1123);

/// HeadObject headers in canonical MIME casing minus transport headers (Date, Server,
/// Connection, Keep-Alive, Transfer-Encoding, Accept-Ranges, X-Oss-Request-Id,
/// X-Oss-Server-Time), ETag unquoted, Last-Modified in local Go-style time, plus ACL.
StatFields object_stat_fields(const oss::Headers& head, const std::string& acl);
/// GetBucketInfo fields; DataRedundancyType and the SSE rule fields only when set.
StatFields bucket_stat_fields(const client::BucketInfo& info);

/// One "Key<pad>: value\n" line per field, sorted by key in byte order, keys left-justified in
/// a field of width longest-key + 2.
std::string render_stat_raw(StatFields fields);
/// A JSON object of string values, keys sorted, 2-space indent, trailing newline.
std::string render_stat_json(const StatFields& fields);

} // namespace cli
