#include "mock/xml_writer.hpp"

namespace mock {

std::string xml_escape(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    default:
      if (c == '\r') {
        out += "&#xD;"; // a raw CR would be read back as LF (XML end-of-line handling)
      } else if (u < 0x20 && c != '\t' && c != '\n') {
        // XML 1.0 cannot carry these even as character references; callers that list names
        // refuse them first (list_value), this keeps any other text well-formed.
        out += '%';
        out += k_hex[u >> 4];
        out += k_hex[u & 0x0F];
      } else {
        out.push_back(c);
      }
    }
  }
  return out;
}

XmlWriter::XmlWriter() : m_out("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {}

XmlWriter& XmlWriter::open(std::string_view name) {
  m_out += '<';
  m_out += name;
  m_out += '>';
  m_open.emplace_back(name);
  return *this;
}

XmlWriter& XmlWriter::close() {
  if (m_open.empty()) return *this;
  m_out += "</";
  m_out += m_open.back();
  m_out += '>';
  m_open.pop_back();
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view value) {
  m_out += '<';
  m_out += name;
  m_out += '>';
  m_out += xml_escape(value);
  m_out += "</";
  m_out += name;
  m_out += '>';
  return *this;
}

std::string XmlWriter::finish() {
  while (!m_open.empty())
    close();
  return std::move(m_out);
}

} // namespace mock
