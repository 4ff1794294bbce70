#include "redis/compression_dictionary.h"

#include <zstd.h>

#include <map>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <stdexcept>

namespace ansinh::redis {
namespace {

// The level records are compressed at (compressed_value.cc uses the same
// without a dictionary).
constexpr int kDictionaryCompressionLevel = 3;

struct Shelf {
  std::shared_mutex mutex;
  std::map<unsigned, std::shared_ptr<const CompressionDictionary>> by_id;
};

Shelf& TheShelf() {
  static Shelf shelf;
  return shelf;
}

}  // namespace

CompressionDictionary::CompressionDictionary(std::string bytes) : bytes_(std::move(bytes)) {
  id_ = ZSTD_getDictID_fromDict(bytes_.data(), bytes_.size());
  if (id_ == 0) {
    throw std::invalid_argument("not a zstd dictionary with an id (" + std::to_string(bytes_.size()) +
                                " bytes)");
  }
  compression_ = ZSTD_createCDict(bytes_.data(), bytes_.size(), kDictionaryCompressionLevel);
  decompression_ = ZSTD_createDDict(bytes_.data(), bytes_.size());
  if (compression_ == nullptr || decompression_ == nullptr) {
    ZSTD_freeCDict(compression_);
    ZSTD_freeDDict(decompression_);
    throw std::bad_alloc();
  }
}

CompressionDictionary::~CompressionDictionary() {
  ZSTD_freeCDict(compression_);
  ZSTD_freeDDict(decompression_);
}

void RegisterDictionary(std::shared_ptr<const CompressionDictionary> dictionary) {
  Shelf& shelf = TheShelf();
  std::unique_lock lock(shelf.mutex);
  const auto [existing, added] = shelf.by_id.try_emplace(dictionary->id(), dictionary);
  if (!added && existing->second->bytes() != dictionary->bytes()) {
    throw std::invalid_argument("two different compression dictionaries have id " +
                                std::to_string(dictionary->id()));
  }
}

std::shared_ptr<const CompressionDictionary> FindDictionary(unsigned id) {
  Shelf& shelf = TheShelf();
  std::shared_lock lock(shelf.mutex);
  const auto found = shelf.by_id.find(id);
  return found == shelf.by_id.end() ? nullptr : found->second;
}

}  // namespace ansinh::redis
