#include "registry/core/demo/national_id_allocator.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace ansinh::registry::demo {
namespace {

constexpr int64_t kSerialsPerPrefix = 1'000'000;
// Coprime to 10^6 (odd, not a multiple of 5): multiplying by it permutes the
// serials.
constexpr int64_t kSerialMultiplier = 387'419;

// Thừa Thiên Huế first, then provinces people move in from.
constexpr std::array<std::string_view, 9> kProvinceCodes = {"046", "045", "044", "048", "049",
                                                            "038", "040", "001", "079"};
constexpr int kHomeProvinceShareInPerMille = 880;

// Where a prefix's serials start, scattered by the splitmix64 finalizer so
// that different prefixes do not share one serial sequence.
int64_t SerialOffset(size_t province, int century_digit, int year_digits) {
  uint64_t x = province * 1000 + static_cast<uint64_t>(century_digit * 100 + year_digits);
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return static_cast<int64_t>(x % static_cast<uint64_t>(kSerialsPerPrefix));
}

}  // namespace

std::string NationalIdAllocator::Allocate(DeterministicRandom& random, v1::Sex sex, int birth_year) {
  const int century_digit = (birth_year >= 2000 ? 2 : 0) + (sex == v1::SEX_FEMALE ? 1 : 0);
  size_t province = random.ChancePerMille(kHomeProvinceShareInPerMille)
                        ? 0
                        : static_cast<size_t>(random.UniformInt(1, kProvinceCodes.size() - 1));
  while (true) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%.3s%d%02d", kProvinceCodes[province].data(), century_digit,
                  birth_year % 100);
    int64_t& issued = issued_by_prefix_[prefix];
    if (issued < kSerialsPerPrefix) {
      const int64_t offset = SerialOffset(province, century_digit, birth_year % 100);
      const int64_t serial = (issued * kSerialMultiplier + offset) % kSerialsPerPrefix;
      ++issued;
      char id[16];
      std::snprintf(id, sizeof id, "%s%06lld", prefix, static_cast<long long>(serial));
      return id;
    }
    // Nine provinces of a million serials each per sex and birth year is more
    // than the generator's largest ward holds people, so this ends.
    province = (province + 1) % kProvinceCodes.size();
  }
}

}  // namespace ansinh::registry::demo
