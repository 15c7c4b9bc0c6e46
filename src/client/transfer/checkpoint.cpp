#include "client/transfer/checkpoint.hpp"

#include "oss/error.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace client::transfer {
namespace {
constexpr int k_version = 1;
const char* kind_name(Checkpoint::Kind kind) {
  return kind == Checkpoint::Kind::upload ? "upload" : "download";
}
} // namespace

std::string encode_checkpoint(const Checkpoint& c) {
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& p : c.parts)
    parts.push_back({{"number", p.number}, {"size", p.size}, {"etag", p.etag}, {"crc64", p.crc64}});
  const nlohmann::json doc = {{"version", k_version},         {"kind", kind_name(c.kind)},
                              {"source", c.source},           {"destination", c.destination},
                              {"source_size", c.source_size}, {"source_mtime", c.source_mtime},
                              {"source_etag", c.source_etag}, {"upload_id", c.upload_id},
                              {"part_size", c.part_size},     {"parts", parts}};
  return doc.dump(2) + "\n";
}

std::optional<Checkpoint> decode_checkpoint(const std::string& text) {
  try {
    const auto doc = nlohmann::json::parse(text);
    if (doc.at("version").get<int>() != k_version) return std::nullopt;
    Checkpoint c;
    const std::string kind = doc.at("kind").get<std::string>();
    if (kind != "upload" && kind != "download") return std::nullopt;
    c.kind = kind == "upload" ? Checkpoint::Kind::upload : Checkpoint::Kind::download;
    c.source = doc.at("source").get<std::string>();
    c.destination = doc.at("destination").get<std::string>();
    c.source_size = doc.at("source_size").get<std::uint64_t>();
    c.source_mtime = doc.at("source_mtime").get<std::int64_t>();
    c.source_etag = doc.at("source_etag").get<std::string>();
    c.upload_id = doc.at("upload_id").get<std::string>();
    c.part_size = doc.at("part_size").get<std::uint64_t>();
    for (const auto& p : doc.at("parts"))
      c.parts.push_back({p.at("number").get<std::uint32_t>(), p.at("size").get<std::uint64_t>(),
                         p.at("etag").get<std::string>(), p.at("crc64").get<std::uint64_t>()});
    return c;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::filesystem::path checkpoint_path(const std::filesystem::path& dir, Checkpoint::Kind kind,
                                      const std::string& source, const std::string& destination) {
  const std::string id = util::to_hex_lower(
      util::sha256(std::string(kind_name(kind)) + '\n' + source + '\n' + destination));
  return dir / (id + (kind == Checkpoint::Kind::upload ? ".ucp" : ".dcp"));
}

std::optional<Checkpoint> load_checkpoint(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return decode_checkpoint(text.str());
}

void save_checkpoint(const std::filesystem::path& path, const Checkpoint& checkpoint) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const std::filesystem::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << encode_checkpoint(checkpoint);
    if (!out) throw oss::client_error("write checkpoint " + temp.string());
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) throw oss::client_error("write checkpoint " + path.string() + ": " + ec.message());
}

void remove_checkpoint(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  // A kill between writing the temp file and renaming it leaves the temp file behind.
  std::filesystem::remove(path.string() + ".tmp", ec);
}

} // namespace client::transfer
