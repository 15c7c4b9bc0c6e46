#pragma once
// Protocol-level request description shared by the client (which sends it) and the mock
// (which verifies it). No I/O.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oss {

struct Header {
  std::string name;
  std::string value;
};
/// Headers in send/receive order; names compare case-insensitively.
using Headers = std::vector<Header>;

/// Decoded query parameters in wire order; an empty value means "?name" or "?name=".
using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// First header with that name (case-insensitive), or nullptr.
const std::string* find_header(const Headers& headers, std::string_view name);
/// Replaces every header of that name with one new value (appends when absent).
void set_header(Headers& headers, std::string_view name, std::string value);
/// Removes every header of that name.
void remove_header(Headers& headers, std::string_view name);

/// First query parameter with that exact name, or nullptr.
const std::string* find_query(const QueryParams& query, std::string_view name);
bool has_query(const QueryParams& query, std::string_view name);

/// Splits a raw query string ("a=1&b&c=x%20y") into decoded pairs (`+` decodes to space).
QueryParams parse_query(std::string_view raw_query);
/// Encodes pairs for the wire: each key/value percent-encoded (unreserved set kept), `key`
/// alone for an empty value, joined with `&`, in the given order.
std::string encode_query(const QueryParams& query);

/// What a signer needs to know about a request: never the raw path, always bucket and key.
struct SignableRequest {
  std::string method; ///< upper-case verb
  std::string bucket; ///< empty for service-level requests (ListBuckets)
  std::string key;    ///< raw UTF-8 object key, empty for bucket-level requests
  QueryParams query;  ///< decoded
  Headers headers;    ///< exactly the headers that go on the wire
};

struct Credentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::string security_token; ///< empty = no STS token
};

} // namespace oss
