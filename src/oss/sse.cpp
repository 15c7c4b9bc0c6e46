#include "oss/sse.hpp"

#include "oss/error.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include <tinyxml2.h>

namespace oss {
namespace {

constexpr std::string_view k_root = "ServerSideEncryptionRule";
constexpr std::string_view k_default = "ApplyServerSideEncryptionByDefault";
constexpr std::string_view k_fields[] = {"SSEAlgorithm", "KMSMasterKeyID", "KMSDataEncryption"};

void assign_field(SseSpec& spec, std::string_view name, std::string value) {
  if (name == "SSEAlgorithm")
    spec.algorithm = std::move(value);
  else if (name == "KMSMasterKeyID")
    spec.kms_key_id = std::move(value);
  else
    spec.data_encryption = std::move(value);
}

bool is_known_field(std::string_view name) {
  return std::find(std::begin(k_fields), std::end(k_fields), name) != std::end(k_fields);
}

} // namespace

bool is_valid_sse_algorithm(std::string_view value) {
  return std::find(std::begin(k_sse_algorithms), std::end(k_sse_algorithms), value) !=
         std::end(k_sse_algorithms);
}

std::optional<SseProblem> validate_rule(const SseSpec& rule) {
  if (!is_valid_sse_algorithm(rule.algorithm)) {
    return SseProblem{"SSEAlgorithm", rule.algorithm, "InvalidEncryptionAlgorithmError",
                      "0005-00000003",
                      "The Encryption request you specified is not valid. Supported value: "
                      "AES256/KMS/SM4"};
  }
  if (!rule.kms_key_id.empty() && rule.algorithm != "KMS") {
    return SseProblem{"KMSMasterKeyID", rule.kms_key_id, "InvalidArgument", "0005-00000204",
                      "KMSMasterKeyID is not applicable if the default sse algorithm is not KMS"};
  }
  if (!rule.data_encryption.empty() && rule.data_encryption != k_sse_data_sm4) {
    return SseProblem{"KMSDataEncryption", rule.data_encryption, "InvalidArgument", "0005-00000203",
                      "KMSDataEncryption only supports SM4"};
  }
  if (!rule.data_encryption.empty() && rule.algorithm != "KMS") {
    return SseProblem{
        "KMSDataEncryption", rule.data_encryption, "InvalidArgument", "0005-00000203",
        "KMSDataEncryption is not applicable if the default sse algorithm is not KMS"};
  }
  return std::nullopt;
}

SseSpec parse_rule_xml(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(xml.data(), xml.size()) != tinyxml2::XML_SUCCESS)
    throw usage_error(std::string("the encryption rule is not well-formed XML: ") + doc.ErrorStr());
  const auto* root = doc.RootElement();
  if (root == nullptr || k_root != root->Name())
    throw usage_error(
        "the encryption rule XML must have the root element <ServerSideEncryptionRule>");
  const auto* by_default = root->FirstChildElement(std::string(k_default).c_str());
  if (by_default == nullptr)
    throw usage_error(
        "the encryption rule XML has no <ApplyServerSideEncryptionByDefault> element");
  SseSpec spec;
  for (const auto* e = by_default->FirstChildElement(); e != nullptr; e = e->NextSiblingElement()) {
    if (!is_known_field(e->Name()))
      throw usage_error(std::string("unknown element <") + e->Name() +
                        "> in <ApplyServerSideEncryptionByDefault>; accepted: SSEAlgorithm, "
                        "KMSMasterKeyID, KMSDataEncryption");
    assign_field(spec, e->Name(), std::string(util::trim(e->GetText() ? e->GetText() : "")));
  }
  return spec;
}

SseSpec parse_rule_json(std::string_view json) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    throw usage_error(std::string("the encryption rule is not valid JSON: ") + e.what());
  }
  if (!doc.is_object()) throw usage_error("the encryption rule JSON must be an object");
  // ossutil 2 takes the JSON form without the ServerSideEncryptionRule root; accept it too.
  if (doc.size() == 1 && doc.contains(std::string(k_root))) doc = doc[std::string(k_root)];
  if (!doc.is_object() || !doc.contains(std::string(k_default)))
    throw usage_error(
        "the encryption rule JSON needs the key \"ApplyServerSideEncryptionByDefault\", "
        "e.g. {\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}");
  for (const auto& [name, value] : doc.items())
    if (name != k_default)
      throw usage_error("unknown key \"" + name + "\" in the encryption rule JSON");
  const auto& by_default = doc[std::string(k_default)];
  if (!by_default.is_object())
    throw usage_error("\"ApplyServerSideEncryptionByDefault\" must be a JSON object");
  SseSpec spec;
  for (const auto& [name, value] : by_default.items()) {
    if (!is_known_field(name))
      throw usage_error("unknown key \"" + name +
                        "\" in ApplyServerSideEncryptionByDefault; accepted: SSEAlgorithm, "
                        "KMSMasterKeyID, KMSDataEncryption");
    if (!value.is_string()) throw usage_error("\"" + name + "\" must be a JSON string");
    assign_field(spec, name, std::string(util::trim(value.get<std::string>())));
  }
  return spec;
}

SseSpec parse_rule(std::string_view text) {
  const std::string_view body = util::trim(text);
  if (body.starts_with('<')) return parse_rule_xml(body);
  if (body.starts_with('{')) return parse_rule_json(body);
  throw usage_error(
      "the encryption rule must be XML (starting with '<') or JSON (starting with '{')");
}

std::string to_rule_xml(const SseSpec& rule) {
  std::string out = "<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault>";
  out += "<SSEAlgorithm>" + util::xml_escape(rule.algorithm) + "</SSEAlgorithm>";
  if (!rule.kms_key_id.empty())
    out += "<KMSMasterKeyID>" + util::xml_escape(rule.kms_key_id) + "</KMSMasterKeyID>";
  if (!rule.data_encryption.empty())
    out += "<KMSDataEncryption>" + util::xml_escape(rule.data_encryption) + "</KMSDataEncryption>";
  out += "</ApplyServerSideEncryptionByDefault></ServerSideEncryptionRule>";
  return out;
}

} // namespace oss
