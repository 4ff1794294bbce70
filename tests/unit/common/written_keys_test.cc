#include "events/written_keys.h"

#include <gtest/gtest.h>

namespace ansinh::events {
namespace {

TEST(WrittenKeys, NamesTheKeysEachWriteCommandChanges) {
  struct Case {
    redis::Args command;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {{"HSET", "h", "f", "v"}, {"h"}},
      {{"rpush", "list", "a", "b"}, {"list"}},
      {{"XADD", "ansinh:{p0}:events:registry", "*", "envelope", "x"}, {"ansinh:{p0}:events:registry"}},
      {{"HINCRBY", "loads", "org", "1"}, {"loads"}},
      {{"DEL", "a", "b", "c"}, {"a", "b", "c"}},
      {{"UNLINK", "a"}, {"a"}},
      {{"MSET", "a", "1", "b", "2"}, {"a", "b"}},
      {{"SMOVE", "from", "to", "member"}, {"from", "to"}},
      {{"EVAL", "return 1", "2", "k1", "k2", "arg"}, {"k1", "k2"}},
      {{"EVAL", "return 1", "0", "arg"}, {}},
      {{"MULTI"}, {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WrittenKeys(c.command), c.keys) << c.command[0];
  }
}

}  // namespace
}  // namespace ansinh::events
