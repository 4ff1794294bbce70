#include "classification/adapters/survey_store.h"

#include <stdexcept>

namespace ansinh::classification {
namespace {

v1::Survey ParseSurvey(const std::string& bytes) {
  v1::Survey survey;
  if (!survey.ParseFromString(bytes)) throw std::runtime_error("corrupt survey in Redis");
  return survey;
}

constexpr std::string_view kKeptPrefix = "kept:";

}  // namespace

std::string SurveyStore::KeptField(std::string_view survey_id) {
  return std::string(kKeptPrefix) + std::string(survey_id);
}

std::optional<v1::Survey> SurveyStore::LatestIn(const redis::Reply& hash) const {
  int latest_year = 0;
  const std::string* latest = nullptr;
  for (size_t i = 0; i + 1 < hash.elements.size(); i += 2) {
    // Surveys kept for official statuses are not any year's latest.
    if (hash.elements[i].str.starts_with(kKeptPrefix)) continue;
    const int year = std::stoi(hash.elements[i].str);
    if (latest == nullptr || year > latest_year) {
      latest_year = year;
      latest = &hash.elements[i + 1].str;
    }
  }
  if (latest == nullptr) return std::nullopt;
  return ParseSurvey(*latest);
}

std::optional<v1::Survey> SurveyStore::Latest(const std::string& household_id) {
  return LatestIn(redis_.Command({"HGETALL", keys_.Surveys(household_id)}));
}

std::vector<std::optional<v1::Survey>> SurveyStore::LatestOfMany(
    const std::vector<std::string>& household_ids) {
  std::vector<redis::Args> commands;
  for (const std::string& id : household_ids) commands.push_back({"HGETALL", keys_.Surveys(id)});
  std::vector<std::optional<v1::Survey>> surveys;
  if (commands.empty()) return surveys;
  for (const redis::Reply& reply : redis_.Pipeline(commands)) {
    if (reply.IsError()) throw std::runtime_error("reading surveys: " + reply.str);
    surveys.push_back(LatestIn(reply));
  }
  return surveys;
}

std::vector<std::optional<v1::Survey>> SurveyStore::OfYearForMany(
    const std::vector<std::string>& household_ids, int review_year) {
  std::vector<redis::Args> commands;
  for (const std::string& id : household_ids) {
    commands.push_back({"HGET", keys_.Surveys(id), std::to_string(review_year)});
  }
  std::vector<std::optional<v1::Survey>> surveys;
  if (commands.empty()) return surveys;
  for (const redis::Reply& reply : redis_.Pipeline(commands)) {
    if (reply.IsError()) throw std::runtime_error("reading surveys: " + reply.str);
    surveys.push_back(reply.IsNil() ? std::nullopt : std::optional(ParseSurvey(reply.str)));
  }
  return surveys;
}

std::vector<std::optional<v1::Survey>> SurveyStore::Referenced(
    const std::vector<SurveyReference>& references) {
  std::vector<redis::Args> commands;
  for (const SurveyReference& reference : references) {
    commands.push_back({"HMGET", keys_.Surveys(reference.household_id), std::to_string(reference.review_year),
                        KeptField(reference.survey_id)});
  }
  std::vector<std::optional<v1::Survey>> surveys;
  if (commands.empty()) return surveys;
  const std::vector<redis::Reply> replies = redis_.Pipeline(commands);
  for (size_t i = 0; i < replies.size(); ++i) {
    if (replies[i].IsError()) throw std::runtime_error("reading surveys: " + replies[i].str);
    std::optional<v1::Survey> found;
    for (const redis::Reply& candidate : replies[i].elements) {
      if (candidate.IsNil()) continue;
      v1::Survey survey = ParseSurvey(candidate.str);
      if (survey.survey_id() == references[i].survey_id) {
        found = std::move(survey);
        break;
      }
    }
    surveys.push_back(std::move(found));
  }
  return surveys;
}

std::optional<std::string> SurveyStore::DepartureOf(const std::string& household_id) {
  redis::Reply reply = redis_.Command({"HGET", keys_.DepartedOf(household_id), household_id});
  if (reply.IsNil()) return std::nullopt;
  return reply.str;
}

std::pair<std::string, std::vector<std::string>> SurveyStore::ScanSurveyed(int partition,
                                                                           const std::string& cursor,
                                                                           int count) {
  redis::Reply reply = redis_.Command(
      {"SSCAN", ClassificationKeys::Surveyed(partition), cursor, "COUNT", std::to_string(count)});
  if (!reply.IsArray() || reply.elements.size() != 2) throw std::runtime_error("unexpected SSCAN reply");
  std::vector<std::string> ids;
  for (const redis::Reply& id : reply.elements[1].elements) ids.push_back(id.str);
  return {reply.elements[0].str, std::move(ids)};
}

void SurveyStore::QueueSurvey(redis::Transaction& tx, const v1::Survey& survey, bool in_ward) const {
  tx.Add({"HSET", keys_.Surveys(survey.household_id()), std::to_string(survey.review_year()),
          survey.SerializeAsString()});
  if (in_ward) tx.Add({"SADD", keys_.SurveyedOf(survey.household_id()), survey.household_id()});
}

KnownHousehold SurveyStore::Know(const std::string& household_id) {
  const std::vector<redis::Reply> replies = redis_.Pipeline({
      {"HGET", keys_.HouseholdsOf(household_id), household_id},
      {"HGET", keys_.DepartedOf(household_id), household_id},
      {"HGET", keys_.StatusSummariesOf(household_id), household_id},
      {"EXISTS", keys_.Status(household_id)},
  });
  for (const redis::Reply& reply : replies) {
    if (reply.IsError()) throw std::runtime_error("reading what is known of a household: " + reply.str);
  }
  KnownHousehold known;
  if (!replies[1].IsNil()) known.departure = replies[1].str;
  if (!replies[0].IsNil()) {
    known.known = true;
    known.residential_group = replies[0].str;
    return known;
  }
  // Registered before registrations were consumed: its survey or its status
  // tells that it exists, and where it lives.
  if (std::optional<v1::Survey> latest = Latest(household_id)) {
    known.known = true;
    known.residential_group = latest->residential_group();
    return known;
  }
  if (!replies[2].IsNil()) {
    v1::HouseholdStatusSummary summary;
    if (!summary.ParseFromString(replies[2].str)) throw std::runtime_error("corrupt status summary in Redis");
    known.known = true;
    known.residential_group = summary.residential_group();
    return known;
  }
  known.known = replies[3].AsInteger() == 1;
  return known;
}

void SurveyStore::QueueRegistration(redis::Transaction& tx, const std::string& household_id,
                                    const std::string& residential_group) const {
  tx.Add({"HSET", keys_.HouseholdsOf(household_id), household_id, residential_group});
}

void SurveyStore::QueueKeep(redis::Transaction& tx, const std::string& household_id,
                            const std::string& survey_id, const std::string& survey_bytes) const {
  tx.Add({"HSET", keys_.Surveys(household_id), KeptField(survey_id), survey_bytes});
}

void SurveyStore::QueueDeparture(redis::Transaction& tx, const std::string& household_id,
                                 const std::string& why) const {
  tx.Add({"HSET", keys_.DepartedOf(household_id), household_id, why});
  tx.Add({"SREM", keys_.SurveyedOf(household_id), household_id});
}

}  // namespace ansinh::classification
