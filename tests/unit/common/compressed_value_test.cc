// Stored values: compressed when that pays, and plain values written before
// compression (or too small to gain) still read back.
#include "redis/compressed_value.h"

#include <gtest/gtest.h>
#include <zdict.h>
#include <zstd.h>

#include <memory>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "redis/compression_dictionary.h"

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

// A small record of the kind a dictionary pays for: alone it shares little
// with itself, but much with its siblings.
v1::EventEnvelope SmallEnvelope(int i) {
  v1::EventEnvelope envelope;
  envelope.set_event_id("0b6f3c2e-6a52-4a8f-9a57-" + std::to_string(100000000000 + i * 7919));
  envelope.set_event_type(i % 2 == 0 ? "classification.survey_classified.v1" : "registry.survey_recorded.v1");
  envelope.set_household_id("HH-" + std::to_string(100000 + i));
  envelope.set_correlation_id("import-2025-ward-phuoc-long-batch-" + std::to_string(i / 50));
  envelope.set_aggregate_type("household");
  return envelope;
}

// A dictionary trained here on such records (zstd gives it a random id).
std::shared_ptr<const CompressionDictionary> TrainedDictionary() {
  std::string samples;
  std::vector<size_t> sizes;
  for (int i = 0; i < 2000; ++i) {
    const std::string bytes = SmallEnvelope(i).SerializeAsString();
    samples += bytes;
    sizes.push_back(bytes.size());
  }
  std::string dictionary(4096, '\0');
  const size_t size = ZDICT_trainFromBuffer(dictionary.data(), dictionary.size(), samples.data(),
                                            sizes.data(), static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(size)) throw std::runtime_error(ZDICT_getErrorName(size));
  dictionary.resize(size);
  return std::make_shared<const CompressionDictionary>(dictionary);
}

TEST(CompressedValueTest, ADictionaryShrinksSmallRecordsAndItsIdTravelsWithThem) {
  const std::shared_ptr<const CompressionDictionary> dictionary = TrainedDictionary();
  const v1::EventEnvelope record = SmallEnvelope(4242);
  const std::string plain = StoredMessage(record);
  const std::string with_dictionary = StoredMessage(record, dictionary.get());
  EXPECT_LT(with_dictionary.size(), plain.size());
  ASSERT_EQ(with_dictionary[0], '\0');
  EXPECT_EQ(ZSTD_getDictID_fromFrame(with_dictionary.data() + 1, with_dictionary.size() - 1),
            dictionary->id());

  // Not registered yet: an error naming the dictionary, not garbage.
  try {
    DecompressValue(with_dictionary);
    ADD_FAILURE() << "read without its dictionary";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(std::to_string(dictionary->id())), std::string::npos)
        << error.what();
  }
  RegisterDictionary(dictionary);
  v1::EventEnvelope read;
  ASSERT_TRUE(ParseStoredMessage(with_dictionary, read));
  EXPECT_EQ(read.SerializeAsString(), record.SerializeAsString());
  // Values written without a dictionary read as before.
  ASSERT_TRUE(ParseStoredMessage(plain, read));
  EXPECT_EQ(read.SerializeAsString(), record.SerializeAsString());
  // The same dictionary registered again is no conflict.
  EXPECT_NO_THROW(RegisterDictionary(std::make_shared<const CompressionDictionary>(dictionary->bytes())));
}

TEST(CompressedValueTest, BytesThatAreNoDictionaryAreRefused) {
  EXPECT_THROW(CompressionDictionary("not a dictionary"), std::invalid_argument);
}

}  // namespace
}  // namespace ansinh::redis
