#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace ansinh::registry {

// Random draws that are the same on every platform for a given seed.
// std::mt19937_64's output sequence is fixed by the C++ standard, but the
// standard distributions (uniform_int_distribution, bernoulli_distribution,
// ...) are implementation-defined, so the same seed would give a different
// demo ward with libc++ than with libstdc++. Every value here is derived from
// the raw engine output with integer arithmetic.
class DeterministicRandom {
 public:
  explicit DeterministicRandom(uint64_t seed) : engine_(seed) {}

  // Uniform in [low, high], both inclusive; low <= high. Unbiased: draws that
  // would favour small remainders are rejected.
  int64_t UniformInt(int64_t low, int64_t high);

  // True with probability per_mille / 1000.
  bool ChancePerMille(int per_mille);

  // An index drawn with probability weights[i] / sum(weights); weights are
  // non-negative with a positive sum.
  size_t WeightedIndex(std::span<const int> weights);

  // Fisher-Yates: a uniformly random order of `items`.
  template <typename T>
  void Shuffle(std::span<T> items) {
    for (size_t i = items.size(); i > 1; --i) {
      const auto j = static_cast<size_t>(UniformInt(0, static_cast<int64_t>(i) - 1));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace ansinh::registry
