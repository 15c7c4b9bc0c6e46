#include "oss/error.hpp"

#include "util/encoding.hpp"

#include <tinyxml2.h>

namespace oss {
namespace {

void element(std::string& out, std::string_view name, std::string_view value) {
  out += "  <";
  out += name;
  out += '>';
  out += util::xml_escape(value);
  out += "</";
  out += name;
  out += ">\n";
}

} // namespace

std::string to_error_xml(const ServiceError& error) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n";
  element(out, "Code", error.code);
  element(out, "Message", error.message);
  element(out, "RequestId", error.request_id);
  element(out, "HostId", error.host_id);
  for (const auto& [name, value] : error.extras)
    element(out, name, value);
  if (!error.ec.empty()) {
    element(out, "EC", error.ec);
    element(out, "RecommendDoc", "https://api.aliyun.com/troubleshoot?q=" + error.ec);
  }
  out += "</Error>\n";
  return out;
}

bool parse_error_xml(std::string_view body, ServiceError& out) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS) return false;
  const tinyxml2::XMLElement* root = doc.FirstChildElement("Error");
  if (root == nullptr) return false;
  for (const auto* e = root->FirstChildElement(); e != nullptr; e = e->NextSiblingElement()) {
    const std::string name = e->Name();
    const std::string text = e->GetText() ? e->GetText() : "";
    if (name == "Code")
      out.code = text;
    else if (name == "Message")
      out.message = text;
    else if (name == "RequestId")
      out.request_id = text;
    else if (name == "HostId")
      out.host_id = text;
    else if (name == "EC")
      out.ec = text;
    else if (name != "RecommendDoc")
      out.extras.emplace_back(name, text);
  }
  return !out.code.empty();
}

Error::Error(ServiceError service, std::string operation, std::string endpoint)
    : std::runtime_error(service.code.empty() ? "service error" : service.code),
      m_kind(ErrorKind::service), m_service(std::move(service)), m_operation(std::move(operation)),
      m_endpoint(std::move(endpoint)) {}

Error usage_error(const std::string& message) { return {ErrorKind::usage, message}; }
Error client_error(const std::string& message) { return {ErrorKind::client, message}; }

} // namespace oss
