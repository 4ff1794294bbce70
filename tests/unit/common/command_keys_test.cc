#include "redis/command_keys.h"
#include "redis/cluster_slot.h"

#include <gtest/gtest.h>

#include "redis/redis_error.h"
#include "redis/single_slot.h"

namespace ansinh::redis {
namespace {

using Keys = std::vector<std::string>;

TEST(CommandKeysTest, SingleKeyCommandsNameTheirFirstArgument) {
  EXPECT_EQ(KeysOf({"HSET", "h", "f", "v"}), Keys{"h"});
  EXPECT_EQ(KeysOf({"GET", "k"}), Keys{"k"});
  EXPECT_EQ(KeysOf({"XADD", "s", "*", "f", "v"}), Keys{"s"});
  EXPECT_EQ(KeysOf({"XAUTOCLAIM", "s", "g", "c", "0", "0-0"}), Keys{"s"});
  EXPECT_EQ(KeysOf({"zrange", "z", "0", "-1"}), Keys{"z"});  // any case
}

TEST(CommandKeysTest, VariadicCommandsNameEveryKey) {
  EXPECT_EQ(KeysOf({"DEL", "a", "b", "c"}), (Keys{"a", "b", "c"}));
  EXPECT_EQ(KeysOf({"WATCH", "a", "b"}), (Keys{"a", "b"}));
  EXPECT_EQ(KeysOf({"MSET", "a", "1", "b", "2"}), (Keys{"a", "b"}));
  EXPECT_EQ(KeysOf({"SMOVE", "from", "to", "member"}), (Keys{"from", "to"}));
  EXPECT_EQ(KeysOf({"ZINTERCARD", "2", "x", "y", "LIMIT", "5"}), (Keys{"x", "y"}));
}

TEST(CommandKeysTest, SubcommandsNameTheKeyAfterTheSubcommand) {
  EXPECT_EQ(KeysOf({"XGROUP", "CREATE", "s", "g", "0", "MKSTREAM"}), Keys{"s"});
  EXPECT_EQ(KeysOf({"XINFO", "GROUPS", "s"}), Keys{"s"});
  EXPECT_EQ(KeysOf({"MEMORY", "USAGE", "k"}), Keys{"k"});
  EXPECT_TRUE(KeysOf({"XINFO", "HELP"}).empty());
}

TEST(CommandKeysTest, StreamReadsNameTheFirstHalfAfterStreams) {
  EXPECT_EQ(KeysOf({"XREADGROUP", "GROUP", "g", "c", "COUNT", "10", "BLOCK", "100", "STREAMS", "s1", "s2",
                    ">", ">"}),
            (Keys{"s1", "s2"}));
  EXPECT_EQ(KeysOf({"XREAD", "streams", "s1", "0"}), Keys{"s1"});
  EXPECT_THROW(KeysOf({"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s1", "s2", ">"}), UnknownCommandError);
  EXPECT_THROW(KeysOf({"XREAD", "COUNT", "1"}), UnknownCommandError);
}

TEST(CommandKeysTest, ScriptsNameTheirDeclaredKeys) {
  EXPECT_EQ(KeysOf({"EVAL", "return 1", "2", "k1", "k2", "arg"}), (Keys{"k1", "k2"}));
  EXPECT_EQ(KeysOf({"EVALSHA", "abc", "1", "k1", "arg"}), Keys{"k1"});
  EXPECT_TRUE(KeysOf({"EVAL", "return 1", "0", "arg"}).empty());
  EXPECT_THROW(KeysOf({"EVAL", "return 1", "3", "k1"}), UnknownCommandError);
  EXPECT_THROW(KeysOf({"EVAL", "return 1", "many", "k1"}), UnknownCommandError);
}

TEST(CommandKeysTest, KeylessCommandsNameNoKey) {
  for (const char* name :
       {"PING", "INFO", "CLUSTER", "ACL", "SCAN", "WAIT", "CONFIG", "MULTI", "EXEC", "UNWATCH"}) {
    EXPECT_TRUE(KeysOf({name, "x"}).empty()) << name;
  }
}

TEST(CommandKeysTest, AnUnknownCommandThrowsInsteadOfGoingAnywhere) {
  EXPECT_THROW(KeysOf({"BITFIELD", "k"}), UnknownCommandError);
  EXPECT_THROW(IsWriteCommand({"NOSUCHCOMMAND"}), UnknownCommandError);
  EXPECT_THROW(KeysOf({}), UnknownCommandError);
}

TEST(CommandKeysTest, WritesAreTold) {
  EXPECT_TRUE(IsWriteCommand({"HSET", "h", "f", "v"}));
  EXPECT_TRUE(IsWriteCommand({"XADD", "s", "*", "f", "v"}));
  EXPECT_TRUE(IsWriteCommand({"EVAL", "return 1", "0"}));
  EXPECT_FALSE(IsWriteCommand({"HGET", "h", "f"}));
  EXPECT_FALSE(IsWriteCommand({"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"}));
  EXPECT_FALSE(IsWriteCommand({"WATCH", "k"}));
}

TEST(SingleSlotTest, ATransactionOnOneHashTagHasOneSlot) {
  EXPECT_EQ(SingleSlotOf({{"MULTI"},
                          {"HSET", "ansinh:{p3}:household:1", "f", "v"},
                          {"XADD", "ansinh:{p3}:events:registry", "*", "f", "v"},
                          {"EXEC"}}),
            KeySlot("ansinh:{p3}:x"));
  EXPECT_EQ(SingleSlotOf({{"MULTI"}, {"PING"}, {"EXEC"}}), -1);
}

TEST(SingleSlotTest, ATransactionAcrossSlotsThrowsNamingCommandsAndSlots) {
  try {
    SingleSlotOf(
        {{"MULTI"}, {"HSET", "ansinh:{p3}:h", "f", "v"}, {"SADD", "ansinh:{ward}:codes", "c"}, {"EXEC"}});
    FAIL() << "expected CrossSlotError";
  } catch (const CrossSlotError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("HSET ansinh:{p3}:h@" + std::to_string(KeySlot("p3"))), std::string::npos)
        << message;
    EXPECT_NE(message.find("SADD ansinh:{ward}:codes@" + std::to_string(KeySlot("ward"))), std::string::npos)
        << message;
  }
  // One command whose own keys span slots is refused too.
  EXPECT_THROW(SingleSlotOf({{"DEL", "a", "b"}}), CrossSlotError);
  EXPECT_THROW(SlotOfCommand({"DEL", "a", "b"}), CrossSlotError);
  EXPECT_EQ(SlotOfCommand({"DEL", "{a}1", "{a}2"}), KeySlot("a"));
  EXPECT_EQ(SlotOfCommand({"PING"}), -1);
}

}  // namespace
}  // namespace ansinh::redis
