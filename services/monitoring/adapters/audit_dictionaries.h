#pragma once

#include <google/protobuf/message_lite.h>

#include <string>
#include <string_view>

#include "redis/compression_dictionary.h"
#include "redis/redis_connection.h"

namespace ansinh::monitoring {

// The zstd dictionary audit entries (and their outbox drafts) are written
// with: services/monitoring/dictionaries/audit-entries-<id>.zdict, built into
// the binary (deploy/local/train-audit-dictionary.sh says how it was trained).
// Registered for reading by KeepAuditDictionaries.
const redis::CompressionDictionary& AuditEntryDictionary();

// An audit entry or outbox draft as stored: compressed with the dictionary.
std::string StoredAuditRecord(const google::protobuf::MessageLite& record);

// Parses what StoredAuditRecord (or an older version, with or without a
// dictionary) stored; false when it cannot. The built-in dictionary is
// always known; older ones once KeepAuditDictionaries has run.
bool ParseAuditRecord(std::string_view stored, google::protobuf::MessageLite& record);

// Keeps the dictionaries beside the chain and loads them: stores the built-in
// dictionary under its id in ansinh:{audit}:monitoring:audit:dictionaries
// (once; never replaced), then registers every dictionary stored there, so
// entries written by an older version with an older dictionary are still
// read, verified and exported. Run at start-up, before anything reads the
// chain. Returns how many dictionaries it registered.
int KeepAuditDictionaries(redis::Connection& redis);

}  // namespace ansinh::monitoring
