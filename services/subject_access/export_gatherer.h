#pragma once

// Gathers a subject access export from every service over gRPC, as any
// client with the caller's token would: the services never call each other
// (docs/architecture.md), so the client assembles (the CLI's
// `ansinh household export-data`; the web console could do the same).

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "ansinh/v1/subject_access.pb.h"

namespace ansinh::subject_access {

struct ServiceChannels {
  std::shared_ptr<grpc::Channel> registry;
  std::shared_ptr<grpc::Channel> classification;
  std::shared_ptr<grpc::Channel> assignment;
  std::shared_ptr<grpc::Channel> monitoring;
};

// A fresh context for each call, carrying the caller's token.
using ContextFactory = std::function<std::unique_ptr<grpc::ClientContext>()>;

struct Gathered {
  // OK, or the first call that failed; nothing is returned then.
  grpc::Status status;
  // That call, e.g. "Registry.GetHouseholdRecord".
  std::string failed_call;
  v1::SubjectAccessExport exported;
};

// The export of `household_id`, or of its member `member_id` (member_scope.h):
// first Monitoring.RecordSubjectAccessExport, which records the export in the
// audit chain before anything is read and gives the history; then the
// registry's record and surveys, the correction requests, the official
// status and the latest survey's classification, every case of the household.
// A household never approved, never classified or without a case simply
// lacks those parts. NOT_FOUND (failed_call "Registry.GetHouseholdRecord")
// when the household has no such member.
Gathered GatherExport(const ServiceChannels& channels, const ContextFactory& context,
                      const std::string& household_id, const std::string& member_id);

}  // namespace ansinh::subject_access
