#include "commands/demo_history_player.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "commands/review_demo.h"
#include "demo_history/plan_days.h"
#include "enum_words.h"
#include "kernel/civil_date.h"
#include "kernel/ward_clock.h"
#include "output.h"
#include "registry/client/household_import_client.h"

namespace ansinh::cli {
namespace {

using demo_history::ActionKind;
using demo_history::PlannedAction;

// Calls in flight at once for the surveys and the actions of a year: each
// is a small transaction in Redis, which fsyncs its AOF once for all the
// writes of a turn of its event loop, so several at once cost little more
// than one.
constexpr size_t kConcurrentCalls = 8;
// The assignment service consumes the review's status events: a bounded wait.
constexpr auto kCaseWait = std::chrono::seconds(180);
constexpr auto kCasePoll = std::chrono::milliseconds(500);
constexpr auto kCaseProgressEvery = std::chrono::seconds(5);
// Cases carry their whole history: a modest page.
constexpr int kCasePageSize = 200;
// As for `ansinh import`: --timeout plus a second per hundred households.
constexpr int64_t kImportRowsPerSecondAllowed = 100;
// Mismatches named when the cases never come out as the review decided.
constexpr size_t kMismatchesShown = 10;

struct CallFailure {
  grpc::Status status;
  std::string what;
};

// Runs call(i) for every i below `count`, kConcurrentCalls at a time; the
// first failure stops the rest (calls under way finish) and is returned.
std::optional<CallFailure> RunConcurrently(size_t count,
                                           const std::function<grpc::Status(size_t, std::string&)>& call) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::optional<CallFailure> failure;
  const auto work = [&] {
    while (!failed) {
      const size_t i = next++;
      if (i >= count) return;
      std::string what;
      grpc::Status status = call(i, what);
      if (status.ok()) continue;
      std::lock_guard lock(mutex);
      if (!failure) failure = CallFailure{std::move(status), std::move(what)};
      failed = true;
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 0; t < std::min(count, kConcurrentCalls); ++t) threads.emplace_back(work);
  for (std::thread& thread : threads) thread.join();
  return failure;
}

// Support and visits are about one household; everything else (models,
// joinings, emergencies) is a step the ones after it may depend on.
bool AboutOneHousehold(const PlannedAction& action) {
  return action.kind() == ActionKind::kRecordSupport || action.kind() == ActionKind::kRecordVisit;
}

std::string KindWord(ActionKind kind) {
  switch (kind) {
    case ActionKind::kUpsertModel:
      return "UpsertLivelihoodModel";
    case ActionKind::kDeclareEmergency:
      return "DeclareEmergency";
    case ActionKind::kJoinModel:
      return "JoinLivelihoodModel";
    case ActionKind::kMarkAffected:
      return "MarkAffected";
    case ActionKind::kRecordSupport:
      return "RecordSupport";
    case ActionKind::kRecordVisit:
      return "RecordVisit";
    case ActionKind::kEndEmergency:
      return "EndEmergency";
  }
  return "?";
}

// A bulk operation's households that were refused, as one status.
grpc::Status RefusedOutcomes(const google::protobuf::RepeatedPtrField<v1::CaseOperationOutcome>& outcomes) {
  std::string refused;
  for (const v1::CaseOperationOutcome& outcome : outcomes) {
    if (outcome.done() || outcome.already()) continue;
    if (!refused.empty()) refused += "; ";
    refused += outcome.household_id() + ": " + Tr(outcome.refusal_text(), outcome.refusal());
  }
  return refused.empty() ? grpc::Status::OK : grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, refused);
}

// The case the ward works on: the household's latest, by case number.
std::map<std::string, const v1::Case*> LatestCases(const std::vector<v1::Case>& cases) {
  std::map<std::string, const v1::Case*> latest;
  for (const v1::Case& a_case : cases) {
    const v1::Case*& entry = latest[a_case.household_id()];
    if (entry == nullptr || a_case.case_number() > entry->case_number()) entry = &a_case;
  }
  return latest;
}

}  // namespace

HistoryPlayer::HistoryPlayer(const ClientOptions& options, const demo_history::HistoryPlan& plan,
                             std::ostream& out)
    : options_(options),
      plan_(plan),
      out_(out),
      registry_(v1::Registry::NewStub(options.Channel(options.registry))),
      assignment_(v1::Assignment::NewStub(options.Channel(options.assignment))) {}

int HistoryPlayer::Import() {
  const auto start = std::chrono::steady_clock::now();
  size_t next = 0;
  const auto make_context = [this] {
    auto context = options_.Context();
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(options_.timeout_seconds +
                                               registry::client::kRowsPerCall / kImportRowsPerSecondAllowed));
    return context;
  };
  const registry::client::ImportOutcome outcome = registry::client::StreamImport(
      *registry_, make_context,
      [&]() -> std::optional<v1::ImportHouseholdsRequest> {
        if (next == plan_.ward.size()) return std::nullopt;
        ++next;
        return registry::ToImportRow(plan_.ward[next - 1], static_cast<int64_t>(next));
      },
      static_cast<int64_t>(plan_.ward.size()), {});
  if (!outcome.status.ok()) return ReportError(outcome.status, Tr("doing.demo_history.import"));
  household_ids_.assign(plan_.ward.size(), "");
  for (const v1::ImportRowResult& row : outcome.response.results()) {
    const auto index = static_cast<size_t>(row.row_number() - 1);
    if (row.has_imported() && index < household_ids_.size()) {
      household_ids_[index] = row.imported().household_id();
      continue;
    }
    std::cerr << Tr("cli.demo_history.rejected", {{"row", row.row_number()}}) << "\n";
    for (const auto& violation : row.rejected().field_violations()) {
      std::cerr << "  " << violation.field() << ": " << violation.description() << "\n";
    }
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out_ << Tr("cli.demo_history.imported", {{"households", static_cast<int64_t>(household_ids_.size())},
                                           {"year", plan_.years.front().review_year},
                                           {"seconds", static_cast<int64_t>(seconds + 0.5)}})
       << std::endl;
  return 0;
}

int HistoryPlayer::PlayYear(const demo_history::YearPlan& year) {
  const auto start = std::chrono::steady_clock::now();
  PlayedYear played;
  played.review_year = year.review_year;
  out_ << "\n"
       << Tr("cli.demo_history.year", {{"year", year.review_year}, {"standard", year.standard_id}})
       << std::endl;
  if (year.review_year != plan_.years.front().review_year) {
    if (int code = PlayActions(year, played); code != 0) return code;
    if (int code = RecordSurveys(year, played); code != 0) return code;
  }
  if (int code = Review(year, played); code != 0) return code;
  if (int code = WaitForCases(year); code != 0) return code;
  if (int code = AssignHelpers(year.review_year); code != 0) return code;
  played.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  played_.push_back(std::move(played));
  return 0;
}

int HistoryPlayer::PlayActions(const demo_history::YearPlan& year, PlayedYear& played) {
  // Runs the support and visits gathered since the last step, households
  // side by side, each household's in order.
  std::vector<const PlannedAction*> pending;
  const auto flush = [&]() -> int {
    std::map<size_t, std::vector<const PlannedAction*>> by_household;
    for (const PlannedAction* action : pending) by_household[action->households.front()].push_back(action);
    pending.clear();
    std::vector<const std::vector<const PlannedAction*>*> lists;
    for (const auto& [household, actions] : by_household) lists.push_back(&actions);
    const std::optional<CallFailure> failure =
        RunConcurrently(lists.size(), [&](size_t i, std::string& what) {
          for (const PlannedAction* action : *lists[i]) {
            grpc::Status status = Play(*action, what);
            if (!status.ok()) return status;
          }
          return grpc::Status::OK;
        });
    return failure ? ReportError(failure->status, failure->what) : 0;
  };
  for (const PlannedAction& action : year.actions) {
    ++played.actions[action.kind()];
    if (AboutOneHousehold(action)) {
      pending.push_back(&action);
      continue;
    }
    if (int code = flush(); code != 0) return code;
    std::string what;
    if (grpc::Status status = Play(action, what); !status.ok()) return ReportError(status, what);
  }
  if (int code = flush(); code != 0) return code;
  const auto count = [&](ActionKind kind) { return played.actions[kind]; };
  int64_t joinings = 0;
  for (const PlannedAction& action : year.actions) {
    if (action.kind() == ActionKind::kJoinModel) joinings += static_cast<int64_t>(action.households.size());
  }
  out_ << Tr("cli.demo_history.actions", {{"year", year.review_year},
                                          {"support", count(ActionKind::kRecordSupport)},
                                          {"visits", count(ActionKind::kRecordVisit)},
                                          {"models", count(ActionKind::kUpsertModel)},
                                          {"joinings", joinings},
                                          {"emergencies", count(ActionKind::kDeclareEmergency)}})
       << std::endl;
  return 0;
}

grpc::Status HistoryPlayer::Play(const PlannedAction& action, std::string& what) {
  std::string households;
  for (size_t household : action.households) {
    if (!households.empty()) households += ", ";
    households += household_ids_.at(household);
  }
  what = Tr("doing.demo_history.action", {{"action", KindWord(action.kind())},
                                          {"date", FormatIsoDate(action.date)},
                                          {"households", households.empty() ? "-" : households}});
  const auto case_of = [this](size_t household) {
    const auto found = cases_.find(household);
    return found == cases_.end() ? std::string() : found->second;
  };
  const auto emergency_id = [this](int emergency) {
    const auto found = emergency_ids_.find(emergency);
    return found == emergency_ids_.end() ? std::string() : found->second;
  };
  auto context = options_.Context();
  switch (action.kind()) {
    case ActionKind::kUpsertModel: {
      v1::UpsertLivelihoodModelResponse response;
      return assignment_->UpsertLivelihoodModel(
          context.get(), std::get<v1::UpsertLivelihoodModelRequest>(action.request), &response);
    }
    case ActionKind::kDeclareEmergency: {
      v1::DeclareEmergencyResponse response;
      grpc::Status status = assignment_->DeclareEmergency(
          context.get(), std::get<v1::DeclareEmergencyRequest>(action.request), &response);
      if (status.ok()) emergency_ids_[action.emergency] = response.emergency().emergency_id();
      return status;
    }
    case ActionKind::kJoinModel: {
      v1::JoinLivelihoodModelRequest request = std::get<v1::JoinLivelihoodModelRequest>(action.request);
      for (size_t household : action.households) request.add_household_ids(household_ids_.at(household));
      v1::JoinLivelihoodModelResponse response;
      grpc::Status status = assignment_->JoinLivelihoodModel(context.get(), request, &response);
      return status.ok() ? RefusedOutcomes(response.outcomes()) : status;
    }
    case ActionKind::kMarkAffected: {
      v1::MarkAffectedRequest request = std::get<v1::MarkAffectedRequest>(action.request);
      request.set_emergency_id(emergency_id(action.emergency));
      for (size_t household : action.households) request.add_household_ids(household_ids_.at(household));
      v1::MarkAffectedResponse response;
      grpc::Status status = assignment_->MarkAffected(context.get(), request, &response);
      return status.ok() ? RefusedOutcomes(response.outcomes()) : status;
    }
    case ActionKind::kRecordSupport: {
      v1::RecordSupportRequest request = std::get<v1::RecordSupportRequest>(action.request);
      request.set_case_id(case_of(action.households.front()));
      if (action.emergency >= 0) request.set_emergency_id(emergency_id(action.emergency));
      v1::RecordSupportResponse response;
      return assignment_->RecordSupport(context.get(), request, &response);
    }
    case ActionKind::kRecordVisit: {
      v1::RecordVisitRequest request = std::get<v1::RecordVisitRequest>(action.request);
      request.set_case_id(case_of(action.households.front()));
      v1::RecordVisitResponse response;
      return assignment_->RecordVisit(context.get(), request, &response);
    }
    case ActionKind::kEndEmergency: {
      v1::EndEmergencyRequest request = std::get<v1::EndEmergencyRequest>(action.request);
      request.set_emergency_id(emergency_id(action.emergency));
      v1::EndEmergencyResponse response;
      return assignment_->EndEmergency(context.get(), request, &response);
    }
  }
  return grpc::Status(grpc::StatusCode::INTERNAL, "unknown action");
}

int HistoryPlayer::RecordSurveys(const demo_history::YearPlan& year, PlayedYear& played) {
  const auto start = std::chrono::steady_clock::now();
  const std::optional<CallFailure> failure = RunConcurrently(year.surveys.size(), [&](size_t i,
                                                                                      std::string& what) {
    v1::RecordSurveyRequest request;
    v1::Survey& survey = *request.mutable_survey();
    survey = year.surveys[i];
    // The registry numbers the survey and snapshots the household itself.
    survey.clear_survey_id();
    survey.clear_members();
    survey.clear_area_type();
    survey.clear_residential_group();
    survey.set_household_id(household_ids_.at(i));
    what = Tr("doing.demo_history.survey", {{"household", household_ids_.at(i)}, {"year", year.review_year}});
    v1::RecordSurveyResponse response;
    auto context = options_.Context();
    return registry_->RecordSurvey(context.get(), request, &response);
  });
  if (failure) return ReportError(failure->status, failure->what);
  played.surveys = static_cast<int64_t>(year.surveys.size());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out_ << Tr("cli.demo_history.surveys", {{"count", played.surveys},
                                          {"year", year.review_year},
                                          {"seconds", static_cast<int64_t>(seconds + 0.5)}})
       << std::endl;
  return 0;
}

int HistoryPlayer::Review(const demo_history::YearPlan& year, PlayedYear& played) {
  // The review's own lines are progress here; --json prints the summary only.
  ClientOptions quiet = options_;
  quiet.json = false;
  const ReviewDemoOutcome outcome =
      RunReviewDemo(quiet, year.review_year, FormatIsoDate(year.decision_date), out_);
  if (outcome.exit_code != 0) return outcome.exit_code;
  played.round_id = outcome.round_id;
  played.standard_id = outcome.standard_id;
  played.decision_date = outcome.decision_date;
  played.approved = outcome.approved;
  return 0;
}

int HistoryPlayer::ListAllCases(std::vector<v1::Case>& cases) {
  cases.clear();
  v1::ListCasesRequest request;
  request.mutable_page()->set_page_size(kCasePageSize);
  do {
    v1::ListCasesResponse response;
    auto context = options_.Context();
    const grpc::Status status = assignment_->ListCases(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, Tr("doing.list_cases"));
    for (v1::Case& a_case : *response.mutable_cases()) cases.push_back(std::move(a_case));
    request.mutable_page()->set_page_token(response.page().next_page_token());
  } while (!request.page().page_token().empty());
  return 0;
}

int HistoryPlayer::WaitForCases(const demo_history::YearPlan& year) {
  std::map<std::string, size_t> index_of;
  for (size_t i = 0; i < household_ids_.size(); ++i) index_of[household_ids_[i]] = i;
  const auto start = std::chrono::steady_clock::now();
  auto last_progress = start;
  std::vector<v1::Case> cases;
  while (true) {
    if (int code = ListAllCases(cases); code != 0) return code;
    const std::map<std::string, const v1::Case*> latest = LatestCases(cases);
    // Every household on a list has an open case of its category; every
    // other household with a case has left the open state.
    std::vector<std::string> mismatches;
    for (size_t i = 0; i < household_ids_.size(); ++i) {
      const v1::PovertyCategory category = year.outcomes[i].category;
      const auto found = latest.find(household_ids_[i]);
      const v1::Case* a_case = found == latest.end() ? nullptr : found->second;
      const bool listed = demo_history::IsOnList(category);
      const bool as_decided = listed ? a_case != nullptr && a_case->state() == v1::CASE_STATE_OPEN &&
                                           a_case->category() == category
                                     : a_case == nullptr || a_case->state() != v1::CASE_STATE_OPEN;
      if (!as_decided) {
        mismatches.push_back(household_ids_[i] + ": " + EnumWords(category) + ", " +
                             (a_case == nullptr ? std::string("-")
                                                : a_case->case_id() + " " + EnumWords(a_case->state()) + " " +
                                                      EnumWords(a_case->category())));
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (mismatches.empty()) {
      cases_.clear();
      for (const auto& [household, a_case] : latest) {
        const auto index = index_of.find(household);
        if (index != index_of.end() && a_case->state() != v1::CASE_STATE_CLOSED) {
          cases_[index->second] = a_case->case_id();
        }
      }
      return 0;
    }
    if (now - start >= kCaseWait) {
      std::cerr << Tr("cli.demo_history.cases_not_as_decided",
                      {{"year", year.review_year},
                       {"count", static_cast<int64_t>(mismatches.size())},
                       {"seconds", static_cast<int64_t>(kCaseWait.count())}})
                << "\n";
      for (size_t m = 0; m < mismatches.size() && m < kMismatchesShown; ++m)
        std::cerr << "  " << mismatches[m] << "\n";
      return 1;
    }
    if (now - last_progress >= kCaseProgressEvery) {
      last_progress = now;
      std::cerr << Tr("cli.demo_history.waiting_for_cases",
                      {{"count", static_cast<int64_t>(mismatches.size())}, {"year", year.review_year}})
                << "\n";
    }
    std::this_thread::sleep_for(kCasePoll);
  }
}

// The day a demo helper takes a case on: a few days after it opened (or
// reopened), as the ward's paper records would have it, never after today.
std::string HistoryPlayer::HelperTakesOn(const v1::Case& a_case) const {
  constexpr int kDaysToFindAHelper = 3;
  const CivilDate today = WardClock().Today();
  std::optional<CivilDate> latest = ParseIsoDate(a_case.opened_on());
  if (const std::optional<CivilDate> reopened = ParseIsoDate(a_case.reopened_on()); reopened && latest) {
    latest = std::max(*latest, *reopened);
  }
  if (!latest) return "";
  return FormatIsoDate(std::min(AddDays(*latest, kDaysToFindAHelper), today));
}

int HistoryPlayer::AssignHelpers(int year) {
  v1::ListHelpersResponse helpers;
  {
    auto context = options_.Context();
    const grpc::Status status = assignment_->ListHelpers(context.get(), v1::ListHelpersRequest(), &helpers);
    if (!status.ok()) return ReportError(status, Tr("doing.list_helpers"));
  }
  std::vector<v1::Case> cases;
  if (int code = ListAllCases(cases); code != 0) return code;
  std::map<std::string, int> load;
  for (const v1::Case& a_case : cases) {
    if (a_case.state() == v1::CASE_STATE_OPEN && !a_case.helper_id().empty()) ++load[a_case.helper_id()];
  }
  int64_t assigned = 0;
  int64_t waiting = 0;
  for (const v1::Case& a_case : cases) {
    if (a_case.state() != v1::CASE_STATE_OPEN || !a_case.helper_id().empty()) continue;
    // The least loaded helper of the case's organization with room, ties to the first by id.
    const v1::Helper* chosen = nullptr;
    for (const v1::Helper& helper : helpers.helpers()) {
      if (!helper.active() || helper.organization_id() != a_case.organization_id()) continue;
      if (load[helper.id()] >= helper.max_caseload()) continue;
      if (chosen == nullptr || load[helper.id()] < load[chosen->id()] ||
          (load[helper.id()] == load[chosen->id()] && helper.id() < chosen->id())) {
        chosen = &helper;
      }
    }
    if (chosen == nullptr) {
      ++waiting;
      continue;
    }
    v1::AssignHelperRequest request;
    request.set_case_id(a_case.case_id());
    request.set_helper_id(chosen->id());
    request.set_reason(Tr("cli.demo_history.helper_reason", {{"year", year}}));
    request.set_assigned_on(HelperTakesOn(a_case));
    v1::Case response;
    auto context = options_.Context();
    const grpc::Status status = assignment_->AssignHelper(context.get(), request, &response);
    if (!status.ok())
      return ReportError(status, Tr("doing.demo_history.assign_helper", {{"case", a_case.case_id()}}));
    ++load[chosen->id()];
    ++assigned;
  }
  out_ << Tr("cli.demo_history.helpers", {{"assigned", assigned}}) << std::endl;
  if (waiting > 0) out_ << Tr("cli.demo_history.helpers_waiting", {{"waiting", waiting}}) << std::endl;
  return 0;
}

int HistoryPlayer::CountCases(CaseCounts& counts) {
  std::vector<v1::Case> cases;
  if (int code = ListAllCases(cases); code != 0) return code;
  counts = {};
  for (const v1::Case& a_case : cases) {
    switch (a_case.state()) {
      case v1::CASE_STATE_OPEN:
        ++counts.open;
        if (a_case.helper_id().empty()) ++counts.without_helper;
        break;
      case v1::CASE_STATE_FOLLOW_UP:
        ++counts.follow_up;
        break;
      default:
        ++counts.closed;
        break;
    }
    counts.support_records += a_case.support_records_size();
    counts.visits += a_case.visits_size();
    counts.model_participations += a_case.participations_size();
  }
  return 0;
}

}  // namespace ansinh::cli
