#include "commands/review_demo.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/group_meeting_command.h"
#include "enum_words.h"
#include "output.h"

namespace ansinh::cli {
namespace {

// The demo's paper trail: the days the steps happened in the ward, and the
// meeting every household gets (17 of 20 agree, well above the 50% needed).
constexpr std::string_view kDemoOpenedDay = "-11-03";
constexpr std::string_view kDemoMeetingDay = "-11-10";
constexpr std::string_view kDemoPostedDay = "-11-17";
constexpr int kDemoAttendees = 20;
constexpr int kDemoAgreed = 17;
// The exclusion's reason, recorded in the round in the run's language.
constexpr std::string_view kDemoExclusionReasonKey = "cli.review_demo.exclusion_reason";
// The demo chairman's decision, numbered per year: "01/QĐ-UBND-DEMO-2025".
constexpr std::string_view kDemoDecisionNumber = "01/QĐ-UBND-DEMO";
// A residential group's households fit one meeting's minutes.
constexpr size_t kDemoHouseholdsPerMeeting = 500;
// Surveys recorded before the opening join the round while it opens, the
// rest as the service consumes the registry's events: a bounded wait.
constexpr auto kDemoJoinWait = std::chrono::seconds(120);
// Households without a survey of the year never join: once the count has
// stopped growing for this long, every survey the registry holds is in.
constexpr auto kDemoJoinSettled = std::chrono::seconds(10);
constexpr auto kDemoPollInterval = std::chrono::milliseconds(500);
// Approval writes every household's official status: more than a usual call.
constexpr auto kDemoApprovalDeadline = std::chrono::seconds(120);

// "1 household", "3 households"; "3 hộ".
std::string CountedHouseholds(int count) { return Tr("cli.households", {{"count", count}}); }

struct WardHousehold {
  std::string id;
  std::string group;
};

class ReviewDemo {
 public:
  // The chairman's decision approving the demo's round is dated
  // `decision_date`: today by the ward's calendar unless given.
  ReviewDemo(const ClientOptions& options, int year, std::string decision_date, std::ostream& out)
      : options_(options),
        year_(year),
        decision_date_(std::move(decision_date)),
        out_(out),
        stub_(v1::Classification::NewStub(options.Channel(options.classification))) {}

  // The exit code: 0 when the round is approved (now or before).
  int Run() {
    std::optional<v1::ReviewRound> round;
    if (int code = FindRound(round); code != 0) return code;
    if (round) {
      outcome_.round_id = round->round_id();
      outcome_.standard_id = round->standard_id();
    }
    if (round && round->status() == v1::ROUND_STATUS_APPROVED) {
      outcome_.approved_before = true;
      out_ << Tr("cli.review_demo.already_approved", {{"round", round->round_id()},
                                                      {"date", round->approved_date()},
                                                      {"by", round->approved_by()},
                                                      {"year", year_}})
           << "\n";
      return 0;
    }
    if (round) {
      out_ << Tr("cli.review_demo.continuing", {{"round", round->round_id()}, {"date", round->opened_date()}})
           << "\n";
    } else {
      round.emplace();
      if (int code = OpenRound(*round); code != 0) return code;
      outcome_.round_id = round->round_id();
      outcome_.standard_id = round->standard_id();
      out_ << Tr("cli.review_demo.opened", {{"round", round->round_id()}, {"date", round->opened_date()}})
           << "\n";
    }
    // A round continued from an earlier opening may postdate the demo's days.
    const std::string meeting_date = std::max(Day(kDemoMeetingDay), round->opened_date());
    const std::string posted_date = std::max(Day(kDemoPostedDay), meeting_date);

    std::vector<WardHousehold> ward;
    if (int code = ListWard(ward); code != 0) return code;
    if (ward.empty()) {
      std::cerr << Tr("cli.review_demo.empty_registry") << "\n";
      return 1;
    }
    v1::RoundProgress progress;
    if (int code = WaitForSurveys(round->round_id(), static_cast<int>(ward.size()), progress); code != 0) {
      return code;
    }
    if (progress.proposed() > 0) {
      if (int code = RecordMeetings(round->round_id(), ward, meeting_date); code != 0) return code;
      if (int code = Progress(round->round_id(), progress); code != 0) return code;
    }
    if (progress.agreed() > 0) {
      if (int code = Post(round->round_id(), posted_date); code != 0) return code;
    }
    if (int code = Progress(round->round_id(), progress); code != 0) return code;
    return Approve(round->round_id(), progress);
  }

  // What Run did, for `ansinh demo history`.
  const ReviewDemoOutcome& outcome() const { return outcome_; }

 private:
  std::string Day(std::string_view month_day) const { return std::to_string(year_) + std::string(month_day); }

  int FindRound(std::optional<v1::ReviewRound>& found) {
    v1::ListRoundsRequest request;
    request.set_review_year(year_);
    request.mutable_page()->set_page_size(500);
    v1::ListRoundsResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->ListRounds(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, Tr("doing.list_rounds_of", {{"year", year_}}));
    for (const v1::ReviewRound& round : response.rounds()) {
      if (round.kind() == v1::REVIEW_KIND_PERIODIC) found = round;
    }
    return 0;
  }

  int OpenRound(v1::ReviewRound& opened) {
    v1::OpenRoundRequest request;
    request.set_review_year(year_);
    request.set_kind(v1::REVIEW_KIND_PERIODIC);
    request.set_opened_on(Day(kDemoOpenedDay));
    v1::OpenRoundResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->OpenRound(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, Tr("doing.open_round_of", {{"year", year_}}));
    opened = response.round();
    return 0;
  }

  int ListWard(std::vector<WardHousehold>& ward) {
    auto registry = v1::Registry::NewStub(options_.Channel(options_.registry));
    v1::ListHouseholdsRequest request;
    request.set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
    request.mutable_page()->set_page_size(500);
    do {
      v1::ListHouseholdsResponse response;
      auto context = options_.Context();
      const grpc::Status status = registry->ListHouseholds(context.get(), request, &response);
      if (!status.ok()) return ReportError(status, Tr("doing.list_ward_households"));
      for (const v1::Household& household : response.households()) {
        ward.push_back({household.household_id(), household.residential_group()});
      }
      request.mutable_page()->set_page_token(response.page().next_page_token());
    } while (!request.page().page_token().empty());
    return 0;
  }

  int Progress(const std::string& round_id, v1::RoundProgress& progress) {
    v1::GetRoundProgressRequest request;
    request.set_round_id(round_id);
    v1::GetRoundProgressResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->GetRoundProgress(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, Tr("doing.read_progress"));
    progress = response.progress();
    return 0;
  }

  int WaitForSurveys(const std::string& round_id, int households, v1::RoundProgress& progress) {
    const auto start = std::chrono::steady_clock::now();
    auto last_growth = start;
    int last_surveyed = -1;
    while (true) {
      if (int code = Progress(round_id, progress); code != 0) return code;
      const auto now = std::chrono::steady_clock::now();
      if (progress.surveyed() != last_surveyed) {
        last_surveyed = progress.surveyed();
        last_growth = now;
        std::cerr << Tr("cli.review_demo.joined",
                        {{"round", round_id}, {"count", last_surveyed}, {"households", households}})
                  << "\n";
      }
      // Surveys recorded before the opening may still be joining (a large
      // import being consumed): until they are in, the count can still grow.
      const bool joining = progress.earlier_surveys_joining();
      if (progress.surveyed() >= households && !joining) return 0;
      if (progress.surveyed() > 0 && !joining && now - last_growth >= kDemoJoinSettled) {
        std::cerr << Tr("cli.review_demo.without_survey",
                        {{"households", CountedHouseholds(households - progress.surveyed())},
                         {"year", year_}})
                  << "\n";
        return 0;
      }
      if (now - start >= kDemoJoinWait) {
        std::cerr << Tr("cli.review_demo.none_joined",
                        {{"year", year_}, {"round", round_id}, {"seconds", kDemoJoinWait.count()}})
                  << "\n";
        return 1;
      }
      std::this_thread::sleep_for(kDemoPollInterval);
    }
  }

  // One meeting per residential group about every household of the group,
  // as wards hold them. The round cannot list its households, so each group
  // lists all of its households: those the round refuses (not in it, or no
  // longer PROPOSED: met already, unclassifiable) are left out of the
  // minutes, which also makes a second run harmless.
  int RecordMeetings(const std::string& round_id, const std::vector<WardHousehold>& ward,
                     const std::string& meeting_date) {
    std::map<std::string, std::vector<std::string>> groups;
    for (const WardHousehold& household : ward) groups[household.group].push_back(household.id);
    int recorded = 0;
    int meetings = 0;
    for (const auto& [group, households] : groups) {
      for (size_t start = 0; start < households.size(); start += kDemoHouseholdsPerMeeting) {
        v1::RecordGroupMeetingRequest request;
        request.set_round_id(round_id);
        request.set_meeting_date(meeting_date);
        request.set_minutes_reference("BB-" + group + "-" + std::to_string(year_));
        for (size_t i = start; i < households.size() && i < start + kDemoHouseholdsPerMeeting; ++i) {
          v1::GroupMeetingDecision* decision = request.add_decisions();
          decision->set_household_id(households[i]);
          decision->set_attendees(kDemoAttendees);
          decision->set_agreed(kDemoAgreed);
        }
        const GroupMeetingOutcome outcome =
            RecordGroupMeetingSkippingRefused(*stub_, options_, std::move(request));
        if (!outcome.status.ok())
          return ReportError(outcome.status, Tr("doing.record_group_meeting_of", {{"group", group}}));
        recorded += outcome.recorded;
        if (outcome.recorded > 0) ++meetings;
      }
    }
    out_ << Tr("cli.review_demo.meetings", {{"meetings", meetings},
                                            {"households", recorded},
                                            {"date", meeting_date},
                                            {"agreed", kDemoAgreed},
                                            {"attendees", kDemoAttendees}})
         << "\n";
    return 0;
  }

  int Post(const std::string& round_id, const std::string& posted_date) {
    v1::PostResultsRequest request;
    request.set_round_id(round_id);
    request.set_posted_on(posted_date);
    v1::PostResultsResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->PostResults(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, Tr("doing.post_results"));
    out_ << Tr("cli.review_demo.posted",
               {{"households", CountedHouseholds(response.posted_household_ids_size())},
                {"date", posted_date},
                {"closes", response.complaint_window_closes()}})
         << "\n";
    return 0;
  }

  int Approve(const std::string& round_id, const v1::RoundProgress& progress) {
    v1::ApproveRoundRequest request;
    request.set_round_id(round_id);
    request.set_decision_number(std::string(kDemoDecisionNumber) + "-" + std::to_string(year_));
    request.set_decision_date(decision_date_.empty() ? FormatIsoDate(WardClock().Today()) : decision_date_);
    if (progress.unclassifiable_households_size() > 0) {
      const std::string reason = Tr(kDemoExclusionReasonKey);
      out_ << Tr("cli.review_demo.left_out", {{"reason", reason}}) << "\n";
      for (const v1::HouseholdError& problem : progress.unclassifiable_households()) {
        out_ << "  " << problem.household_id() << ": " << Tr(problem.text(), problem.message()) << "\n";
        v1::Exclusion* exclusion = request.add_exclusions();
        exclusion->set_household_id(problem.household_id());
        exclusion->set_reason(reason);
      }
    }
    v1::ApproveRoundResponse response;
    auto context = options_.Context();
    context->set_deadline(std::chrono::system_clock::now() + kDemoApprovalDeadline);
    const grpc::Status status = stub_->ApproveRound(context.get(), request, &response);
    return Finish(options_, status, Tr("doing.approve_round"), response, [&] {
      std::map<v1::PovertyCategory, int> by_category;
      for (const v1::ApprovedResult& result : response.approved()) ++by_category[result.result().category()];
      outcome_.approved = by_category;
      outcome_.decision_date = response.round().approved_date();
      out_ << Tr("cli.review_demo.approved", {{"round", round_id},
                                              {"decision", response.round().decision_number()},
                                              {"date", response.round().approved_date()},
                                              {"households", CountedHouseholds(response.approved_size())}})
           << "\n\n";
      Table table(Headings({"heading.category", "heading.households"}));
      for (const auto& [category, count] : by_category) table.AddRow({EnumWords(category), Number(count)});
      table.Print(out_);
    });
  }

  const ClientOptions& options_;
  int year_;
  std::string decision_date_;
  std::ostream& out_;
  std::unique_ptr<v1::Classification::Stub> stub_;
  ReviewDemoOutcome outcome_;
};

}  // namespace

ReviewDemoOutcome RunReviewDemo(const ClientOptions& options, int year, std::string decision_date,
                                std::ostream& out) {
  ReviewDemo demo(options, year, std::move(decision_date), out);
  const int exit_code = demo.Run();
  ReviewDemoOutcome outcome = demo.outcome();
  outcome.exit_code = exit_code;
  return outcome;
}

}  // namespace ansinh::cli
