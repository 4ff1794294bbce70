#include "sample_report.h"

#include <cstdio>

namespace ansinh::report_document::fixtures {

std::string HouseholdCode(int number) {
  char code[16];
  std::snprintf(code, sizeof code, "HN-%03d", number);
  return code;
}

Table HouseholdTable() {
  Table table{.columns = {kHouseholdColumn, "Tổ dân phố", kIncomeBeforeColumn, "Thu nhập sau", "Thoát nghèo"},
              .alignments = {Alignment::kLeft, Alignment::kLeft, Alignment::kRight, Alignment::kRight,
                             Alignment::kCenter},
              .caption = "Bảng 2. Thu nhập bình quân đầu người của các hộ được hỗ trợ",
              .source_note = "Nguồn: phiếu rà soát hộ nghèo, hộ cận nghèo hằng năm của phường."};
  const char* groups[] = {"Tổ 1", "Tổ 2 – Vỹ Dạ", "Tổ 3", "Tổ 14 (Đông Ba)"};
  for (int i = 1; i <= kHouseholdRows; ++i) {
    // Thousands of đồng as the caller's format writes them: 901.000 ₫, 1.201.000 ₫.
    const std::string after = "1." + std::to_string(200 + i) + ".000 ₫";
    table.rows.push_back({HouseholdCode(i), groups[i % 4], std::to_string(900 + i) + ".000 ₫",
                          i % 3 == 0 ? "1.500.000 ₫" : after, i % 3 == 0 ? "Có" : "Chưa"});
  }
  table.rows.push_back({"Tổng cộng", "", "", "", "30 hộ"});
  table.highlighted_row = table.rows.size() - 1;
  return table;
}

Document SampleReport() {
  Document document{.title = kTitle,
                    .subtitle = "Phường Thuận Hòa, thành phố Huế",
                    .place_and_date = "Huế, ngày 31 tháng 12 năm 2025",
                    .author = "ỦY BAN NHÂN DÂN PHƯỜNG THUẬN HÒA"};
  auto& blocks = document.blocks;
  blocks.push_back(Heading{1, kPovertyRateHeading});
  blocks.push_back(
      Paragraph{"Sau năm năm thực hiện Nghị quyết, tỷ lệ hộ nghèo của phường giảm từ 5,8% xuống còn 4,1%, "
                "vượt mục tiêu "
                "đề ra. Các hộ được hỗ trợ sinh kế đã có thu nhập ổn định hơn; nhiều hộ đã tự nguyện đăng ký "
                "thoát nghèo."});
  blocks.push_back(Facts{{{"Tỷ lệ hộ nghèo cuối kỳ", kRateFigure},
                          {"Thu nhập bình quân đầu người (trung vị)", kIncomeFigure},
                          {"Số hộ được hỗ trợ", "1.204"}}});
  blocks.push_back(LineChart{
      .title = "Tỷ lệ hộ nghèo qua các năm",
      .categories = {"2021", "2022", "2023", "2024", "2025"},
      .category_title = "Năm",
      .value_axis = {.title = "Tỷ lệ (%)",
                     .minimum = 0,
                     .maximum = 8,
                     .ticks = {{0, "0%"}, {2, "2%"}, {4, "4%"}, {6, "6%"}, {8, "8%"}}},
      .series = {{"Hộ nghèo", {5.8, 5.3, 4.9, std::nullopt, 4.1}, {"5,8%", "5,3%", "4,9%", "", kRateFigure}},
                 {"Hộ cận nghèo", {7.2, 6.9, 6.1, 5.6, 5.0}, {}}},
      .target = LineSeries{"Mục tiêu", {5.5, 5.0, 4.5, 4.0, 3.5}, {}}});
  blocks.push_back(Note{"Năm 2024 không có số liệu rà soát do lũ lụt; ô trống trên biểu đồ."});
  blocks.push_back(Paragraph{kDiacriticsLine});
  blocks.push_back(Heading{2, kWomensUnionHeading});
  blocks.push_back(Paragraph{"Hội Liên hiệp Phụ nữ phường đã kèm cặp 86 hộ, trong đó 41 hộ đã thoát nghèo."});
  blocks.push_back(HouseholdTable());
  blocks.push_back(Heading{2, kKaplanMeierHeading});
  blocks.push_back(StepChart{
      .title = kKaplanMeierHeading,
      .x_axis = {.title = "Số tháng kể từ khi được hỗ trợ",
                 .minimum = 0,
                 .maximum = 36,
                 .ticks = {{0, "0"}, {12, "12"}, {24, "24"}, {36, "36"}}},
      .y_axis = {.title = "Tỷ lệ hộ còn nghèo",
                 .minimum = 0,
                 .maximum = 1,
                 .ticks = {{0, "0%"}, {0.25, "25%"}, {0.5, "50%"}, {0.75, "75%"}, {1, "100%"}}},
      .curves = {{"Chăn nuôi bò sinh sản",
                  {{0, 1, 1, 1}, {6, 0.86, 0.72, 0.99}, {10, 0.75, 0.59, 0.97}, {23, 0.45, 0.25, 0.81}},
                  30,
                  true},
                 {"Trồng dược liệu", {{0, 1, 1, 1}, {8, 0.9, 0.8, 1}, {20, 0.7, 0.55, 0.85}}, 34, true}}});
  blocks.push_back(BoxPlotChart{
      .title = "Thu nhập bình quân đầu người trước và sau hỗ trợ (nghìn đồng/tháng)",
      .series = {"Trước hỗ trợ", "Sau hỗ trợ"},
      .group_title = "Mô hình sinh kế",
      .value_axis =
          {.title = "Nghìn đồng",
           .minimum = 0,
           .maximum = 2500,
           .ticks =
               {{0, "0"}, {500, "500"}, {1000, "1.000"}, {1500, "1.500"}, {2000, "2.000"}, {2500, "2.500"}}},
      .groups = {{"Chăn nuôi bò sinh sản",
                  {BoxStatistics{600, 800, 950, 1100, 1300}, BoxStatistics{900, 1250, 1500, 1800, 2300}}},
                 {"Trồng dược liệu", {BoxStatistics{500, 700, 850, 1000, 1200}, std::nullopt}},
                 {"Hợp tác xã đan lát",
                  {BoxStatistics{650, 750, 900, 1050, 1250}, BoxStatistics{800, 1000, 1150, 1400, 1700}}}}});
  blocks.push_back(Note{"Ô bị ẩn khi có dưới 5 hộ, để không ai nhận ra được gia đình nào."});
  return document;
}

}  // namespace ansinh::report_document::fixtures
