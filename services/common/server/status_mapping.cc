#include "server/status_mapping.h"

#include <grpcpp/support/error_details.h>
#include <spdlog/spdlog.h>

#include <exception>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redis/redis_error.h"

namespace ansinh::server {

namespace {

grpc::StatusCode CodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case ErrorCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case ErrorCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
  }
  return grpc::StatusCode::INTERNAL;
}

google::rpc::ErrorInfo MakeErrorInfo(std::string_view domain, const std::string& key,
                                     const MessageArgs& args) {
  google::rpc::ErrorInfo info;
  info.set_reason(key);
  info.set_domain(std::string(domain));
  for (const auto& [name, value] : args) (*info.mutable_metadata())[name] = value;
  return info;
}

// `text` cut to at most `limit` bytes, on a UTF-8 character boundary, with
// an ellipsis when something was cut.
std::string Bounded(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

// The approximate bytes a violation adds to the status details: its
// BadRequest entry and, when keyed, its ErrorInfo.
size_t DetailBytes(const FieldViolation& violation) {
  size_t bytes = violation.field.size() + violation.description.size() + 8;
  if (violation.key.empty()) return bytes;
  bytes += violation.key.size() + violation.field.size() + std::string_view(kViolationDomain).size() + 64;
  for (const auto& [name, value] : violation.args) bytes += name.size() + value.size() + 4;
  return bytes;
}

// The violations that fit kMaxDetailBytes, then one more saying how many were
// left out. Without the bound, a refusal naming hundreds of households (an
// approval of a large round) overflows the client's metadata limit and the
// user sees a transport error instead of the refusal.
FieldViolations BoundedViolations(const FieldViolations& violations) {
  FieldViolations kept;
  size_t bytes = 0;
  for (const FieldViolation& violation : violations) {
    FieldViolation bounded = violation;
    bounded.field = Bounded(violation.field, kMaxFieldTextBytes);
    bounded.description = Bounded(violation.description, kMaxFieldTextBytes);
    for (auto& [name, value] : bounded.args) value = Bounded(value, kMaxFieldTextBytes);
    bytes += DetailBytes(bounded);
    if (bytes > kMaxDetailBytes) break;
    kept.push_back(std::move(bounded));
  }
  if (kept.size() < violations.size()) {
    const std::string left_out = std::to_string(violations.size() - kept.size());
    kept.push_back({"", "and " + left_out + " more problems", "violation.more", {{"count", left_out}}});
  }
  return kept;
}

grpc::Status RichStatus(grpc::StatusCode code, const std::string& full_message, const std::string& key,
                        const MessageArgs& args, const FieldViolations& all_violations) {
  const std::string message = Bounded(full_message, kMaxMessageBytes);
  const FieldViolations violations = BoundedViolations(all_violations);
  bool keyed_violation = false;
  for (const FieldViolation& violation : violations)
    keyed_violation = keyed_violation || !violation.key.empty();
  if (violations.empty() && key.empty()) return {code, message};
  google::rpc::Status rich;
  rich.set_code(code);
  rich.set_message(message);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const FieldViolation& violation : violations) {
      auto* item = bad_request.add_field_violations();
      item->set_field(violation.field);
      item->set_description(violation.description);
    }
    rich.add_details()->PackFrom(bad_request);
  }
  if (!key.empty()) {
    MessageArgs bounded_args;
    for (const auto& [name, value] : args) bounded_args[name] = Bounded(value, kMaxFieldTextBytes);
    rich.add_details()->PackFrom(MakeErrorInfo(kErrorDomain, key, bounded_args));
  }
  if (keyed_violation) {
    for (const FieldViolation& violation : violations) {
      if (violation.key.empty()) continue;
      google::rpc::ErrorInfo info = MakeErrorInfo(kViolationDomain, violation.key, violation.args);
      (*info.mutable_metadata())["field"] = violation.field;
      rich.add_details()->PackFrom(info);
    }
  }
  grpc::Status status;
  grpc::SetErrorDetails(rich, &status);
  return status;
}

}  // namespace

grpc::Status ToStatus(const Error& error) {
  return RichStatus(CodeOf(error.code), error.message, error.key, error.args, error.violations);
}

grpc::Status KeyedStatus(grpc::StatusCode code, std::string message, std::string key, MessageArgs args) {
  return RichStatus(code, message, key, args, {});
}

grpc::Status StatusFromCurrentException(const std::string& method) {
  try {
    throw;
  } catch (const redis::TimeoutError& error) {
    spdlog::warn("{}: {}", method, error.what());
    return KeyedStatus(grpc::StatusCode::UNAVAILABLE, "the data store did not answer in time; retry later",
                       "error.store.timeout");
  } catch (const redis::ReplicationError& error) {
    // Before ConnectionError, which it extends: the write did happen on the
    // master, so the caller must not be told it was lost (docs/operations.md,
    // "Redis Cluster").
    spdlog::warn("{}: {}", method, error.what());
    return KeyedStatus(
        grpc::StatusCode::UNAVAILABLE,
        "the change was saved but not yet copied to a standby data store; check whether it took "
        "effect before retrying",
        "error.store.unreplicated");
  } catch (const redis::ConnectionError& error) {
    spdlog::warn("{}: {}", method, error.what());
    return KeyedStatus(grpc::StatusCode::UNAVAILABLE, "the data store is unreachable; retry later",
                       "error.store.unreachable");
  } catch (const redis::TransactionAborted& error) {
    return KeyedStatus(grpc::StatusCode::ABORTED, "a concurrent change got there first; read again and retry",
                       "error.concurrent_change");
  } catch (const std::exception& error) {
    spdlog::error("{}: internal error: {}", method, error.what());
    return KeyedStatus(grpc::StatusCode::INTERNAL, "internal error in " + method, "error.internal",
                       {{"method", method}});
  } catch (...) {
    spdlog::error("{}: unknown internal error", method);
    return KeyedStatus(grpc::StatusCode::INTERNAL, "internal error in " + method, "error.internal",
                       {{"method", method}});
  }
}

}  // namespace ansinh::server
