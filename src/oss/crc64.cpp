#include "oss/crc64.hpp"

#include <isa-l/crc64.h>

namespace oss {
namespace {

constexpr std::uint64_t k_poly_reflected = 0xC96C5795D7870F42ULL;

std::uint64_t gf2_matrix_times(const std::uint64_t* mat, std::uint64_t vec) {
  std::uint64_t sum = 0;
  for (; vec != 0; vec >>= 1, ++mat)
    if (vec & 1) sum ^= *mat;
  return sum;
}

void gf2_matrix_square(std::uint64_t* square, const std::uint64_t* mat) {
  for (int n = 0; n < 64; ++n)
    square[n] = gf2_matrix_times(mat, mat[n]);
}

} // namespace

std::uint64_t crc64_update(std::uint64_t crc, const void* data, std::size_t size) {
  // ISA-L's crc64_ecma_refl applies the init/xorout inversion itself, so CRCs chain directly.
  return crc64_ecma_refl(crc, static_cast<const std::uint8_t*>(data), size);
}

std::uint64_t crc64_combine(std::uint64_t crc_a, std::uint64_t crc_b, std::uint64_t length_b) {
  // zlib's crc32_combine, widened to 64 bits: apply length_b zero bytes to crc_a via repeated
  // squaring of the "shift one zero bit" operator, then xor in crc_b.
  if (length_b == 0) return crc_a;
  std::uint64_t even[64];
  std::uint64_t odd[64];
  odd[0] = k_poly_reflected;
  std::uint64_t row = 1;
  for (int n = 1; n < 64; ++n) {
    odd[n] = row;
    row <<= 1;
  }
  gf2_matrix_square(even, odd); // two zero bits
  gf2_matrix_square(odd, even); // four zero bits
  do {
    gf2_matrix_square(even, odd);
    if (length_b & 1) crc_a = gf2_matrix_times(even, crc_a);
    length_b >>= 1;
    if (length_b == 0) break;
    gf2_matrix_square(odd, even);
    if (length_b & 1) crc_a = gf2_matrix_times(odd, crc_a);
    length_b >>= 1;
  } while (length_b != 0);
  return crc_a ^ crc_b;
}

std::string crc64_to_string(std::uint64_t crc) { return std::to_string(crc); }

} // namespace oss
