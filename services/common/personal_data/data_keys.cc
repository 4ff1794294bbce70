#include "personal_data/data_keys.h"

#include <algorithm>

namespace ansinh::personal_data {
namespace {

std::string AssociatedData(const std::string& owner, const std::string& kek_id) {
  return "ansinh data key\x1f" + owner + "\x1f" + kek_id;
}

}  // namespace

v1::WrappedDataKey WrapDataKey(const AesKey& data_key, const std::string& owner, KeyRing& ring) {
  const Kek kek = ring.Current();
  v1::WrappedDataKey wrapped;
  wrapped.set_kek_id(kek.id);
  const std::string plain(reinterpret_cast<const char*>(data_key.data()), data_key.size());
  wrapped.set_wrapped(Seal(kek.key, plain, AssociatedData(owner, kek.id)));
  return wrapped;
}

std::optional<AesKey> UnwrapDataKey(const v1::WrappedDataKey& wrapped, const std::string& owner,
                                    KeyRing& ring) {
  const std::optional<AesKey> kek = ring.Find(wrapped.kek_id());
  if (!kek) return std::nullopt;
  const std::optional<std::string> plain =
      Open(*kek, wrapped.wrapped(), AssociatedData(owner, wrapped.kek_id()));
  if (!plain || plain->size() != kAesKeyBytes) return std::nullopt;
  AesKey data_key{};
  std::copy(plain->begin(), plain->end(), data_key.begin());
  return data_key;
}

std::optional<v1::WrappedDataKey> RewrapDataKey(const v1::WrappedDataKey& wrapped, const std::string& owner,
                                                KeyRing& ring) {
  if (wrapped.kek_id() == ring.Current().id) return wrapped;
  const std::optional<AesKey> data_key = UnwrapDataKey(wrapped, owner, ring);
  if (!data_key) return std::nullopt;
  return WrapDataKey(*data_key, owner, ring);
}

}  // namespace ansinh::personal_data
