#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "classification/adapters/classification_keys.h"
#include "classification/core/round_list.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// Where an approved result's survey is: the household's survey of
// `review_year`, or the one kept when a later survey of that year replaced it.
struct SurveyReference {
  std::string household_id;
  int review_year = 0;
  std::string survey_id;
};

// The surveys the registry published, as this service keeps them: per
// household, the latest survey of each review year, so classification and
// what-if never call the registry, and a round opened later finds the surveys
// of its year; and a survey an official status references, kept when a later
// survey of its year replaces it, so the status's explanation can still be
// re-derived (docs/classification.md, "Official statuses"). Also who left the
// ward (moved out, dissolved), and which households the registry registered,
// so an officer adds to a round's list only a household that exists.
class SurveyStore {
 public:
  // The field of the household's surveys hash that keeps a replaced survey
  // an official status references ("kept:<survey id>"); the latest of each
  // year is under the year's digits.
  static std::string KeptField(std::string_view survey_id);

  SurveyStore(redis::Connection& redis, const ClassificationKeys& keys) : redis_(redis), keys_(keys) {}

  // The household's survey of its latest review year.
  std::optional<v1::Survey> Latest(const std::string& household_id);
  std::vector<std::optional<v1::Survey>> LatestOfMany(const std::vector<std::string>& household_ids);
  std::vector<std::optional<v1::Survey>> OfYearForMany(const std::vector<std::string>& household_ids,
                                                       int review_year);
  // The surveys referenced, each nullopt when the service has neither the
  // latest of its year with that id nor a kept one; one round trip.
  std::vector<std::optional<v1::Survey>> Referenced(const std::vector<SurveyReference>& references);
  // Why the household left the ward; nullopt while it is in the ward.
  std::optional<std::string> DepartureOf(const std::string& household_id);
  // What the service knows of a household: known when registered (since
  // registrations are consumed), surveyed or ever approved; where it lives
  // and whether it left.
  KnownHousehold Know(const std::string& household_id);

  // One SSCAN step over the households of `partition` with a survey that
  // are still in the ward: returns the next cursor ("0" when done) and a
  // batch of ids.
  std::pair<std::string, std::vector<std::string>> ScanSurveyed(int partition, const std::string& cursor,
                                                                int count);

  // Keeps `survey` as its household's latest of its review year; `in_ward`
  // false for a household that already left (it is kept, not listed).
  void QueueSurvey(redis::Transaction& tx, const v1::Survey& survey, bool in_ward) const;
  // Keeps `survey_bytes`, the serialized survey `survey_id` of the
  // household, under KeptField, before a later survey of its year replaces it.
  void QueueKeep(redis::Transaction& tx, const std::string& household_id, const std::string& survey_id,
                 const std::string& survey_bytes) const;
  void QueueDeparture(redis::Transaction& tx, const std::string& household_id, const std::string& why) const;
  // Keeps a registered household and its residential group.
  void QueueRegistration(redis::Transaction& tx, const std::string& household_id,
                         const std::string& residential_group) const;

 private:
  std::optional<v1::Survey> LatestIn(const redis::Reply& hash) const;

  redis::Connection& redis_;
  const ClassificationKeys& keys_;
};

}  // namespace ansinh::classification
