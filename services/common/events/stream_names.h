#pragma once

#include <string>
#include <string_view>

namespace ansinh::events {

// The stream naming scheme (docs/architecture.md, "Streams"):
//
//   ansinh:{p<N>}:events:<source>    events published by service <source>
//                                    (registry, classification, assignment),
//                                    partition N of the configured count
//   ansinh:{p<N>}:applied:<group>    per consumer group, which aggregate
//                                    versions it has applied (idempotency)
//   ansinh:deadletter:<group>        events a consumer group gave up on
//   ansinh:{p<N>}:lease:<group>      which instance of the group may apply
//                                    partition N now (value: consumer name)
//   ansinh:members:<group>           zset: live instances of the group,
//                                    score = last heartbeat (ms since epoch)
//   ansinh:config:partitions         the partition count every service must
//                                    be started with, recorded on first start
//   ansinh:{p<N>}:replay:<group>:<source>
//                                    dead letters of <group> put back for it
//                                    alone (Operations.ReplayDeadLetters):
//                                    the group's own stream, read with
//                                    ansinh:{p<N>}:events:<source>, so no
//                                    consumer ever needs to write into a
//                                    stream another service publishes
//
// "{p<N>}" is a Redis Cluster hash tag: a household's state, its events and
// the consumers' marks for it all hash to the same slot, so one MULTI can
// cover them. With one partition (the default) every name carries {p0}.
inline constexpr std::string_view kRegistrySource = "registry";
inline constexpr std::string_view kClassificationSource = "classification";
inline constexpr std::string_view kAssignmentSource = "assignment";

// Stable partition of a household (FNV-1a, so every language computes the same).
int PartitionOf(std::string_view household_id, int partition_count);
std::string PartitionTag(int partition);  // "{p3}"
std::string EventStream(std::string_view source, int partition);
std::string AppliedKey(std::string_view group, int partition);
std::string DeadLetterStream(std::string_view group);
// A replayed dead letter carries this field naming the group that asked for
// it (Operations.ReplayDeadLetters). Replays go to the group's own replay
// stream; an entry with the field found in a shared event stream (put there
// by an operator, or by a release before replay streams) is applied only by
// that group and acknowledged by the others.
inline constexpr std::string_view kReplayForGroupField = "replay_for_group";
// The stream a dead letter of `group` from ansinh:{p<N>}:events:<source> is
// replayed into; the group's runner reads it next to the event stream.
std::string ReplayStream(std::string_view group, std::string_view source, int partition);
std::string LeaseKey(std::string_view group, int partition);
std::string MembersKey(std::string_view group);
inline constexpr std::string_view kPartitionCountKey = "ansinh:config:partitions";
// Recovers the source and partition from an event stream's name; false when
// the name does not follow the scheme.
bool ParseEventStream(std::string_view stream, std::string* source, int* partition);
// Recovers the group, source and partition from a replay stream's name; false
// when the name is not one ReplayStream makes.
bool ParseReplayStream(std::string_view stream, std::string* group, std::string* source, int* partition);

}  // namespace ansinh::events
