#pragma once

#include <memory>
#include <string>

struct ZSTD_CDict_s;
struct ZSTD_DDict_s;

namespace ansinh::redis {

// A zstd dictionary trained on one kind of ansinh record (audit entries:
// services/monitoring/dictionaries/). Records of a few hundred bytes share
// most of their text (field names, event types, ids' shapes) with one
// another but not within one record, so plain zstd gains little on each;
// with the dictionary it compresses them about three times better. The
// dictionary's id is written into every frame made with it, so a reader
// finds the dictionary it needs (FindDictionary) whatever version wrote it.
class CompressionDictionary {
 public:
  // Throws std::invalid_argument when `bytes` is not a zstd dictionary with
  // an id of its own (a raw-content dictionary has none to find it by).
  explicit CompressionDictionary(std::string bytes);
  ~CompressionDictionary();
  CompressionDictionary(const CompressionDictionary&) = delete;
  CompressionDictionary& operator=(const CompressionDictionary&) = delete;

  unsigned id() const { return id_; }
  const std::string& bytes() const { return bytes_; }
  ZSTD_CDict_s* compression() const { return compression_; }
  ZSTD_DDict_s* decompression() const { return decompression_; }

 private:
  std::string bytes_;
  unsigned id_ = 0;
  ZSTD_CDict_s* compression_ = nullptr;
  ZSTD_DDict_s* decompression_ = nullptr;
};

// The dictionaries this process reads with, by id: those it writes with and
// those older versions wrote with (kept in Redis beside their records). A
// dictionary registered again under the same id must hold the same bytes;
// otherwise std::invalid_argument, as two dictionaries may not share an id.
void RegisterDictionary(std::shared_ptr<const CompressionDictionary> dictionary);
// nullptr when no dictionary of that id is registered.
std::shared_ptr<const CompressionDictionary> FindDictionary(unsigned id);

}  // namespace ansinh::redis
