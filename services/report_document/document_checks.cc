#include "report_document/document_checks.h"

#include <cmath>
#include <string>
#include <type_traits>
#include <variant>

namespace ansinh::report_document {
namespace {

std::string Indexed(std::string_view name, std::size_t index) {
  return std::string(name) + "[" + std::to_string(index) + "]";
}

std::string Join(std::string_view prefix, std::string_view field) {
  if (prefix.empty()) return std::string(field);
  return std::string(prefix) + "." + std::string(field);
}

class Checker {
 public:
  void Text(std::string_view path, std::string_view text) {
    if (!IsValidUtf8(text)) Add(path, "must be valid UTF-8");
  }

  void Finite(std::string_view path, double value) {
    if (!std::isfinite(value)) Add(path, "must be a finite number");
  }

  void Add(std::string_view path, std::string description) {
    violations_.push_back({std::string(path), std::move(description)});
  }

  void Table(std::string_view prefix, const report_document::Table& table) {
    if (table.columns.empty()) Add(Join(prefix, "columns"), "must name at least one column");
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      Text(Join(prefix, Indexed("columns", i)), table.columns[i]);
    }
    if (table.alignments.size() > table.columns.size()) {
      Add(Join(prefix, "alignments"), "must not outnumber the columns");
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const std::string row_path = Join(prefix, Indexed("rows", r));
      if (table.rows[r].size() != table.columns.size()) {
        Add(row_path, "must have one cell per column (" + std::to_string(table.columns.size()) + ")");
      }
      for (std::size_t c = 0; c < table.rows[r].size(); ++c)
        Text(row_path + Indexed("", c), table.rows[r][c]);
    }
    if (table.highlighted_row && *table.highlighted_row >= table.rows.size()) {
      Add(Join(prefix, "highlighted_row"), "must be the index of a row");
    }
    Text(Join(prefix, "caption"), table.caption);
    Text(Join(prefix, "source_note"), table.source_note);
  }

  void Axis(std::string_view path, const NumericAxis& axis) {
    Text(Join(path, "title"), axis.title);
    Finite(Join(path, "minimum"), axis.minimum);
    Finite(Join(path, "maximum"), axis.maximum);
    if (std::isfinite(axis.minimum) && std::isfinite(axis.maximum) && !(axis.minimum < axis.maximum)) {
      Add(Join(path, "maximum"), "must be above the minimum");
    }
    for (std::size_t t = 0; t < axis.ticks.size(); ++t) {
      Finite(Join(path, Indexed("ticks", t) + ".value"), axis.ticks[t].value);
      Text(Join(path, Indexed("ticks", t) + ".label"), axis.ticks[t].label);
    }
  }

  void Height(std::string_view path, double height) {
    if (!(height >= 80 && height <= 600)) Add(Join(path, "height"), "must be between 80 and 600 points");
  }

  void Series(std::string_view path, const LineSeries& series, std::size_t categories) {
    Text(Join(path, "name"), series.name);
    if (series.values.size() != categories) {
      Add(Join(path, "values"), "must have one value (or none) per category");
    }
    for (std::size_t v = 0; v < series.values.size(); ++v) {
      if (series.values[v]) Finite(Join(path, Indexed("values", v)), *series.values[v]);
    }
    if (!series.point_labels.empty() && series.point_labels.size() != categories) {
      Add(Join(path, "point_labels"), "must be empty or have one label per category");
    }
    for (std::size_t l = 0; l < series.point_labels.size(); ++l) {
      Text(Join(path, Indexed("point_labels", l)), series.point_labels[l]);
    }
  }

  void Chart(std::string_view path, const LineChart& chart) {
    Text(Join(path, "title"), chart.title);
    Text(Join(path, "category_title"), chart.category_title);
    if (chart.categories.empty()) Add(Join(path, "categories"), "must name at least one category");
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
      Text(Join(path, Indexed("categories", c)), chart.categories[c]);
    }
    Axis(Join(path, "value_axis"), chart.value_axis);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      Series(Join(path, Indexed("series", s)), chart.series[s], chart.categories.size());
    }
    if (chart.target) Series(Join(path, "target"), *chart.target, chart.categories.size());
    Height(path, chart.height);
  }

  void Chart(std::string_view path, const StepChart& chart) {
    Text(Join(path, "title"), chart.title);
    Axis(Join(path, "x_axis"), chart.x_axis);
    Axis(Join(path, "y_axis"), chart.y_axis);
    for (std::size_t k = 0; k < chart.curves.size(); ++k) {
      const StepCurve& curve = chart.curves[k];
      const std::string curve_path = Join(path, Indexed("curves", k));
      Text(Join(curve_path, "name"), curve.name);
      if (curve.points.empty()) Add(Join(curve_path, "points"), "must hold at least the starting point");
      for (std::size_t p = 0; p < curve.points.size(); ++p) {
        const StepPoint& point = curve.points[p];
        const std::string point_path = Join(curve_path, Indexed("points", p));
        Finite(Join(point_path, "x"), point.x);
        Finite(Join(point_path, "y"), point.y);
        if (point.lower) Finite(Join(point_path, "lower"), *point.lower);
        if (point.upper) Finite(Join(point_path, "upper"), *point.upper);
        if (point.lower && point.upper && *point.lower > *point.upper) {
          Add(Join(point_path, "upper"), "must not be below lower");
        }
        if (p > 0 && !(point.x > curve.points[p - 1].x))
          Add(Join(point_path, "x"), "must follow the previous x");
      }
      if (curve.end_x) {
        Finite(Join(curve_path, "end_x"), *curve.end_x);
        if (!curve.points.empty() && *curve.end_x < curve.points.back().x) {
          Add(Join(curve_path, "end_x"), "must not be before the last point");
        }
      }
    }
    Height(path, chart.height);
  }

  void Chart(std::string_view path, const BoxPlotChart& chart) {
    Text(Join(path, "title"), chart.title);
    Text(Join(path, "group_title"), chart.group_title);
    if (chart.series.empty() || chart.series.size() > 2)
      Add(Join(path, "series"), "must name one or two series");
    for (std::size_t s = 0; s < chart.series.size(); ++s)
      Text(Join(path, Indexed("series", s)), chart.series[s]);
    Axis(Join(path, "value_axis"), chart.value_axis);
    for (std::size_t g = 0; g < chart.groups.size(); ++g) {
      const BoxGroup& group = chart.groups[g];
      const std::string group_path = Join(path, Indexed("groups", g));
      Text(Join(group_path, "name"), group.name);
      if (group.boxes.size() != chart.series.size()) {
        Add(Join(group_path, "boxes"), "must have one box (or none) per series");
      }
      for (std::size_t b = 0; b < group.boxes.size(); ++b) {
        if (!group.boxes[b]) continue;
        const BoxStatistics& box = *group.boxes[b];
        const std::string box_path = Join(group_path, Indexed("boxes", b));
        const double values[] = {box.minimum, box.first_quartile, box.median, box.third_quartile,
                                 box.maximum};
        bool finite = true;
        for (double value : values) finite = finite && std::isfinite(value);
        if (!finite) {
          Add(box_path, "must hold finite numbers");
        } else if (!(box.minimum <= box.first_quartile && box.first_quartile <= box.median &&
                     box.median <= box.third_quartile && box.third_quartile <= box.maximum)) {
          Add(box_path, "must be ordered minimum <= first quartile <= median <= third quartile <= maximum");
        }
      }
    }
    Height(path, chart.height);
  }

  void Block(std::string_view path, const report_document::Block& block) {
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, Heading>) {
            if (value.level < 1 || value.level > 3) Add(Join(path, "level"), "must be 1, 2 or 3");
            Text(Join(path, "text"), value.text);
          } else if constexpr (std::is_same_v<T, Paragraph> || std::is_same_v<T, Note>) {
            Text(Join(path, "text"), value.text);
          } else if constexpr (std::is_same_v<T, Facts>) {
            for (std::size_t f = 0; f < value.facts.size(); ++f) {
              Text(Join(path, Indexed("facts", f) + ".label"), value.facts[f].label);
              Text(Join(path, Indexed("facts", f) + ".value"), value.facts[f].value);
            }
          } else if constexpr (std::is_same_v<T, report_document::Table>) {
            Table(path, value);
          } else if constexpr (std::is_same_v<T, PageBreak>) {
            // Nothing to check.
          } else {
            Chart(path, value);
          }
        },
        block);
  }

  FieldViolations Take() { return std::move(violations_); }

 private:
  FieldViolations violations_;
};

}  // namespace

FieldViolations CheckDocument(const Document& document) {
  Checker checker;
  checker.Text("title", document.title);
  checker.Text("subtitle", document.subtitle);
  checker.Text("place_and_date", document.place_and_date);
  checker.Text("author", document.author);
  for (std::size_t i = 0; i < document.blocks.size(); ++i)
    checker.Block(Indexed("blocks", i), document.blocks[i]);
  return checker.Take();
}

FieldViolations CheckTable(const Table& table) {
  Checker checker;
  checker.Table("", table);
  return checker.Take();
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t code = 0;
    char32_t smallest = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, code = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code = lead & 0x07, smallest = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace ansinh::report_document
