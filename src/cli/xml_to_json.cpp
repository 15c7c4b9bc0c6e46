#include "cli/xml_to_json.hpp"

#include "oss/error.hpp"

#include <nlohmann/json.hpp>

#include <tinyxml2.h>

namespace cli {
namespace {

nlohmann::json convert(const tinyxml2::XMLElement* element) {
  if (element->FirstChildElement() == nullptr)
    return element->GetText() != nullptr ? element->GetText() : "";
  nlohmann::json object = nlohmann::json::object();
  for (const auto* child = element->FirstChildElement(); child != nullptr;
       child = child->NextSiblingElement()) {
    nlohmann::json value = convert(child);
    auto it = object.find(child->Name());
    if (it == object.end()) {
      object[child->Name()] = std::move(value);
    } else {
      // A second occurrence turns the scalar/object into an array. convert() never returns
      // an array, so an existing array always comes from repetition.
      if (!it->is_array()) *it = nlohmann::json::array({std::move(*it)});
      it->push_back(std::move(value));
    }
  }
  return object;
}

} // namespace

std::string xml_to_json(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(xml.data(), xml.size()) != tinyxml2::XML_SUCCESS)
    throw oss::client_error(std::string("cannot convert the response to JSON: ") + doc.ErrorStr());
  const tinyxml2::XMLElement* root = doc.RootElement();
  if (root == nullptr)
    throw oss::client_error("cannot convert the response to JSON: no root element");
  return convert(root).dump(2) + "\n";
}

} // namespace cli
