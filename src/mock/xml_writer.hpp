#pragma once
// A minimal XML document builder for OSS response bodies: declaration, nested elements, text
// escaped. Pure.
#include <string>
#include <string_view>
#include <vector>

namespace mock {

class XmlWriter {
public:
  /// Starts with `<?xml version="1.0" encoding="UTF-8"?>` and a newline.
  XmlWriter();
  XmlWriter& open(std::string_view name);
  XmlWriter& close();
  /// `<name>escaped value</name>`.
  XmlWriter& element(std::string_view name, std::string_view value);
  /// Closes what is still open and returns the document.
  std::string finish();

private:
  std::string m_out;
  std::vector<std::string> m_open;
};

/// Escapes &, < and > (quotes stay literal in element text, as OSS writes ETags); control
/// characters other than tab/CR/LF as &#xN; (XML 1.0 cannot carry them otherwise).
std::string xml_escape(std::string_view text);

} // namespace mock
