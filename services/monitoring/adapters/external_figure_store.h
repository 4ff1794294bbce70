#pragma once

#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "redis/redis_connection.h"

namespace ansinh::monitoring {

// Figures officers enter (e.g. the town's near-poor rate): a hash
// "<key>|<review year>" -> ExternalFigure bytes; a new value for the same key
// and year replaces the old one.
class ExternalFigureStore {
 public:
  explicit ExternalFigureStore(redis::Connection& redis) : redis_(redis) {}

  void Save(const v1::ExternalFigure& figure);
  // Every stored figure, ordered by key, then year.
  std::vector<v1::ExternalFigure> LoadAll();

 private:
  redis::Connection& redis_;
};

}  // namespace ansinh::monitoring
