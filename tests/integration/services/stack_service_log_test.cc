// What a failed integration test prints of each service's log (support/
// service_log.h). It once looked for "[warning]", which the services' log
// format (services/common/logging: "<date> <time> <level> [<service>] ...")
// never writes, so every failure showed "0 last warnings and errors".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service_log.h"

namespace ansinh::testkit {
namespace {

using ::testing::ElementsAre;

TEST(ServiceLogTest, WarningsErrorsAndWhatACrashWritesAreProblemsInfoIsNot) {
  EXPECT_FALSE(IsProblemLine("2026-12-06 20:02:45.363 info  [classification] created consumer group"));
  EXPECT_FALSE(IsProblemLine("2026-12-06 20:02:45.363 debug [registry] read 3 keys"));
  EXPECT_TRUE(IsProblemLine("2026-12-06 20:02:44.406 warning [assignment] cannot check the directory yet"));
  EXPECT_TRUE(IsProblemLine("2026-12-06 20:02:44.406 error [monitoring] applying an event failed"));
  EXPECT_TRUE(IsProblemLine("2026-12-06 20:02:44.406 critical [registry] cannot listen"));
  EXPECT_TRUE(
      IsProblemLine("terminate called after throwing an instance of 'ansinh::redis::CrossSlotError'"));
  EXPECT_FALSE(IsProblemLine(""));
  // A message that merely mentions a level is judged by its own level.
  EXPECT_FALSE(IsProblemLine("2026-12-06 20:02:45.363 info  [registry] no error, no warning"));
}

TEST(ServiceLogTest, KeepsTheLastProblemsInOrder) {
  const std::string log =
      "2026-12-06 20:00:00.000 info  [registry] listening\n"
      "2026-12-06 20:00:01.000 warning [registry] first\n"
      "2026-12-06 20:00:02.000 error [registry] second\n"
      "2026-12-06 20:00:03.000 info  [registry] fine again\n"
      "terminate called after throwing an instance of 'std::runtime_error'\n";
  EXPECT_THAT(ProblemLines(log, 10),
              ElementsAre("2026-12-06 20:00:01.000 warning [registry] first",
                          "2026-12-06 20:00:02.000 error [registry] second",
                          "terminate called after throwing an instance of 'std::runtime_error'"));
  EXPECT_THAT(ProblemLines(log, 1),
              ElementsAre("terminate called after throwing an instance of 'std::runtime_error'"));
}

}  // namespace
}  // namespace ansinh::testkit
