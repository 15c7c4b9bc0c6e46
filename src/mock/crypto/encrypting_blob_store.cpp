#include "mock/crypto/encrypting_blob_store.hpp"

#include "mock/crypto/segment_cipher.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mock::crypto {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_envelope_version = "ossmock-envelope-1";

SegmentCipher cipher_for(const oss::SseSpec& sse) {
  // OSS: SM4, or KMS with SM4 data encryption, seals the data with SM4; the rest with AES-256.
  return sse.algorithm == "SM4" || sse.data_encryption == "SM4" ? SegmentCipher::sm4_ctr_hmac_sha256
                                                                : SegmentCipher::aes_256_gcm;
}

// The AAD of the wrapped data key: the object's identity and its SSE state, so a blob's key cannot
// be replayed for another object or read under another algorithm or CMK.
std::string key_context(const BlobContext& ctx) {
  std::string out(k_envelope_version);
  for (const std::string* part :
       {&ctx.bucket, &ctx.key, &ctx.sse.algorithm, &ctx.sse.kms_key_id, &ctx.sse.data_encryption}) {
    out.push_back('\0');
    out += *part;
  }
  // Appended only when set, so blobs sealed before bindings existed still open.
  if (!ctx.binding.empty()) {
    out.push_back('\0');
    out += ctx.binding;
  }
  return out;
}

// Envelope text: "ossmock-envelope-1:<cipher id>:<base64 wrapped key>".
std::string encode_envelope(SegmentCipher cipher, const std::string& wrapped) {
  return std::string(k_envelope_version) + ":" + std::to_string(static_cast<int>(cipher)) + ":" +
         util::base64_encode(wrapped);
}

struct Envelope {
  SegmentCipher cipher;
  std::string wrapped_key;
};

Envelope decode_envelope(const std::string& text) {
  const std::string prefix = std::string(k_envelope_version) + ":";
  if (!text.starts_with(prefix) || text.size() < prefix.size() + 3 ||
      text[prefix.size() + 1] != ':')
    throw IntegrityError("unrecognised blob envelope");
  const char id = text[prefix.size()];
  if (id != '1' && id != '2') throw IntegrityError("unknown cipher in blob envelope");
  auto wrapped = util::base64_decode(std::string_view(text).substr(prefix.size() + 2));
  if (!wrapped) throw IntegrityError("corrupt wrapped key in blob envelope");
  return {static_cast<SegmentCipher>(id - '0'), std::move(*wrapped)};
}

class EncryptingWriter : public BlobWriter {
public:
  EncryptingWriter(std::unique_ptr<BlobWriter> inner, SegmentCipher cipher, std::string data_key,
                   std::string envelope)
      : m_inner(std::move(inner)), m_codec(cipher, data_key), m_envelope(std::move(envelope)) {
    std::fill(data_key.begin(), data_key.end(), '\0');
    m_pending.reserve(k_segment_size);
  }

  void write(const void* data, std::size_t size) override {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
      // A full segment is sealed only once more data arrives: only then is it known not to be
      // the final one.
      if (m_pending.size() == k_segment_size) flush_segment(false);
      const std::size_t take = std::min(size, k_segment_size - m_pending.size());
      m_pending.append(p, take);
      p += take;
      size -= take;
      m_size += take;
    }
  }

  StoredBlob commit() override {
    flush_segment(true);
    StoredBlob blob = m_inner->commit();
    blob.size = m_size;
    blob.envelope = m_envelope;
    return blob;
  }

private:
  void flush_segment(bool final) {
    const std::string sealed = m_codec.seal(m_index++, final, m_pending);
    m_inner->write(sealed.data(), sealed.size());
    m_pending.clear();
  }

  std::unique_ptr<BlobWriter> m_inner;
  SegmentCodec m_codec;
  std::string m_envelope;
  std::string m_pending;
  std::uint64_t m_index = 0;
  std::uint64_t m_size = 0;
};

class DecryptingReader : public BlobReader {
public:
  DecryptingReader(std::unique_ptr<BlobReader> inner, SegmentCipher cipher, std::string data_key,
                   std::uint64_t plaintext_size)
      : m_inner(std::move(inner)), m_codec(cipher, data_key), m_size(plaintext_size),
        m_count(segment_count(plaintext_size)) {
    std::fill(data_key.begin(), data_key.end(), '\0');
    // A blob cut short or padded is detected before any byte is served.
    if (m_inner->size() != sealed_size(cipher, plaintext_size))
      throw IntegrityError("stored blob size does not match its recorded length");
  }

  std::uint64_t size() const override { return m_size; }

  std::size_t read(std::uint64_t offset, void* out, std::size_t size) override {
    std::size_t done = 0;
    char* dst = static_cast<char*>(out);
    while (done < size && offset < m_size) {
      const std::uint64_t index = offset / k_segment_size;
      const std::string& plain = segment(index);
      const auto within = static_cast<std::size_t>(offset - index * k_segment_size);
      const std::size_t take = std::min(size - done, plain.size() - within);
      std::copy_n(plain.data() + within, take, dst + done);
      done += take;
      offset += take;
    }
    return done;
  }

private:
  // Opens one segment (cached: sequential reads open each segment once).
  const std::string& segment(std::uint64_t index) {
    if (m_cached_index == index) return m_cached;
    const std::size_t tag = tag_size(m_codec.cipher());
    const std::uint64_t plain_len =
        std::min<std::uint64_t>(k_segment_size, m_size - index * k_segment_size);
    std::string sealed(plain_len + tag, '\0');
    const std::uint64_t at = index * (k_segment_size + tag);
    std::size_t got = 0;
    while (got < sealed.size()) {
      const std::size_t n = m_inner->read(at + got, sealed.data() + got, sealed.size() - got);
      if (n == 0) throw IntegrityError("stored blob ends inside a segment");
      got += n;
    }
    m_cached = m_codec.open(index, index + 1 == m_count, sealed);
    m_cached_index = index;
    return m_cached;
  }

  std::unique_ptr<BlobReader> m_inner;
  SegmentCodec m_codec;
  std::uint64_t m_size;
  std::uint64_t m_count;
  std::string m_cached;
  std::uint64_t m_cached_index = UINT64_MAX;
};

class EncryptingBlobStore : public BlobStore {
public:
  EncryptingBlobStore(std::unique_ptr<BlobStore> inner, KeyEncryptionKeys& keys)
      : m_inner(std::move(inner)), m_keys(keys) {}

  std::unique_ptr<BlobWriter> create(const BlobContext& ctx) override {
    if (ctx.sse.empty()) return m_inner->create(ctx);
    const SegmentCipher cipher = cipher_for(ctx.sse);
    std::string data_key = util::random_bytes(k_data_key_size);
    std::string kek = m_keys.kek_for(ctx.sse);
    std::string envelope = encode_envelope(cipher, wrap_key(kek, data_key, key_context(ctx)));
    std::fill(kek.begin(), kek.end(), '\0');
    return std::make_unique<EncryptingWriter>(m_inner->create(ctx), cipher, std::move(data_key),
                                              std::move(envelope));
  }

  std::unique_ptr<BlobReader> open(const StoredBlob& blob, const BlobContext& ctx) override {
    if (blob.envelope.empty()) return m_inner->open(blob, ctx);
    const Envelope envelope = decode_envelope(blob.envelope);
    std::string kek = m_keys.kek_for(ctx.sse);
    std::string data_key = unwrap_key(kek, envelope.wrapped_key, key_context(ctx));
    std::fill(kek.begin(), kek.end(), '\0');
    return std::make_unique<DecryptingReader>(m_inner->open(blob, ctx), envelope.cipher,
                                              std::move(data_key), blob.size);
  }

  void remove(const std::string& id) noexcept override { m_inner->remove(id); }
  void sweep_temp() override { m_inner->sweep_temp(); }
  std::vector<std::string> list_ids() const override { return m_inner->list_ids(); }

private:
  std::unique_ptr<BlobStore> m_inner;
  KeyEncryptionKeys& m_keys;
};

std::string read_or_create_master_key(const fs::path& path) {
  if (!fs::exists(path)) {
    const std::string key = util::random_bytes(k_data_key_size);
    const fs::path temp = path.string() + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
      throw std::runtime_error("cannot create " + temp.string() + ": " + std::strerror(errno));
    const bool ok =
        ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0)
      throw std::runtime_error("cannot write " + path.string());
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot stat " + path.string());
  if ((st.st_mode & 077) != 0)
    throw std::runtime_error(path.string() +
                             " must not be readable by group or others (chmod 600)");
  std::ifstream in(path, std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.size() != k_data_key_size)
    throw std::runtime_error(path.string() + " is not a 32-byte master key");
  return key;
}

} // namespace

MasterKeyring::MasterKeyring(const fs::path& data_dir)
    : m_master(read_or_create_master_key(data_dir / "master.key")) {}

std::string MasterKeyring::kek_for(const oss::SseSpec& sse) {
  if (sse.algorithm == "KMS") return util::hmac_sha256(m_master, "ossmock cmk:" + sse.kms_key_id);
  return util::hmac_sha256(m_master, "ossmock sse-oss");
}

std::unique_ptr<BlobStore> make_encrypting_blob_store(std::unique_ptr<BlobStore> inner,
                                                      KeyEncryptionKeys& keys) {
  return std::make_unique<EncryptingBlobStore>(std::move(inner), keys);
}

EnvelopeSummary summarize_envelope(const StoredBlob& blob) {
  if (blob.envelope.empty()) return {"none", 0};
  const Envelope envelope = decode_envelope(blob.envelope);
  return {envelope.cipher == SegmentCipher::aes_256_gcm ? "AES-256-GCM" : "SM4-CTR+HMAC-SHA256",
          segment_count(blob.size)};
}

} // namespace mock::crypto
