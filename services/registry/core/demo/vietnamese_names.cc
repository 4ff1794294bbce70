#include "registry/core/demo/vietnamese_names.h"

#include <array>
#include <span>
#include <vector>

namespace ansinh::registry::demo {
namespace {

struct Weighted {
  std::string_view text;
  int weight;
};

// Family names with weights in per mille of the population (approximate
// national shares, Võ and Huỳnh raised as in central Vietnam).
constexpr std::array kFamilyNames = {
    Weighted{"Nguyễn", 380}, Weighted{"Trần", 110}, Weighted{"Lê", 95},    Weighted{"Phạm", 70},
    Weighted{"Hoàng", 40},   Weighted{"Huỳnh", 35}, Weighted{"Phan", 45},  Weighted{"Vũ", 20},
    Weighted{"Võ", 45},      Weighted{"Đặng", 21},  Weighted{"Bùi", 20},   Weighted{"Đỗ", 14},
    Weighted{"Hồ", 20},      Weighted{"Ngô", 13},   Weighted{"Dương", 10}, Weighted{"Lý", 5},
};

// Middle names: weights for people born before about 1990, then after.
struct MiddleName {
  std::string_view text;
  int weight_older;
  int weight_younger;
};
constexpr std::array kMaleMiddleNames = {
    MiddleName{"Văn", 50, 15}, MiddleName{"Hữu", 10, 6}, MiddleName{"Đức", 8, 10}, MiddleName{"Minh", 6, 14},
    MiddleName{"Quang", 6, 8}, MiddleName{"Công", 6, 5}, MiddleName{"Đình", 6, 5}, MiddleName{"Xuân", 4, 4},
    MiddleName{"Thanh", 4, 6}, MiddleName{"Anh", 0, 7},  MiddleName{"Gia", 0, 8},  MiddleName{"Hoàng", 0, 6},
    MiddleName{"Nhật", 0, 6},
};
constexpr std::array kFemaleMiddleNames = {
    MiddleName{"Thị", 75, 22}, MiddleName{"Ngọc", 6, 14},  MiddleName{"Thu", 5, 8},
    MiddleName{"Thanh", 4, 8}, MiddleName{"Kim", 4, 5},    MiddleName{"Mỹ", 2, 7},
    MiddleName{"Hồng", 4, 5},  MiddleName{"Phương", 0, 8}, MiddleName{"Bảo", 0, 8},
    MiddleName{"Khánh", 0, 7}, MiddleName{"Minh", 0, 8},
};

constexpr std::array<std::string_view, 40> kMaleGivenNames = {
    "An",    "Bảo",   "Bình",  "Cường", "Dũng",  "Duy",  "Đạt",  "Hải",  "Hiếu",  "Hòa",
    "Hùng",  "Huy",   "Khánh", "Khoa",  "Lâm",   "Long", "Lộc",  "Minh", "Nam",   "Nhân",
    "Phát",  "Phong", "Phúc",  "Quân",  "Quang", "Sơn",  "Tài",  "Tâm",  "Thắng", "Thành",
    "Thịnh", "Tiến",  "Toàn",  "Trung", "Tuấn",  "Tùng", "Việt", "Vinh", "Vũ",    "Hưng"};
constexpr std::array<std::string_view, 40> kFemaleGivenNames = {
    "Anh", "Châu", "Chi",   "Diệp",  "Dung",  "Giang",  "Hà",    "Hạnh", "Hằng", "Hiền",
    "Hoa", "Hồng", "Huệ",   "Hương", "Lan",   "Liên",   "Linh",  "Loan", "Mai",  "My",
    "Nga", "Ngân", "Ngọc",  "Nhung", "Oanh",  "Phương", "Quỳnh", "Tâm",  "Thảo", "Thơ",
    "Thu", "Thủy", "Trang", "Trâm",  "Tuyết", "Uyên",   "Vân",   "Vy",   "Xuân", "Yến"};

constexpr std::array<std::string_view, 24> kStreets = {
    "Cách Mạng Tháng Tám", "Lý Thần Tông",  "Độc Lập",         "Kim Trà",
    "Hoàng Trung",         "Lê Thái Tổ",    "Nguyễn Văn Linh", "Trần Quốc Tuấn",
    "Phạm Văn Đồng",       "Hai Bà Trưng",  "Lê Lợi",          "Nguyễn Huệ",
    "Hùng Vương",          "Phan Bội Châu", "Trần Hưng Đạo",   "Nguyễn Trãi",
    "Võ Nguyên Giáp",      "Lý Thái Tổ",    "Hương Sơ",        "Tôn Đức Thắng",
    "Ngô Quyền",           "Đặng Tất",      "Bùi Thị Xuân",    "Hồ Đắc Di"};

// People born after about 1990 (35 or younger in 2025) get the newer names.
constexpr int kYoungerNamesUpToAge = 35;

template <typename T, size_t N>
const T& PickUniform(DeterministicRandom& random, const std::array<T, N>& items) {
  return items[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(N) - 1))];
}

std::string_view PickMiddleName(DeterministicRandom& random, std::span<const MiddleName> names,
                                bool younger) {
  std::vector<int> weights;
  weights.reserve(names.size());
  for (const MiddleName& name : names) {
    weights.push_back(younger ? name.weight_younger : name.weight_older);
  }
  return names[random.WeightedIndex(weights)].text;
}

}  // namespace

std::string_view PickFamilyName(DeterministicRandom& random) {
  static const std::vector<int> weights = [] {
    std::vector<int> result;
    for (const Weighted& name : kFamilyNames) result.push_back(name.weight);
    return result;
  }();
  return kFamilyNames[random.WeightedIndex(weights)].text;
}

std::string PickMiddleAndGivenName(DeterministicRandom& random, v1::Sex sex, int age) {
  const bool younger = age <= kYoungerNamesUpToAge;
  const bool male = sex == v1::SEX_MALE;
  const std::string_view middle = male ? PickMiddleName(random, kMaleMiddleNames, younger)
                                       : PickMiddleName(random, kFemaleMiddleNames, younger);
  // "Minh Minh" or "Thu Thu" is not a name anyone is given.
  std::string_view given = middle;
  while (given == middle) {
    given = male ? PickUniform(random, kMaleGivenNames) : PickUniform(random, kFemaleGivenNames);
  }
  std::string name(middle);
  name += ' ';
  name += given;
  return name;
}

std::string_view PickStreet(DeterministicRandom& random) { return PickUniform(random, kStreets); }

}  // namespace ansinh::registry::demo
