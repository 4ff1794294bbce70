#pragma once

// How registry, classification and assignment record a read of personal or
// sensitive data (an auditor's of any marked field, anyone else's of a
// sensitive one; server/redaction.h, RecordedMarksFor): a "<source>.personal_data_read.v1" event on the
// service's own stream, appended before the response leaves. Monitoring consumes it like every other event,
// so it lands in the audit chain (and in the timeline of each household read) through the chain's one append
// path (docs/monitoring.md, "Personal-data reads are logged").

#include <string>
#include <string_view>

#include "server/request_executor.h"

namespace ansinh::server {

// "registry" -> "registry.personal_data_read.v1".
std::string PersonalDataReadEventType(std::string_view source);
inline constexpr std::string_view kPersonalDataReadAggregate = "personal-data-read";

// A recorder for RequestExecutor::SetPersonalDataReadRecorder that publishes
// the read on `source`'s stream (`partitions` as configured): on the
// household's partition when one household was read, else on the event's own.
RequestExecutor::PersonalDataReadRecorder PublishingReadRecorder(std::string source, int partitions);

}  // namespace ansinh::server
