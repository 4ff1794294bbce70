// The registry's bound on rows per import (--max-import-rows), with a
// bound of 3: an import of exactly 3 rows is an ordinary import; the 4th row
// ends the stream with RESOURCE_EXHAUSTED naming the bound, after rows 1-3
// were processed as usual (and reported in the status details).
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

constexpr int kBound = 3;

class RegistryImportLimitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    registry_.Start();
    stub_ = v1::Registry::NewStub(registry_.channel());
  }

  // Streams one row per household (row numbers 1, 2, ...), stopping early
  // when the server ends the stream; returns the status and the response.
  grpc::Status Import(const std::vector<v1::Household>& households, v1::ImportHouseholdsResponse* response,
                      int* rows_written) {
    auto context = AuthorizedContext(tokens_.officer);
    std::unique_ptr<grpc::ClientWriter<v1::ImportHouseholdsRequest>> writer =
        stub_->ImportHouseholds(context.get(), response);
    *rows_written = 0;
    for (size_t i = 0; i < households.size(); ++i) {
      v1::ImportHouseholdsRequest row;
      row.set_row_number(static_cast<int64_t>(i + 1));
      *row.mutable_household() = households[i];
      if (!writer->Write(row)) break;
      ++*rows_written;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  long long HouseholdCount() {
    v1::ListHouseholdsRequest request;
    v1::ListHouseholdsResponse response;
    EXPECT_TRUE(stub_->ListHouseholds(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
    return response.page().total_size();
  }

  long long RegistryEvents() {
    redis::Connection redis(redis_.Options());
    return redis.Command({"XLEN", kRegistryStream}).AsInteger();
  }

  TempDir dir_;
  RedisServer redis_{dir_.path()};
  TestTokens tokens_;
  ServiceProcess registry_{"registry",
                           redis_,
                           tokens_.WriteFile(dir_.path()),
                           dir_.path(),
                           {"--max-import-rows", std::to_string(kBound)}};
  std::unique_ptr<v1::Registry::Stub> stub_;
};

std::vector<v1::Household> Households(int count, int first_id) {
  std::vector<v1::Household> households;
  for (int i = 0; i < count; ++i) households.push_back(Family(first_id + 10 * i));
  return households;
}

TEST_F(RegistryImportLimitTest, AnImportOfExactlyTheBoundIsAnOrdinaryImport) {
  v1::ImportHouseholdsResponse response;
  int written = 0;
  const grpc::Status status = Import(Households(kBound, 100), &response, &written);
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  EXPECT_EQ(response.imported_count(), kBound);
  EXPECT_EQ(HouseholdCount(), kBound);
}

TEST_F(RegistryImportLimitTest, TheRowPastTheBoundEndsTheImportAfterTheRowsBeforeItAreProcessed) {
  std::vector<v1::Household> households = Households(8, 200);
  households[2].set_residential_group("nowhere");  // row 3 is rejected as in any import
  v1::ImportHouseholdsResponse response;
  int written = 0;
  const grpc::Status status = Import(households, &response, &written);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_NE(status.error_message().find("at most 3 rows"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("max_import_rows"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("2 imported, 1 rejected"), std::string::npos)
      << status.error_message();

  // The details: why (ErrorInfo) and what happened to rows 1-3.
  google::rpc::Status rich;
  ASSERT_TRUE(grpc::ExtractErrorDetails(status, &rich).ok());
  google::rpc::ErrorInfo info;
  v1::ImportHouseholdsResponse processed;
  bool has_info = false;
  bool has_processed = false;
  for (const auto& detail : rich.details()) {
    if (detail.UnpackTo(&info)) has_info = true;
    if (detail.UnpackTo(&processed)) has_processed = true;
  }
  ASSERT_TRUE(has_info);
  EXPECT_EQ(info.reason(), "IMPORT_ROW_LIMIT");
  EXPECT_EQ(info.metadata().at("max_import_rows"), "3");
  ASSERT_TRUE(has_processed);
  EXPECT_EQ(processed.imported_count(), 2);
  EXPECT_EQ(processed.rejected_count(), 1);
  ASSERT_EQ(processed.results_size(), 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(processed.results(i).row_number(), i + 1);
  EXPECT_TRUE(processed.results(0).has_imported());
  EXPECT_TRUE(processed.results(2).has_rejected());

  // Rows 1 and 2 landed with their events; nothing after row 3 did. The
  // events are counted first: the count of households reads them, and an
  // officer's read of their sensitive facts is itself an event.
  EXPECT_EQ(RegistryEvents(), 2);
  EXPECT_EQ(HouseholdCount(), 2);
}

}  // namespace
}  // namespace ansinh::registry::testkit
