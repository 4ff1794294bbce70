// An event's personal fields sealed with its household's data key
// (docs/data-protection.md, "Events"): the publisher takes the marked fields
// out of the payload and seals them into the envelope's `personal` part; a
// consumer holding the key puts them back before its handlers read the
// event. The stream, the audit chain and every copy keep the sealed form, so
// destroying the household's data key makes all of them unreadable at once
// while the chain, computed over the stored bytes, still verifies.
#pragma once

#include "ansinh/v1/envelope.pb.h"
#include "personal_data/aes_gcm.h"

namespace ansinh::personal_data {

// Seals the marked fields of `envelope`'s payload with `data_key`, bound to
// the envelope's household. False, and the envelope unchanged, when the
// payload carries none, the envelope names no household, or the payload's
// type is unknown to this program.
bool SealEnvelope(v1::EventEnvelope& envelope, const AesKey& data_key);

enum class EnvelopeOpening {
  // Nothing was sealed: the envelope is whole as it is.
  kNothingSealed,
  // Opened: the payload is whole again and `personal` is cleared.
  kOpened,
  // The key does not open it (the household was erased, or the bytes are not
  // this household's): the payload stays without its personal fields.
  kStaysSealed,
};

// Puts the sealed fields back into the payload with `data_key` (null: the
// caller holds no key for the household).
EnvelopeOpening OpenEnvelope(v1::EventEnvelope& envelope, const AesKey* data_key);

}  // namespace ansinh::personal_data
