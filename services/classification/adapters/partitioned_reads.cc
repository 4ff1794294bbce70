#include "classification/adapters/partitioned_reads.h"

#include <stdexcept>

namespace ansinh::classification {
namespace {

// Fields per HMGET: big reads go in pieces so no reply grows without bound.
constexpr size_t kFieldsPerPartitionedRead = 500;

}  // namespace

std::vector<std::vector<std::string>> IdsByPartition(const ClassificationKeys& keys,
                                                     const std::vector<std::string>& ids) {
  std::vector<std::vector<std::string>> grouped(static_cast<size_t>(keys.partitions()));
  for (const std::string& id : ids) grouped[static_cast<size_t>(keys.PartitionOf(id))].push_back(id);
  return grouped;
}

std::vector<std::optional<std::string>> HashFieldsByPartition(redis::Connection& redis,
                                                              const ClassificationKeys& keys,
                                                              const PartitionKey& key_of,
                                                              const std::vector<std::string>& ids,
                                                              const std::string& what) {
  std::vector<std::optional<std::string>> values(ids.size());
  // Positions in `ids` of each partition's fields, then one HMGET per chunk.
  std::vector<std::vector<size_t>> positions(static_cast<size_t>(keys.partitions()));
  for (size_t i = 0; i < ids.size(); ++i)
    positions[static_cast<size_t>(keys.PartitionOf(ids[i]))].push_back(i);
  std::vector<redis::Args> commands;
  std::vector<std::vector<size_t>> asked;
  for (size_t partition = 0; partition < positions.size(); ++partition) {
    const std::vector<size_t>& of_partition = positions[partition];
    for (size_t start = 0; start < of_partition.size(); start += kFieldsPerPartitionedRead) {
      redis::Args command{"HMGET", key_of(static_cast<int>(partition))};
      std::vector<size_t> chunk;
      for (size_t j = start; j < of_partition.size() && j < start + kFieldsPerPartitionedRead; ++j) {
        command.push_back(ids[of_partition[j]]);
        chunk.push_back(of_partition[j]);
      }
      commands.push_back(std::move(command));
      asked.push_back(std::move(chunk));
    }
  }
  if (commands.empty()) return values;
  const std::vector<redis::Reply> replies = redis.Pipeline(commands);
  for (size_t c = 0; c < replies.size(); ++c) {
    if (replies[c].IsError()) throw std::runtime_error("reading " + what + ": " + replies[c].str);
    for (size_t j = 0; j < asked[c].size() && j < replies[c].elements.size(); ++j) {
      if (!replies[c].elements[j].IsNil()) values[asked[c][j]] = replies[c].elements[j].str;
    }
  }
  return values;
}

}  // namespace ansinh::classification
