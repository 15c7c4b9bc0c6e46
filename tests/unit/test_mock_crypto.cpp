#include "mock/crypto/segment_cipher.hpp"
#include "util/crypto.hpp"

#include <doctest/doctest.h>

using namespace mock::crypto;
using namespace std::string_literals;

TEST_SUITE("mock::crypto") {

  TEST_CASE("sizes") {
    CHECK(segment_count(0) == 1);
    CHECK(segment_count(1) == 1);
    CHECK(segment_count(k_segment_size) == 1);
    CHECK(segment_count(k_segment_size + 1) == 2);
    CHECK(sealed_size(SegmentCipher::aes_256_gcm, 0) == 16);
    CHECK(sealed_size(SegmentCipher::aes_256_gcm, 3 * k_segment_size + 5) ==
          3 * k_segment_size + 5 + 4 * 16);
    CHECK(sealed_size(SegmentCipher::sm4_ctr_hmac_sha256, 10) == 10 + 32);
  }

  TEST_CASE("seal/open round trip and every kind of tampering fails") {
    for (auto cipher : {SegmentCipher::aes_256_gcm, SegmentCipher::sm4_ctr_hmac_sha256}) {
      CAPTURE(static_cast<int>(cipher));
      const std::string key = util::random_bytes(k_data_key_size);
      const SegmentCodec codec(cipher, key);
      const std::string plain = "segment plaintext that is not too long";
      const std::string sealed = codec.seal(3, false, plain);
      CHECK(sealed.size() == plain.size() + tag_size(cipher));
      CHECK(sealed.substr(0, plain.size()) != plain); // really encrypted
      CHECK(codec.open(3, false, sealed) == plain);

      std::string flipped = sealed;
      flipped[5] ^= 0x01;
      CHECK_THROWS_AS(codec.open(3, false, flipped), IntegrityError);
      std::string flipped_tag = sealed;
      flipped_tag.back() ^= 0x80;
      CHECK_THROWS_AS(codec.open(3, false, flipped_tag), IntegrityError);
      CHECK_THROWS_AS(codec.open(4, false, sealed), IntegrityError); // reordered
      CHECK_THROWS_AS(codec.open(3, true, sealed), IntegrityError);  // truncation
      CHECK_THROWS_AS(codec.open(3, false, sealed.substr(0, 10)), IntegrityError);
      const SegmentCodec other(cipher, util::random_bytes(k_data_key_size));
      CHECK_THROWS_AS(other.open(3, false, sealed), IntegrityError); // wrong key
      CHECK(codec.open(0, true, codec.seal(0, true, "")) == "");
    }
  }

  TEST_CASE("the two ciphers produce different ciphertexts from one key") {
    const std::string key = util::random_bytes(k_data_key_size);
    const SegmentCodec aes(SegmentCipher::aes_256_gcm, key);
    const SegmentCodec sm4(SegmentCipher::sm4_ctr_hmac_sha256, key);
    CHECK(aes.seal(0, true, "same").substr(0, 4) != sm4.seal(0, true, "same").substr(0, 4));
  }

  TEST_CASE("key wrapping binds the context") {
    const std::string kek = util::random_bytes(32);
    const std::string data_key = util::random_bytes(32);
    const std::string wrapped = wrap_key(kek, data_key, "bucket\0key\0AES256"s);
    CHECK(wrapped.size() == 12 + 32 + 16);
    CHECK(wrapped.find(data_key) == std::string::npos);
    CHECK(unwrap_key(kek, wrapped, "bucket\0key\0AES256"s) == data_key);
    CHECK_THROWS_AS(unwrap_key(kek, wrapped, "bucket\0other\0AES256"s), IntegrityError);
    CHECK_THROWS_AS(unwrap_key(util::random_bytes(32), wrapped, "bucket\0key\0AES256"s),
                    IntegrityError);
    CHECK(wrap_key(kek, data_key, "c") != wrap_key(kek, data_key, "c")); // fresh nonce each time
  }

} // TEST_SUITE
