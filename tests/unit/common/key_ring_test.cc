// Key-encryption keys from files and the data keys they wrap: the files'
// permissions, rotation by re-wrapping, and a ring that finds a KEK made
// after it was loaded.
#include "personal_data/key_ring.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "personal_data/data_keys.h"

namespace ansinh::personal_data {
namespace {

namespace fs = std::filesystem;

class KeyRingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ansinh-keys-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    directory_ = fs::path(pattern) / "personal-data";
  }
  void TearDown() override { fs::remove_all(directory_.parent_path()); }

  fs::path directory_;
};

TEST_F(KeyRingTest, AKeyFileIsMadeForItsOwnerOnlyAndTheNewestWrapsNewKeys) {
  CreateKek(directory_, "20261201T000000Z");
  CreateKek(directory_, "20261207T031500Z");
  EXPECT_EQ(fs::status(directory_ / "20261207T031500Z.kek").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(fs::status(directory_).permissions() & fs::perms::all, fs::perms::owner_all);

  KeyRing ring(directory_);
  EXPECT_EQ(ring.Current().id, "20261207T031500Z");
  EXPECT_EQ(ring.Ids(), (std::vector<std::string>{"20261201T000000Z", "20261207T031500Z"}));
  EXPECT_THROW(CreateKek(directory_, "20261207T031500Z"), KeyFileError) << "never overwritten";
}

TEST_F(KeyRingTest, AKeyFileOthersMayReadOrThatIsMalformedIsRefusedNamingIt) {
  CreateKek(directory_, "20261207T031500Z");
  const fs::path file = directory_ / "20261207T031500Z.kek";
  fs::permissions(file, fs::perms::others_read, fs::perm_options::add);
  try {
    KeyRing ring(directory_);
    FAIL() << "a key file readable by others was accepted";
  } catch (const KeyFileError& error) {
    EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("chmod 600"), std::string::npos) << error.what();
  }
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  { std::ofstream(file) << "not hex\n"; }
  EXPECT_THROW(KeyRing ring(directory_), KeyFileError);
  fs::remove(file);
  EXPECT_THROW(KeyRing ring(directory_), KeyFileError) << "no KEK at all";
}

TEST_F(KeyRingTest, TheServicesOwnGroupMayReadAKeyFileAsAKubernetesSecretMountIt) {
  const fs::path file = directory_ / (CreateKek(directory_, "20261201T000000Z") + ".kek");
  // The test's files belong to its own group, as a Secret mounted for the
  // pod's fsGroup belongs to the service's.
  fs::permissions(file, fs::perms::owner_read | fs::perms::group_read, fs::perm_options::replace);
  KeyRing ring(directory_);
  EXPECT_EQ(ring.Current().id, "20261201T000000Z");
}

TEST_F(KeyRingTest, SharedReadIsAcceptedOnlyWhenAllowedAndSharedWriteNever) {
  const fs::path file = directory_ / (CreateKek(directory_, "20261201T000000Z") + ".kek");
  fs::permissions(
      file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
      fs::perm_options::replace);
  EXPECT_THROW(KeyRing ring(directory_), KeyFileError) << "owner only by default";
  KeyRing shared(directory_, KeyRing::kRefreshInterval, KeyFileAccess::kSharedReadAllowed);
  EXPECT_EQ(shared.Current().id, "20261201T000000Z");
  fs::permissions(file, fs::perms::group_write, fs::perm_options::add);
  try {
    KeyRing ring(directory_, KeyRing::kRefreshInterval, KeyFileAccess::kSharedReadAllowed);
    FAIL() << "a key file the group may write was accepted";
  } catch (const KeyFileError& error) {
    EXPECT_NE(std::string(error.what()).find("changed by others"), std::string::npos) << error.what();
  }
}

TEST_F(KeyRingTest, ADataKeyUnwrapsOnlyForItsOwnerAndRotationRewrapsIt) {
  CreateKek(directory_, "20261201T000000Z");
  KeyRing ring(directory_);
  const AesKey data_key = NewAesKey();
  const v1::WrappedDataKey wrapped = WrapDataKey(data_key, "HH-000123", ring);
  EXPECT_EQ(wrapped.kek_id(), "20261201T000000Z");
  EXPECT_EQ(UnwrapDataKey(wrapped, "HH-000123", ring), data_key);
  EXPECT_FALSE(UnwrapDataKey(wrapped, "HH-000124", ring)) << "bound to its household";

  // A KEK made after the ring was loaded: the ring finds it when a key
  // wrapped by it arrives, and wraps with it from a new ring on.
  CreateKek(directory_, "20261207T031500Z");
  KeyRing rotated(directory_);
  const std::optional<v1::WrappedDataKey> rewrapped = RewrapDataKey(wrapped, "HH-000123", rotated);
  ASSERT_TRUE(rewrapped.has_value());
  EXPECT_EQ(rewrapped->kek_id(), "20261207T031500Z");
  EXPECT_NE(rewrapped->wrapped(), wrapped.wrapped());
  EXPECT_EQ(UnwrapDataKey(*rewrapped, "HH-000123", ring), data_key)
      << "the older ring reads the directory again";
  EXPECT_EQ(RewrapDataKey(*rewrapped, "HH-000123", rotated)->wrapped(), rewrapped->wrapped())
      << "already wrapped by the current KEK";

  // Once every data key is re-wrapped, the old KEK can go.
  fs::remove(directory_ / "20261201T000000Z.kek");
  KeyRing after(directory_);
  EXPECT_EQ(UnwrapDataKey(*rewrapped, "HH-000123", after), data_key);
  EXPECT_FALSE(UnwrapDataKey(wrapped, "HH-000123", after)) << "its KEK is gone";
}

TEST_F(KeyRingTest, ARunningRingWrapsWithAKekMadeAfterItWasLoaded) {
  CreateKek(directory_, "20261201T000000Z");
  KeyRing ring(directory_, std::chrono::seconds(0));
  EXPECT_EQ(ring.Current().id, "20261201T000000Z");
  CreateKek(directory_, "20261207T031500Z");
  EXPECT_EQ(WrapDataKey(NewAesKey(), "HH-1", ring).kek_id(), "20261207T031500Z")
      << "the directory is read again once the refresh interval passed";
  KeyRing slow(directory_, std::chrono::hours(1));
  CreateKek(directory_, "20261208T000000Z");
  EXPECT_EQ(slow.Current().id, "20261207T031500Z") << "not before";
}

TEST(KekIdTest, IdsSortInTheOrderTheKeysWereMade) {
  const auto when = std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + std::chrono::hours{3} +
                    std::chrono::minutes{15};
  EXPECT_EQ(KekIdAt(when), "20261207T031500Z");
  EXPECT_LT(KekIdAt(when), KekIdAt(when + std::chrono::seconds{1}));
}

}  // namespace
}  // namespace ansinh::personal_data
