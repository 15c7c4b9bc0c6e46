#include "client/content_type.hpp"

#include "util/strings.hpp"

#include <array>
#include <utility>

namespace client {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 48> k_types = {{
    {"txt", "text/plain"},
    {"log", "text/plain"},
    {"htm", "text/html"},
    {"html", "text/html"},
    {"css", "text/css"},
    {"csv", "text/csv"},
    {"md", "text/markdown"},
    {"xml", "text/xml"},
    {"js", "application/javascript"},
    {"mjs", "application/javascript"},
    {"json", "application/json"},
    {"pdf", "application/pdf"},
    {"zip", "application/zip"},
    {"gz", "application/gzip"},
    {"tgz", "application/gzip"},
    {"tar", "application/x-tar"},
    {"bz2", "application/x-bzip2"},
    {"xz", "application/x-xz"},
    {"7z", "application/x-7z-compressed"},
    {"rar", "application/vnd.rar"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"ppt", "application/vnd.ms-powerpoint"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"apk", "application/vnd.android.package-archive"},
    {"wasm", "application/wasm"},
    {"bin", "application/octet-stream"},
    {"exe", "application/octet-stream"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"bmp", "image/bmp"},
    {"svg", "image/svg+xml"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"tif", "image/tiff"},
    {"tiff", "image/tiff"},
    {"mp3", "audio/mpeg"},
    {"wav", "audio/wav"},
    {"ogg", "audio/ogg"},
    {"mp4", "video/mp4"},
    {"webm", "video/webm"},
    {"avi", "video/x-msvideo"},
    {"mov", "video/quicktime"},
    {"woff2", "font/woff2"},
}};

} // namespace

std::string guess_content_type(std::string_view name) {
  const auto slash = name.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const auto dot = base.find_last_of('.');
  if (dot != std::string_view::npos && dot + 1 < base.size()) {
    const std::string ext = util::to_lower(base.substr(dot + 1));
    for (const auto& [e, type] : k_types)
      if (e == ext) return std::string(type);
  }
  return "application/octet-stream";
}

} // namespace client
