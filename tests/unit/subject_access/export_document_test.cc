#include "subject_access/export_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "export_fixture.h"
#include "i18n/embedded_catalogs.h"

namespace ansinh::subject_access {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ExportDocumentTest, AHouseholdsDocumentIsVietnameseWithEveryFieldHeld) {
  Result<i18n::Translator> vietnamese = i18n::MakeTranslator(i18n::Language::kVietnamese);
  ASSERT_TRUE(vietnamese.ok());
  const std::string document = RenderExportDocument(testkit::HouseholdExport(), *vietnamese);
  EXPECT_THAT(document, HasSubstr("<html lang=\"vi\">"));
  EXPECT_THAT(document, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(document, HasSubstr("Thông tin cá nhân đang lưu giữ về hộ HH-000042"));
  for (const char* held : {"Lê Thị Mơ",
                           "Lê Văn Tí",
                           "Lê Thị Na",
                           "046180111111",
                           "046213333333",
                           "03/02/1980",
                           "06/05/2016",
                           "số 3 kiệt 7 Trần Phú",
                           "1.500.000 ₫",
                           "50.000.000 ₫",
                           "540.000 ₫",
                           "thẻ BHYT cho Lê Thị Na",
                           "Na đi học đều, Tí bị sốt",
                           "bo-giong-tdp05",
                           "02/12/2025",
                           "nhận 1 con bò, Tí chăn",
                           "EMG-2025-1",
                           "29/10/2025",
                           "nhà ngập, Lê Văn Tí bị thương",
                           "vay nuôi bò",
                           "HH-000042-C1",
                           "2013-07-18",
                           "Lê Văn Tý",
                           "07/11/2025",
                           "Trần Văn Bình",
                           "Hộ nghèo"}) {
    EXPECT_THAT(document, HasSubstr(held)) << held;
  }
  // Dates are dd/mm/yyyy, never ISO, in the words of the page.
  EXPECT_THAT(document, Not(HasSubstr(">1980-02-03<")));
  EXPECT_THAT(document, Not(HasSubstr("Nội dung không đưa vào")))
      << "a household's export leaves nothing out";
}

TEST(ExportDocumentTest, DataIsEscaped) {
  v1::SubjectAccessExport exported = testkit::HouseholdExport();
  exported.mutable_household()->set_address("<script>alert('x')</script> & co");
  Result<i18n::Translator> vietnamese = i18n::MakeTranslator(i18n::Language::kVietnamese);
  ASSERT_TRUE(vietnamese.ok());
  const std::string document = RenderExportDocument(exported, *vietnamese);
  EXPECT_THAT(document, Not(HasSubstr("<script>")));
  EXPECT_THAT(document, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
}

}  // namespace
}  // namespace ansinh::subject_access
