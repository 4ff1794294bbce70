#include "registry/core/demo/deterministic_random.h"

#include <limits>

namespace ansinh::registry {

int64_t DeterministicRandom::UniformInt(int64_t low, int64_t high) {
  const uint64_t span = static_cast<uint64_t>(high) - static_cast<uint64_t>(low) + 1;
  if (span == 0) return static_cast<int64_t>(engine_());  // the full 64-bit range
  // 2^64 mod span, computed without 128-bit arithmetic; draws below it are the
  // surplus that would make some remainders more likely.
  const uint64_t surplus = (std::numeric_limits<uint64_t>::max() - span + 1) % span;
  uint64_t draw = engine_();
  while (draw < surplus) draw = engine_();
  return static_cast<int64_t>(static_cast<uint64_t>(low) + draw % span);
}

bool DeterministicRandom::ChancePerMille(int per_mille) { return UniformInt(0, 999) < per_mille; }

size_t DeterministicRandom::WeightedIndex(std::span<const int> weights) {
  int64_t total = 0;
  for (int weight : weights) total += weight;
  int64_t draw = UniformInt(0, total - 1);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (draw < weights[i]) return i;
    draw -= weights[i];
  }
  return weights.size() - 1;
}

}  // namespace ansinh::registry
