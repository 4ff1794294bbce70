#include "redis/compressed_value.h"

#include "redis/compression_dictionary.h"

#include <zstd.h>

#include <new>
#include <stdexcept>
#include <string>

namespace ansinh::redis {
namespace {

constexpr char kCompressedMarker = '\0';
// Below this a zstd frame's own header eats the gain.
constexpr size_t kSmallestWorthCompressing = 96;
// Fast, and most of what a higher level would gain on records this small.
constexpr int kCompressionLevel = 3;

// One context per thread, kept: creating a context per call (what
// ZSTD_compress does) costs more than compressing a record this small.
struct Contexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  Contexts() {
    if (compress == nullptr || decompress == nullptr) throw std::bad_alloc();
  }
  ~Contexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
  Contexts(const Contexts&) = delete;
  Contexts& operator=(const Contexts&) = delete;
};

Contexts& ThreadContexts() {
  thread_local Contexts contexts;
  return contexts;
}

}  // namespace

std::string CompressValue(std::string_view bytes, const CompressionDictionary* dictionary) {
  if (bytes.size() < kSmallestWorthCompressing) return std::string(bytes);
  std::string stored(1 + ZSTD_compressBound(bytes.size()), '\0');
  stored[0] = kCompressedMarker;
  ZSTD_CCtx* context = ThreadContexts().compress;
  const size_t written = dictionary != nullptr
                             ? ZSTD_compress_usingCDict(context, stored.data() + 1, stored.size() - 1,
                                                        bytes.data(), bytes.size(), dictionary->compression())
                             : ZSTD_compressCCtx(context, stored.data() + 1, stored.size() - 1, bytes.data(),
                                                 bytes.size(), kCompressionLevel);
  if (ZSTD_isError(written) || 1 + written >= bytes.size()) return std::string(bytes);
  stored.resize(1 + written);
  return stored;
}

std::string DecompressValue(std::string_view stored) {
  if (stored.empty() || stored[0] != kCompressedMarker) return std::string(stored);
  const std::string_view frame = stored.substr(1);
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    throw std::runtime_error("stored value is not a readable zstd frame");
  }
  std::string bytes(size, '\0');
  ZSTD_DCtx* context = ThreadContexts().decompress;
  size_t read = 0;
  if (const unsigned dictionary_id = ZSTD_getDictID_fromFrame(frame.data(), frame.size());
      dictionary_id != 0) {
    const std::shared_ptr<const CompressionDictionary> dictionary = FindDictionary(dictionary_id);
    if (!dictionary) {
      throw std::runtime_error("stored value was compressed with dictionary " +
                               std::to_string(dictionary_id) + ", which this process has not loaded");
    }
    read = ZSTD_decompress_usingDDict(context, bytes.data(), bytes.size(), frame.data(), frame.size(),
                                      dictionary->decompression());
  } else {
    read = ZSTD_decompressDCtx(context, bytes.data(), bytes.size(), frame.data(), frame.size());
  }
  if (ZSTD_isError(read) || read != size) {
    throw std::runtime_error(std::string("stored value does not decompress: ") +
                             (ZSTD_isError(read) ? ZSTD_getErrorName(read) : "short frame"));
  }
  return bytes;
}

std::string StoredMessage(const google::protobuf::MessageLite& message,
                          const CompressionDictionary* dictionary) {
  return CompressValue(message.SerializeAsString(), dictionary);
}

bool ParseStoredMessage(std::string_view stored, google::protobuf::MessageLite& message) {
  try {
    const std::string bytes = DecompressValue(stored);
    return message.ParseFromString(bytes);
  } catch (const std::runtime_error&) {
    return false;
  }
}

}  // namespace ansinh::redis
