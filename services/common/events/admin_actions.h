// Administrative actions as audit entries (docs/security.md, "Audit"): a
// token issued or revoked, an account created, changed or given a password, a
// consumer grant set or revoked, a data-key rotation, each published as a
// "registry.admin_action_recorded.v1" event that monitoring chains like every
// other event. One way for every action, whoever performs it:
//
//   - the change lives in the slot of the event's stream (a consumer grant,
//     kept in partition 0's slot): QueueAdminAction on the change's own
//     transaction, so both land or neither does;
//   - the change lives in other slots (tokens under ansinh:auth:*, accounts
//     in {ward}; a registry transaction never spans slots): RecordAdminAction
//     before the change, in a transaction of its own. An action then never
//     takes effect without its entry; an entry whose change failed afterwards
//     (the caller got the error) names an action the current state does not
//     show.
//
// The event never carries a secret, a hash of one or a password: callers put
// ids, names, roles and dates in the details, nothing else.
#pragma once

#include <string>
#include <string_view>

#include "ansinh/v1/admin_actions.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::events {

inline constexpr std::string_view kAdminActionRecordedType = "registry.admin_action_recorded.v1";
inline constexpr std::string_view kAdminActionAggregate = "admin-action";

// An action being described: AdminAction("token.issued", "token", id)
// .With("role", "auditor").With(...).
class AdminAction {
 public:
  AdminAction(std::string action, std::string subject_type, std::string subject_id);
  AdminAction& With(std::string name, std::string value);
  AdminAction& Because(std::string reason);
  // The household the action concerns (an erasure): its partition's stream,
  // and the event's household_id, so it reaches the household's timeline.
  AdminAction& ForHousehold(std::string household_id);

  // The payload, details sorted by name.
  v1::AdminActionRecorded Payload() const;
  const std::string& household_id() const { return household_id_; }

 private:
  v1::AdminActionRecorded payload_;
  std::string household_id_;
};

// The event: aggregate "admin-action", a new UUID as its id, version 1.
v1::EventEnvelope AdminActionEnvelope(const v1::Actor& actor, const std::string& correlation_id,
                                      const AdminAction& action);

// Where the event goes: the registry's stream of the household's partition,
// or of partition 0 when the action concerns no household.
std::string AdminActionStream(const v1::EventEnvelope& envelope, int partitions);

// On the change's own transaction (the change is in the stream's slot).
void QueueAdminAction(redis::Transaction& tx, const v1::EventEnvelope& envelope, int partitions);

// Before a change in other slots: its own transaction, now. Throws what the
// connection throws; the caller then makes no change.
void RecordAdminAction(redis::Connection& redis, const v1::EventEnvelope& envelope, int partitions);

}  // namespace ansinh::events
