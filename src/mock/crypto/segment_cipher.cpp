#include "mock/crypto/segment_cipher.hpp"

#include "util/crypto.hpp"

#include <algorithm>
#include <memory>

#include <openssl/evp.h>

namespace mock::crypto {
namespace {

constexpr std::size_t k_gcm_tag = 16;
constexpr std::size_t k_hmac_tag = 32;
constexpr std::size_t k_wrap_nonce = 12;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return ctx;
}

void put_be(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::string segment_nonce(std::uint64_t index, bool final, std::size_t size) {
  std::string iv;
  put_be(iv, index, 8);
  put_be(iv, final ? 1 : 0, 4);
  iv.resize(size, '\0');
  return iv;
}

std::string segment_aad(std::uint64_t index, bool final) {
  std::string aad = "ossmock-seg";
  put_be(aad, index, 8);
  aad.push_back(final ? '\1' : '\0');
  return aad;
}

// AES-256-GCM seal: ciphertext || tag.
std::string gcm_seal(std::string_view key, std::string_view nonce, std::string_view aad,
                     std::string_view plaintext) {
  auto ctx = new_ctx();
  std::string out(plaintext.size() + k_gcm_tag, '\0');
  int len = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                          nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), bytes(out), &len, bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes(out) + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, k_gcm_tag,
                          bytes(out) + plaintext.size()) != 1)
    throw std::runtime_error("AES-256-GCM encryption failed");
  return out;
}

std::string gcm_open(std::string_view key, std::string_view nonce, std::string_view aad,
                     std::string_view sealed) {
  if (sealed.size() < k_gcm_tag) throw IntegrityError("sealed data shorter than its tag");
  const std::size_t n = sealed.size() - k_gcm_tag;
  auto ctx = new_ctx();
  std::string out(n, '\0');
  std::string tag(sealed.substr(n));
  int len = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                          nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), bytes(out), &len, bytes(sealed), static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, k_gcm_tag, bytes(tag)) != 1)
    throw std::runtime_error("AES-256-GCM decryption setup failed");
  if (EVP_DecryptFinal_ex(ctx.get(), bytes(out) + len, &len) != 1)
    throw IntegrityError("segment authentication failed");
  return out;
}

// SM4-CTR is its own inverse.
std::string sm4_ctr(std::string_view key, std::string_view iv, std::string_view input) {
  auto ctx = new_ctx();
  std::string out(input.size(), '\0');
  int len = 0;
  int tail = 0;
  const EVP_CIPHER* cipher = EVP_sm4_ctr();
  if (cipher == nullptr) throw std::runtime_error("this OpenSSL has no SM4-CTR");
  if (EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, bytes(key), bytes(iv)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), bytes(out), &len, bytes(input),
                        static_cast<int>(input.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes(out) + len, &tail) != 1)
    throw std::runtime_error("SM4-CTR failed");
  return out;
}

} // namespace

std::size_t tag_size(SegmentCipher cipher) {
  return cipher == SegmentCipher::aes_256_gcm ? k_gcm_tag : k_hmac_tag;
}

std::uint64_t segment_count(std::uint64_t plaintext_size) {
  return plaintext_size == 0 ? 1 : (plaintext_size + k_segment_size - 1) / k_segment_size;
}

std::uint64_t sealed_size(SegmentCipher cipher, std::uint64_t plaintext_size) {
  return plaintext_size + segment_count(plaintext_size) * tag_size(cipher);
}

SegmentCodec::SegmentCodec(SegmentCipher cipher, std::string_view data_key) : m_cipher(cipher) {
  if (data_key.size() != k_data_key_size) throw std::invalid_argument("data key must be 32 bytes");
  if (cipher == SegmentCipher::aes_256_gcm) {
    m_key = std::string(data_key);
  } else {
    // Separate keys for encryption and authentication, derived from the one data key.
    m_key = util::hmac_sha256(data_key, "ossmock sm4-ctr key").substr(0, 16);
    m_mac_key = util::hmac_sha256(data_key, "ossmock sm4 hmac key");
  }
}

SegmentCodec::~SegmentCodec() {
  // Scrub key copies before the memory is released.
  std::fill(m_key.begin(), m_key.end(), '\0');
  std::fill(m_mac_key.begin(), m_mac_key.end(), '\0');
}

std::string SegmentCodec::seal(std::uint64_t index, bool final, std::string_view plaintext) const {
  const std::string aad = segment_aad(index, final);
  if (m_cipher == SegmentCipher::aes_256_gcm)
    return gcm_seal(m_key, segment_nonce(index, final, 12), aad, plaintext);
  std::string out = sm4_ctr(m_key, segment_nonce(index, final, 16), plaintext);
  out += util::hmac_sha256(m_mac_key, aad + out);
  return out;
}

std::string SegmentCodec::open(std::uint64_t index, bool final, std::string_view sealed) const {
  const std::string aad = segment_aad(index, final);
  if (m_cipher == SegmentCipher::aes_256_gcm)
    return gcm_open(m_key, segment_nonce(index, final, 12), aad, sealed);
  if (sealed.size() < k_hmac_tag) throw IntegrityError("sealed data shorter than its tag");
  const std::string_view ciphertext = sealed.substr(0, sealed.size() - k_hmac_tag);
  const std::string expected = util::hmac_sha256(m_mac_key, aad + std::string(ciphertext));
  if (!util::constant_time_equal(expected, sealed.substr(ciphertext.size())))
    throw IntegrityError("segment authentication failed");
  return sm4_ctr(m_key, segment_nonce(index, final, 16), ciphertext);
}

std::string wrap_key(std::string_view kek, std::string_view data_key, std::string_view context) {
  if (kek.size() != k_data_key_size)
    throw std::invalid_argument("key-encryption key must be 32 bytes");
  const std::string nonce = util::random_bytes(k_wrap_nonce);
  return nonce + gcm_seal(kek, nonce, context, data_key);
}

std::string unwrap_key(std::string_view kek, std::string_view wrapped, std::string_view context) {
  if (kek.size() != k_data_key_size)
    throw std::invalid_argument("key-encryption key must be 32 bytes");
  if (wrapped.size() < k_wrap_nonce + k_gcm_tag) throw IntegrityError("wrapped key is too short");
  return gcm_open(kek, wrapped.substr(0, k_wrap_nonce), context, wrapped.substr(k_wrap_nonce));
}

} // namespace mock::crypto
