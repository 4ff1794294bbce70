// Stored values: compressed when that pays, and plain values written before
// compression (or too small to gain) still read back.
#include "redis/compressed_value.h"

#include <gtest/gtest.h>

#include "ansinh/v1/envelope.pb.h"

namespace ansinh::redis {
namespace {

v1::EventEnvelope LargeEnvelope() {
  v1::EventEnvelope envelope;
  envelope.set_event_id("0b6f3c2e-6a52-4a8f-9a57-2d1c1f7f7e01");
  envelope.set_event_type("classification.survey_classified.v1");
  envelope.set_household_id("HH-000123");
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Thiếu hụt về nhà ở: diện tích bình quân dưới 8 m² mỗi người. ";
  envelope.set_correlation_id(text);
  return envelope;
}

TEST(CompressedValueTest, RoundTripsAndShrinksRepetitiveRecords) {
  const v1::EventEnvelope envelope = LargeEnvelope();
  const std::string stored = StoredMessage(envelope);
  EXPECT_LT(stored.size(), envelope.SerializeAsString().size() / 4);
  EXPECT_EQ(stored[0], '\0') << "compressed values carry the marker";
  v1::EventEnvelope read;
  ASSERT_TRUE(ParseStoredMessage(stored, read));
  EXPECT_EQ(read.SerializeAsString(), envelope.SerializeAsString());
}

TEST(CompressedValueTest, PlainValuesStayReadable) {
  const std::string plain = LargeEnvelope().SerializeAsString();
  v1::EventEnvelope read;
  ASSERT_TRUE(ParseStoredMessage(plain, read)) << "a record stored before compression";
  EXPECT_EQ(read.household_id(), "HH-000123");
  EXPECT_EQ(DecompressValue(plain), plain);
}

TEST(CompressedValueTest, SmallValuesAreLeftAsTheyAre) {
  v1::EventEnvelope small;
  small.set_household_id("HH-1");
  EXPECT_EQ(StoredMessage(small), small.SerializeAsString());
  EXPECT_EQ(CompressValue(""), "");
}

TEST(CompressedValueTest, ADamagedFrameIsAnErrorNotGarbage) {
  std::string stored = StoredMessage(LargeEnvelope());
  stored.resize(stored.size() / 2);
  EXPECT_THROW(DecompressValue(stored), std::runtime_error);
  v1::EventEnvelope read;
  EXPECT_FALSE(ParseStoredMessage(stored, read));
}

}  // namespace
}  // namespace ansinh::redis
