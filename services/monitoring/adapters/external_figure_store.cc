#include "monitoring/adapters/external_figure_store.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "monitoring/adapters/monitoring_keys.h"

namespace ansinh::monitoring {
namespace {

const std::string kExternalFigures(MonitoringKeys::kExternalFigures);

}  // namespace

void ExternalFigureStore::Save(const v1::ExternalFigure& figure) {
  redis_.Command({"HSET", kExternalFigures, figure.key() + "|" + std::to_string(figure.review_year()),
                  figure.SerializeAsString()});
}

std::vector<v1::ExternalFigure> ExternalFigureStore::LoadAll() {
  redis::Reply reply = redis_.Command({"HVALS", kExternalFigures});
  std::vector<v1::ExternalFigure> figures;
  for (const redis::Reply& item : reply.elements) {
    v1::ExternalFigure figure;
    if (!figure.ParseFromString(item.str)) {
      throw std::runtime_error("a stored external figure does not parse");
    }
    figures.push_back(std::move(figure));
  }
  std::sort(figures.begin(), figures.end(), [](const v1::ExternalFigure& a, const v1::ExternalFigure& b) {
    if (a.key() != b.key()) return a.key() < b.key();
    return a.review_year() < b.review_year();
  });
  return figures;
}

}  // namespace ansinh::monitoring
