#include "demo_history/livelihood_models.h"

#include <cstdio>

namespace ansinh::demo_history {
namespace {

// The groups are twelfths of the ward's ordered residential groups; on the
// seed ward's 18 groups each model covers groups its organization works in
// (demo_organizations.json): the Farmers' Union TDP-07..18, the Women's Union
// TDP-01..12, the Veterans TDP-01..09, the Youth Union TDP-10..18.
const std::vector<DemoModel>& Models() {
  static const std::vector<DemoModel> models = {
      {.model_id = "bo-sinh-san",
       .name = "Nuôi bò sinh sản",
       .kind = v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK,
       .organization_id = "farmers-union",
       .start_year = 2022,
       .start_month = 3,
       .start_day = 15,
       .resources_vnd = 1'450'000'000,
       .resources_description = "45 con bò cái giống lai Sind (hỗ trợ 50% giá), vốn vay Ngân hàng Chính sách "
                                "xã hội 50 triệu đồng/hộ, 3 lớp tập huấn chăn nuôi và trồng cỏ",
       .description = "Hộ nghèo, cận nghèo nuôi bò cái sinh sản, bán bê giống; Hội Nông dân bao tiêu và "
                      "hướng dẫn kỹ thuật",
       .groups_from_twelfth = 4,
       .groups_to_twelfth = 12,
       .eligibility = ModelEligibility::kWorkingHouseholds,
       .yearly_places = 12,
       .escape_effect = 350,
       .income_effect_percent = 20,
       .comes_with_policy_loan = true,
       .policy_loan_vnd = 50'000'000,
       .supports = {{v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS, 9'000'000, 11'000'000,
                     "Hội Nông dân phường Hương Xuân", "Bò cái giống lai Sind (hỗ trợ 50% giá)", 20}},
       .participation_note = "Nhận 1 bò cái giống, vay 50 triệu đồng làm chuồng và trồng cỏ"},
      {.model_id = "ga-tha-vuon",
       .name = "Nuôi gà thả vườn",
       .kind = v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK,
       .organization_id = "womens-union",
       .start_year = 2022,
       .start_month = 4,
       .start_day = 1,
       .resources_vnd = 240'000'000,
       .resources_description = "6.000 con gà giống, 30 tấn thức ăn, vắc-xin và 2 lớp tập huấn",
       .description = "Hội viên phụ nữ nghèo nuôi gà thả vườn quy mô nhỏ tại nhà",
       .groups_from_twelfth = 0,
       .groups_to_twelfth = 8,
       .eligibility = ModelEligibility::kWorkingHouseholds,
       .yearly_places = 15,
       .escape_effect = 20,
       .income_effect_percent = 3,
       .supports = {{v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS, 4'500'000, 6'000'000,
                     "Hội Liên hiệp Phụ nữ phường Hương Xuân", "100 con gà giống, 3 tạ thức ăn", 10}},
       .participation_note = "Nhận 100 con gà giống và thức ăn"},
      {.model_id = "ho-kha-giup-ho-ngheo",
       .name = "Hộ khá giúp hộ nghèo",
       .kind = v1::LIVELIHOOD_MODEL_KIND_MENTORING,
       .organization_id = "veterans",
       .start_year = 2023,
       .start_month = 2,
       .start_day = 10,
       .resources_vnd = 75'000'000,
       .resources_description = "30 hộ hội viên khá giả nhận kèm cặp, vốn mồi 3 triệu đồng/hộ, sinh hoạt "
                                "hằng quý",
       .description = "Mỗi hộ hội viên khá giả kèm cặp một hộ nghèo: cách làm ăn, vốn mồi, tiêu thụ sản phẩm",
       .groups_from_twelfth = 0,
       .groups_to_twelfth = 6,
       .eligibility = ModelEligibility::kPoorWorkingHouseholds,
       .yearly_places = 8,
       .escape_effect = 120,
       .income_effect_percent = 8,
       .supports = {{v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS, 3'000'000, 3'000'000,
                     "Hội Cựu chiến binh phường Hương Xuân", "Vốn mồi của hộ khá kèm cặp", 15}},
       .participation_note = "Được một hộ hội viên khá giả kèm cặp"},
      {.model_id = "hoc-nghe-viec-lam",
       .name = "Học nghề gắn với giải quyết việc làm",
       .kind = v1::LIVELIHOOD_MODEL_KIND_VOCATIONAL_TRAINING_WITH_JOB,
       .organization_id = "youth-union",
       .start_year = 2023,
       .start_month = 5,
       .start_day = 15,
       .resources_vnd = 520'000'000,
       .resources_description = "Lớp may công nghiệp và điện dân dụng 3 tháng (90 học viên), giới thiệu việc "
                                "làm tại các khu công nghiệp Phong Điền và Tứ Hạ",
       .description = "Thanh niên hộ nghèo, cận nghèo học nghề ngắn hạn và được giới thiệu việc làm",
       .groups_from_twelfth = 6,
       .groups_to_twelfth = 12,
       .eligibility = ModelEligibility::kYoungAdultMember,
       .yearly_places = 10,
       .escape_effect = 250,
       .income_effect_percent = 25,
       .supports = {{v1::SUPPORT_TYPE_VOCATIONAL_TRAINING, 4'500'000, 5'500'000,
                     "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên thị xã Hương Trà",
                     "Lớp may công nghiệp 3 tháng", 7},
                    {v1::SUPPORT_TYPE_JOB_PLACEMENT, 0, 0, "Trung tâm Dịch vụ việc làm Thừa Thiên Huế",
                     "Giới thiệu việc làm tại khu công nghiệp Phong Điền", 100}},
       .participation_note = "Một thành viên học nghề may công nghiệp, được giới thiệu việc làm"},
      {.model_id = "rau-an-toan",
       .name = "Trồng rau an toàn",
       .kind = v1::LIVELIHOOD_MODEL_KIND_CROPS,
       .organization_id = "farmers-union",
       .start_year = 2024,
       .start_month = 2,
       .start_day = 20,
       .resources_vnd = 160'000'000,
       .resources_description = "Giống rau, phân bón hữu cơ, nhà lưới 2.000 m², tập huấn VietGAP",
       .description = "Trồng rau theo hướng VietGAP trên đất vườn, bán cho bếp ăn trường học",
       .groups_from_twelfth = 8,
       .groups_to_twelfth = 12,
       .eligibility = ModelEligibility::kWorkingHouseholds,
       .yearly_places = 8,
       .escape_effect = 100,
       .income_effect_percent = 8,
       .supports = {{v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS, 3'500'000, 5'000'000,
                     "Hội Nông dân phường Hương Xuân", "Giống rau, phân bón, lưới che", 10}},
       .participation_note = "Trồng rau an toàn trên đất vườn"},
      {.model_id = "to-hop-tac-lam-huong",
       .name = "Tổ hợp tác làm hương",
       .kind = v1::LIVELIHOOD_MODEL_KIND_COOPERATIVE,
       .organization_id = "womens-union",
       .start_year = 2024,
       .start_month = 3,
       .start_day = 8,
       .resources_vnd = 300'000'000,
       .resources_description = "Tổ hợp tác 25 thành viên, máy se hương, nguyên liệu trầm và tre, bao tiêu "
                                "sản phẩm",
       .description = "Làm hương trầm tại nhà theo đơn đặt hàng của tổ hợp tác",
       .groups_from_twelfth = 2,
       .groups_to_twelfth = 8,
       .eligibility = ModelEligibility::kWorkingHouseholds,
       .yearly_places = 10,
       .escape_effect = 150,
       .income_effect_percent = 12,
       .supports = {{v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS, 4'000'000, 6'000'000,
                     "Hội Liên hiệp Phụ nữ phường Hương Xuân", "Nguyên liệu và dụng cụ làm hương", 14}},
       .participation_note = "Làm hương tại nhà cho tổ hợp tác"},
  };
  return models;
}

std::string IsoDate(int year, int month, int day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

}  // namespace

std::span<const DemoModel> DemoModels() { return Models(); }

std::vector<std::string> GroupsOf(const DemoModel& model, std::span<const std::string> ward_groups) {
  const size_t count = ward_groups.size();
  const size_t from = count * static_cast<size_t>(model.groups_from_twelfth) / 12;
  const size_t to = count * static_cast<size_t>(model.groups_to_twelfth) / 12;
  return {ward_groups.begin() + static_cast<std::ptrdiff_t>(from),
          ward_groups.begin() + static_cast<std::ptrdiff_t>(to)};
}

v1::LivelihoodModel ToLivelihoodModel(const DemoModel& model, std::span<const std::string> groups) {
  v1::LivelihoodModel stored;
  stored.set_model_id(std::string(model.model_id));
  stored.set_name(std::string(model.name));
  stored.set_kind(model.kind);
  stored.set_organization_id(std::string(model.organization_id));
  stored.set_started_on(IsoDate(model.start_year, model.start_month, model.start_day));
  stored.set_resources_vnd(model.resources_vnd);
  stored.set_resources_description(std::string(model.resources_description));
  stored.set_description(std::string(model.description));
  for (const std::string& group : groups) stored.add_residential_groups(group);
  return stored;
}

}  // namespace ansinh::demo_history
