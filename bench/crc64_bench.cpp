// CRC-64/XZ throughput in one process: oss::crc64_update (ISA-L) against a portable
// slicing-by-8 table implementation, over the same buffer. Prints one line of JSON.
// Built by bench/run with g++ against the project's static libraries.
#include "oss/crc64.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr std::uint64_t k_poly = 0xC96C5795D7870F42ULL; // reflected CRC-64/XZ polynomial

struct Tables {
  std::array<std::array<std::uint64_t, 256>, 8> t{};
  Tables() {
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint64_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1) ? (c >> 1) ^ k_poly : c >> 1;
      t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i)
      for (int s = 1; s < 8; ++s)
        t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
  }
};

std::uint64_t crc64_slicing8(std::uint64_t crc, const unsigned char* p, std::size_t n) {
  static const Tables tables;
  const auto& t = tables.t;
  crc = ~crc;
  while (n >= 8) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    crc ^= v;
    crc = t[7][crc & 0xFF] ^ t[6][(crc >> 8) & 0xFF] ^ t[5][(crc >> 16) & 0xFF] ^
          t[4][(crc >> 24) & 0xFF] ^ t[3][(crc >> 32) & 0xFF] ^ t[2][(crc >> 40) & 0xFF] ^
          t[1][(crc >> 48) & 0xFF] ^ t[0][crc >> 56];
    p += 8;
    n -= 8;
  }
  while (n-- > 0)
    crc = t[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

template <class F> double best_gbps(F&& f, std::size_t bytes, int rounds) {
  double best = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::max(best, static_cast<double>(bytes) / s / 1e9);
  }
  return best;
}

} // namespace

int main(int argc, char** argv) {
  const std::size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 256;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<unsigned char> data(mib << 20);
  std::uint64_t x = 88172645463325252ULL;
  for (auto& b : data) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<unsigned char>(x);
  }
  volatile std::uint64_t sink = 0;
  std::uint64_t a = 0, b = 0;
  const double isal = best_gbps([&] { sink = a = oss::crc64_update(0, data.data(), data.size()); },
                                data.size(), rounds);
  const double table = best_gbps([&] { sink = b = crc64_slicing8(0, data.data(), data.size()); },
                                 data.size(), rounds);
  if (a != b) {
    std::fprintf(stderr, "CRC mismatch: isa-l %llu, slicing-by-8 %llu\n", (unsigned long long)a,
                 (unsigned long long)b);
    return 1;
  }
  if (oss::crc64("123456789") !=
      crc64_slicing8(0, reinterpret_cast<const unsigned char*>("123456789"), 9))
    return 1;
  std::printf("{\"bytes\": %zu, \"isal_gbps\": %.3f, \"slicing8_gbps\": %.3f}\n", data.size(), isal,
              table);
  (void)sink;
  return 0;
}
