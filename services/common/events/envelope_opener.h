// What a consumer uses to put back the personal fields an event carries
// sealed (docs/data-protection.md, "Events"). The runner hands it each batch
// before the handlers see it, so handlers read whole payloads, while the
// stored form (sealed) stays available to whoever must keep exactly what was
// published: monitoring's audit chain (ApplyContext::stored_event).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "redis/redis_connection.h"

namespace ansinh::events {

class EnvelopeOpener {
 public:
  virtual ~EnvelopeOpener() = default;
  // Opens every sealed envelope of `events`, all from the streams of
  // `partition`, in place. An envelope whose household has no data key any
  // more (erased) stays without its personal fields. Returns, by household,
  // why the others could not be opened (a KEK file missing): their events
  // must wait. Throws on a Redis failure.
  virtual std::map<std::string, std::string> Open(redis::Connection& redis, int partition,
                                                  const std::vector<v1::EventEnvelope*>& events) = 0;
};

}  // namespace ansinh::events
