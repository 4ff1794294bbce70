#include "monitoring/core/audit_chain.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <utility>

#include "monitoring/core/audit_entry_encoding.h"
#include "monitoring/core/digest.h"

namespace ansinh::monitoring {

std::string GenesisHash() { return std::string(kSha256Bytes, '\0'); }

AuditHead HeadAfter(const v1::AuditChainEntry& entry) {
  return AuditHead{entry.sequence(), entry.entry_hash()};
}

std::string CanonicalEnvelopeBytes(const v1::EventEnvelope& envelope) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream output(&bytes);
    google::protobuf::io::CodedOutputStream coded(&output);
    coded.SetSerializationDeterministic(true);
    envelope.SerializePartialToCodedStream(&coded);
  }  // The coded stream flushes into `bytes` when it goes out of scope.
  return bytes;
}

v1::AuditChainEntry EventEntry(const v1::EventEnvelope& envelope) {
  v1::AuditChainEntry entry;
  entry.set_kind(v1::AuditChainEntry::KIND_EVENT);
  entry.set_event_id(envelope.event_id());
  entry.set_event_type(envelope.event_type());
  entry.set_household_id(envelope.household_id());
  *entry.mutable_actor() = envelope.actor();
  *entry.mutable_occurred_at() = envelope.occurred_at();
  entry.set_canonical_event(CanonicalEnvelopeBytes(envelope));
  return entry;
}

v1::AuditChainEntry PersonalDataReadEntry(const v1::Actor& reader, const std::string& household_id,
                                          const std::string& what_was_read,
                                          const google::protobuf::Timestamp& read_at) {
  v1::AuditChainEntry entry;
  entry.set_kind(v1::AuditChainEntry::KIND_PERSONAL_DATA_READ);
  entry.set_household_id(household_id);
  *entry.mutable_actor() = reader;
  *entry.mutable_occurred_at() = read_at;
  entry.set_detail(what_was_read);
  return entry;
}

std::string AuditLeafHash(const v1::AuditChainEntry& sealed) {
  return MerkleLeafHash(sealed.previous_hash() + CanonicalEntryBytes(sealed));
}

AuditAppend AppendToHead(v1::AuditChainEntry draft, const AuditHead& head) {
  AuditAppend append;
  append.sealed = SealEntry(std::move(draft), head);
  append.next.entry_count = append.sealed.sequence();
  append.next.hash = append.sealed.entry_hash();
  append.next.tree = head.tree;
  append.nodes = append.next.tree.Append(AuditLeafHash(append.sealed));
  return append;
}

v1::AuditChainEntry TreeHeadEntry(const v1::SignedTreeHead& head, const v1::Actor& issued_by) {
  v1::AuditChainEntry entry;
  entry.set_kind(v1::AuditChainEntry::KIND_TREE_HEAD);
  *entry.mutable_actor() = issued_by;
  *entry.mutable_occurred_at() = head.issued_at();
  entry.set_detail("tree head: size " + std::to_string(head.tree_size()) + ", root " +
                   HexEncode(head.root_hash()) + ", signature " + HexEncode(head.signature()) + ", key " +
                   HexEncode(head.key_id()));
  return entry;
}

v1::AuditChainEntry SealEntry(v1::AuditChainEntry draft, const AuditHead& head) {
  draft.set_sequence(head.entry_count + 1);
  draft.set_previous_hash(head.hash);
  draft.set_entry_hash(ComputeEntryHash(draft));
  return draft;
}

}  // namespace ansinh::monitoring
