#pragma once
// Server-side encryption model: header names, algorithms, the bucket default rule
// (ServerSideEncryptionRule) with its XML/JSON codecs and OSS's validation rules
// (oss-api.md §4, §5). Pure.
#include <optional>
#include <string>
#include <string_view>

namespace oss {

inline constexpr std::string_view k_header_sse = "x-oss-server-side-encryption";
inline constexpr std::string_view k_header_sse_key_id = "x-oss-server-side-encryption-key-id";
inline constexpr std::string_view k_header_sse_data = "x-oss-server-side-data-encryption";

/// Accepted values of x-oss-server-side-encryption / SSEAlgorithm.
inline constexpr std::string_view k_sse_algorithms[] = {"AES256", "KMS", "SM4"};
/// The only accepted value of x-oss-server-side-data-encryption / KMSDataEncryption.
inline constexpr std::string_view k_sse_data_sm4 = "SM4";

bool is_valid_sse_algorithm(std::string_view value);

/// The effective SSE state of an object or the default of a bucket. Empty algorithm = none.
struct SseSpec {
  std::string algorithm;       ///< "", "AES256", "KMS", "SM4"
  std::string kms_key_id;      ///< only with KMS; empty = default CMK
  std::string data_encryption; ///< only with KMS: "" or "SM4"
  bool operator==(const SseSpec&) const = default;
  bool empty() const { return algorithm.empty(); }
};

/// A violated OSS rule, with what the server answers and what a person needs to fix it.
struct SseProblem {
  std::string field; ///< "SSEAlgorithm", "KMSMasterKeyID", "KMSDataEncryption", or a header name
  std::string value; ///< offending value
  std::string
      code; ///< OSS error code: InvalidEncryptionAlgorithmError / InvalidArgument / MalformedXML
  std::string ec;      ///< OSS EC, e.g. "0005-00000003"
  std::string message; ///< OSS-style message
};

/// OSS rules for a bucket default (PutBucketEncryption): algorithm in AES256/KMS/SM4;
/// KMSMasterKeyID only with KMS; KMSDataEncryption only SM4 and only with KMS.
std::optional<SseProblem> validate_rule(const SseSpec& rule);

/// Parses `<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault>…` (declaration
/// optional, elements in any order, empty elements = absent). Throws oss::Error(usage) naming
/// the problem when malformed. Does not validate values (see validate_rule).
SseSpec parse_rule_xml(std::string_view xml);
/// Parses `{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":…}}` (root omitted, as
/// ossutil 2 accepts). Throws oss::Error(usage) when malformed.
SseSpec parse_rule_json(std::string_view json);
/// XML when the first non-space character is '<', JSON when '{'; else throws oss::Error(usage).
SseSpec parse_rule(std::string_view text);
/// Compact XML as the Go SDK writes it: only the set elements, in the order SSEAlgorithm,
/// KMSMasterKeyID, KMSDataEncryption, no declaration.
std::string to_rule_xml(const SseSpec& rule);

} // namespace oss
