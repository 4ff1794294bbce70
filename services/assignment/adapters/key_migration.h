#pragma once

#include "assignment/adapters/assignment_keys.h"
#include "redis/redis_connection.h"

namespace ansinh::assignment {

// Moves a single-node deployment's assignment keys from before the hash tags
// (the ward-wide ansinh:assignment:organizations, :helpers, :load:*,
// :index:*, :changes:*) to where they are now (assignment_keys.h). Run by
// the directory seeder before it looks for a directory, so before any
// operation; idempotent, so a start cut short finishes on the next:
//  1. every partition's indexes and loads are rebuilt from the cases the old
//     ward-wide index lists (one transaction per partition, overwriting);
//  2. the directory hashes are renamed into the directory's partition, the
//     organizations last: their old key is what says the move is not done;
//  3. the old derived keys are deleted, the old index of every case last.
// Throws std::runtime_error when the directory exists in both layouts. On a
// cluster the old keys never existed and nothing is done. Returns whether
// anything was moved.
bool MigrateAssignmentKeys(redis::Connection& redis, const AssignmentKeys& keys);

}  // namespace ansinh::assignment
