#include "classification/core/review_round.h"

#include "classification/core/classifier.h"
#include "classification/core/list_years.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::classification {
namespace {

std::string Household(const v1::RoundHousehold& household) { return "household " + household.household_id(); }

// The household and the date of its last meeting (empty when none), for
// the catalog messages of meeting refusals.
MessageArgs MeetingArgs(const v1::RoundHousehold& household) {
  return {
      {"household", household.household_id()},
      {"date",
       household.meetings().empty() ? "" : household.meetings(household.meetings_size() - 1).meeting_date()}};
}

std::string LastMeetingDate(const v1::RoundHousehold& household) {
  return household.meetings().empty()
             ? std::string("its meeting")
             : "the meeting of " + household.meetings(household.meetings_size() - 1).meeting_date();
}

Error InvalidInput(std::string what, FieldViolations violations) {
  std::string message = ListViolations(std::move(what), violations);
  return Error::InvalidArgument(std::move(message), std::move(violations));
}

// A periodic review is held within its window (Decision 24/2021); a round
// opened outside it says why, so the exception is on the record. A regular
// review is held in any month.
void CheckWindow(const OpenRoundInput& input, const CivilDate& opened, FieldViolations& violations) {
  if (input.kind != v1::REVIEW_KIND_PERIODIC) {
    if (!input.outside_window_reason.empty()) {
      violations.push_back(
          {"outside_window_reason", "must be empty for a regular review, which is held in any month"});
    }
    return;
  }
  const CivilDate start = WindowStart(input.window, input.review_year);
  const CivilDate end = WindowEnd(input.window, input.review_year);
  const bool inside = start <= opened && opened <= end;
  const std::string window = FormatIsoDate(start) + " to " + FormatIsoDate(end);
  if (!inside && input.outside_window_reason.empty()) {
    violations.push_back({"outside_window_reason", "is required: the periodic review of " +
                                                       std::to_string(input.review_year) + " is held from " +
                                                       window + ", and the round opens on " +
                                                       FormatIsoDate(opened)});
  } else if (inside && !input.outside_window_reason.empty()) {
    violations.push_back(
        {"outside_window_reason",
         "must be empty: the round opens on " + FormatIsoDate(opened) + ", within its window " + window});
  }
}

}  // namespace

Result<v1::ReviewRound> OpenRound(const OpenRoundInput& input, const StandardCatalog& catalog,
                                  std::span<const v1::ReviewRound> existing_rounds) {
  FieldViolations violations;
  const bool regular = input.kind == v1::REVIEW_KIND_REGULAR;
  if (input.round_id.empty()) {
    violations.push_back({"round_id", "must not be empty"});
  }
  if (input.review_year <= 0) {
    violations.push_back({"review_year", "must be a year, e.g. 2025"});
  }
  if (input.kind == v1::REVIEW_KIND_UNSPECIFIED) {
    violations.push_back({"kind", "must be PERIODIC or REGULAR"});
  }
  if (regular && input.household_id.empty()) {
    violations.push_back({"household_id", "is required for a regular review"});
  }
  if (input.kind == v1::REVIEW_KIND_PERIODIC && !input.household_id.empty()) {
    violations.push_back({"household_id",
                          "must be empty for a periodic review, which covers "
                          "the whole ward"});
  }
  if (input.opened_by.empty()) {
    violations.push_back({"opened_by", "must name who opens the round"});
  }
  const std::optional<CivilDate> opened = ParseIsoDate(input.opened_date);
  if (!opened) {
    violations.push_back({"opened_date", "must be an ISO date (YYYY-MM-DD)"});
  }
  if (regular && input.regular_deadline_days < 1) {
    violations.push_back({"regular_deadline_days", "must be at least 1"});
  }
  if (opened && input.kind != v1::REVIEW_KIND_UNSPECIFIED && input.review_year > 0) {
    CheckWindow(input, *opened, violations);
  }
  if (!violations.empty()) {
    return InvalidInput("cannot open the round", std::move(violations));
  }

  // The rules first: a periodic round's id is derived from its year, so a
  // second periodic round would otherwise be reported as a mere id clash.
  for (const v1::ReviewRound& existing : existing_rounds) {
    if (!regular && existing.kind() == v1::REVIEW_KIND_PERIODIC &&
        existing.review_year() == input.review_year) {
      return Error::FailedPrecondition(
                 "the periodic review of " + std::to_string(input.review_year) + " already has round " +
                 existing.round_id() +
                 (existing.status() == v1::ROUND_STATUS_OPEN ? " (open)" : " (approved)"))
          .WithKey("error.round.periodic_exists", {{"year", std::to_string(input.review_year)},
                                                   {"round", existing.round_id()},
                                                   {"status", i18n::EnumArg(existing.status())}});
    }
    if (regular && existing.kind() == v1::REVIEW_KIND_REGULAR &&
        existing.household_id() == input.household_id && existing.status() == v1::ROUND_STATUS_OPEN) {
      return Error::FailedPrecondition("household " + input.household_id +
                                       " already has an open regular review, round " + existing.round_id())
          .WithKey("error.round.regular_open",
                   {{"household", input.household_id}, {"round", existing.round_id()}});
    }
  }
  for (const v1::ReviewRound& existing : existing_rounds) {
    if (existing.round_id() == input.round_id) {
      return Error::AlreadyExists("round " + input.round_id + " already exists");
    }
  }
  const int list_year = ListYearOf(input.review_year, TimingOf(input.kind));
  const v1::Standard* standard = catalog.ForListYear(list_year);
  if (standard == nullptr) {
    return Error::FailedPrecondition("no loaded standard covers list year " + std::to_string(list_year) +
                                     ", which a review held in " + std::to_string(input.review_year) +
                                     " decides (loaded: " + catalog.CoverageDescription() + ")")
        .WithKey("error.standard.none_for_round_list_year", {{"list_year", std::to_string(list_year)},
                                                             {"year", std::to_string(input.review_year)},
                                                             {"loaded", catalog.CoverageDescription()}});
  }

  v1::ReviewRound round;
  round.set_round_id(input.round_id);
  round.set_review_year(input.review_year);
  round.set_list_year(list_year);
  round.set_kind(input.kind);
  round.set_status(v1::ROUND_STATUS_OPEN);
  round.set_opened_by(input.opened_by);
  round.set_opened_date(input.opened_date);
  round.set_standard_id(standard->id());
  round.set_standard_version(standard->version());
  if (regular) {
    round.set_household_id(input.household_id);
    round.set_deadline_date(FormatIsoDate(AddDays(*opened, input.regular_deadline_days)));
  } else {
    round.set_window_start(FormatIsoDate(WindowStart(input.window, input.review_year)));
    round.set_window_end(FormatIsoDate(WindowEnd(input.window, input.review_year)));
    round.set_outside_window_reason(input.outside_window_reason);
  }
  return round;
}

Result<v1::RoundHousehold> RecordSurvey(const v1::ReviewRound& round, const v1::RoundHousehold* current,
                                        const v1::Survey& survey, const StandardCatalog& catalog) {
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;
  if (survey.review_year() != round.review_year()) {
    return Error::FailedPrecondition("survey " + survey.survey_id() + " is for review year " +
                                     std::to_string(survey.review_year()) + ", round " + round.round_id() +
                                     " is for " + std::to_string(round.review_year()));
  }
  if (round.kind() == v1::REVIEW_KIND_REGULAR && survey.household_id() != round.household_id()) {
    return Error::FailedPrecondition("round " + round.round_id() + " is the regular review of household " +
                                     round.household_id() + ", not of " + survey.household_id());
  }
  if (current != nullptr) {
    if (current->household_id() != survey.household_id() || current->round_id() != round.round_id()) {
      return Error::InvalidArgument("survey " + survey.survey_id() + " of household " +
                                    survey.household_id() + " does not belong to the record of household " +
                                    current->household_id() + " in round " + current->round_id());
    }
    const std::string& latest = current->state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE
                                    ? current->unclassifiable_survey_id()
                                    : current->proposed().survey_id();
    if (latest == survey.survey_id()) {
      return Error::AlreadyExists("survey " + survey.survey_id() + " is already the latest survey of " +
                                  Household(*current) + " in round " + round.round_id());
    }
    switch (current->state()) {
      case v1::HOUSEHOLD_REVIEW_STATE_LISTED:
      case v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED:
      case v1::HOUSEHOLD_REVIEW_STATE_PROPOSED:
      case v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED:
      case v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK:
      case v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED:
      case v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE:
        break;
      case v1::HOUSEHOLD_REVIEW_STATE_POSTED:
        return Error::FailedPrecondition(Household(*current) +
                                         " is posted; its result changes only "
                                         "through a complaint and re-check, so a "
                                         "new survey needs a complaint first");
      default:
        return Error::FailedPrecondition(Household(*current) + " is " +
                                         std::string(StateWords(current->state())) +
                                         " and takes no new survey");
    }
  }

  // Every survey of a round is classified under the standard of the round's
  // list year, whatever kind of review the surveyor marked.
  Result<v1::ClassificationResult> result = ClassifyForListYear(survey, ListYearOfRound(round), catalog);
  const bool missing_facts = !result.ok() && result.error().code == ErrorCode::kFailedPrecondition &&
                             !result.error().violations.empty();
  if (!result.ok() && !missing_facts) return result.error();

  v1::RoundHousehold household;
  if (current != nullptr) {
    household = *current;
  } else {
    household.set_list_reason(round.kind() == v1::REVIEW_KIND_REGULAR ? v1::LIST_REASON_APPLIED
                                                                      : v1::LIST_REASON_SURVEYED);
  }
  // A result replaces a decision taken for want of a survey.
  household.clear_list_decision();
  household.set_round_id(round.round_id());
  household.set_household_id(survey.household_id());
  household.set_residential_group(survey.residential_group());
  household.set_survey_count(household.survey_count() + 1);
  household.clear_posted_date();
  household.clear_complaint_window_closes();
  household.clear_unclassifiable_survey_id();
  household.clear_unclassifiable_reason();
  household.clear_unclassifiable_reason_text();
  household.clear_survey_problems();
  if (missing_facts) {
    // Recorded, not refused: the officer sees in the round what to correct,
    // and the corrected survey that follows classifies the household.
    household.set_state(v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE);
    household.set_unclassifiable_survey_id(survey.survey_id());
    household.set_unclassifiable_reason(result.error().message);
    *household.mutable_unclassifiable_reason_text() = i18n::TextOf(result.error());
    for (const FieldViolation& violation : result.error().violations) {
      v1::SurveyProblem* problem = household.add_survey_problems();
      problem->set_field(violation.field);
      problem->set_description(violation.description);
      *problem->mutable_description_text() = i18n::TextOf(violation);
    }
    return household;
  }
  household.set_state(v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  *household.mutable_proposed() = std::move(result).value();
  return household;
}

FieldViolations ValidateMeeting(const MeetingInput& input) {
  FieldViolations violations;
  if (!ParseIsoDate(input.meeting_date)) {
    violations.push_back({"meeting_date", "must be an ISO date (YYYY-MM-DD)"});
  }
  if (input.attendees <= 0) {
    violations.push_back({"attendees", "must be more than 0"});
  }
  if (input.agreed < 0) {
    violations.push_back({"agreed", "must not be negative"});
  } else if (input.agreed > input.attendees) {
    violations.push_back({"agreed", "must not exceed attendees (" + std::to_string(input.attendees) + ")"});
  }
  return violations;
}

Result<v1::RoundHousehold> RecordMeeting(const v1::ReviewRound& round, const v1::RoundHousehold& household,
                                         const MeetingInput& input) {
  FieldViolations violations = ValidateMeeting(input);
  if (violations.empty()) {
    CheckStepDate(round, input.meeting_date, "meeting_date", violations);
  }
  if (!violations.empty()) {
    return InvalidInput("invalid meeting of " + Household(household), std::move(violations));
  }
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;
  switch (household.state()) {
    case v1::HOUSEHOLD_REVIEW_STATE_PROPOSED:
      break;
    case v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED:
      return Error::FailedPrecondition(Household(household) + " was already agreed at " +
                                       LastMeetingDate(household) + "; another meeting needs a new survey")
          .WithKey("error.meeting.already_agreed", MeetingArgs(household));
    case v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK:
      return Error::FailedPrecondition(Household(household) + " was sent back by " +
                                       LastMeetingDate(household) +
                                       "; it needs a new survey before another "
                                       "meeting")
          .WithKey("error.meeting.sent_back", MeetingArgs(household));
    case v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED:
      return Error::FailedPrecondition(Household(household) +
                                       " has a complaint under re-check; it needs a "
                                       "new survey before the meeting")
          .WithKey("error.meeting.complained", {{"household", household.household_id()}});
    case v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE:
      return Error::FailedPrecondition(Household(household) + " has no proposed result to discuss: " +
                                       household.unclassifiable_reason() +
                                       "; record a corrected survey first")
          .WithKey("error.meeting.unclassifiable", {{"household", household.household_id()}});
    default:
      return Error::FailedPrecondition(Household(household) + " is " +
                                       std::string(StateWords(household.state())) +
                                       "; a meeting is held only about a proposed "
                                       "result")
          .WithKey("error.meeting.not_proposed",
                   {{"household", household.household_id()}, {"state", i18n::EnumArg(household.state())}});
  }

  v1::RoundHousehold updated = household;
  v1::MeetingResult* meeting = updated.add_meetings();
  meeting->set_meeting_date(input.meeting_date);
  meeting->set_attendees(input.attendees);
  meeting->set_agreed(input.agreed);
  // "At least 50% of attendees": compared in integers, no rounding.
  meeting->set_passed(2 * input.agreed >= input.attendees);
  meeting->set_minutes_reference(input.minutes_reference);
  meeting->set_recorded_by(input.recorded_by);
  meeting->set_survey_id(household.proposed().survey_id());
  updated.set_state(meeting->passed() ? v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED
                                      : v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK);
  return updated;
}

Result<v1::RoundHousehold> FileComplaint(const v1::ReviewRound& round, const v1::RoundHousehold& household,
                                         const ComplaintInput& input) {
  FieldViolations violations;
  const std::optional<CivilDate> received =
      CheckStepDate(round, input.received_date, "received_date", violations);
  if (input.complainant.empty()) {
    violations.push_back({"complainant", "must say who complains"});
  }
  if (input.content.empty()) {
    violations.push_back({"content", "must say what the complaint is"});
  }
  if (!violations.empty()) {
    return InvalidInput("invalid complaint about " + Household(household), std::move(violations));
  }
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;
  if (household.state() != v1::HOUSEHOLD_REVIEW_STATE_POSTED) {
    return Error::FailedPrecondition(Household(household) + " is " +
                                     std::string(StateWords(household.state())) +
                                     "; complaints are taken while its result is posted")
        .WithKey("error.complaint.not_posted",
                 {{"household", household.household_id()}, {"state", i18n::EnumArg(household.state())}});
  }
  const std::optional<CivilDate> posted = ParseIsoDate(household.posted_date());
  const std::optional<CivilDate> closes = ParseIsoDate(household.complaint_window_closes());
  if (posted && *received < *posted) {
    return Error::FailedPrecondition("the complaint was received on " + input.received_date + ", before " +
                                     Household(household) + " was posted on " + household.posted_date())
        .WithKey("error.complaint.before_posting", {{"received", input.received_date},
                                                    {"household", household.household_id()},
                                                    {"posted", household.posted_date()}});
  }
  if (closes && *received > *closes) {
    return Error::FailedPrecondition("the complaint window for " + Household(household) + " closed on " +
                                     household.complaint_window_closes())
        .WithKey("error.complaint.window_closed",
                 {{"household", household.household_id()}, {"closed", household.complaint_window_closes()}});
  }

  v1::RoundHousehold updated = household;
  v1::Complaint* complaint = updated.add_complaints();
  complaint->set_received_date(input.received_date);
  complaint->set_complainant(input.complainant);
  complaint->set_content(input.content);
  complaint->set_recorded_by(input.recorded_by);
  complaint->set_survey_id(household.proposed().survey_id());
  updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED);
  return updated;
}

}  // namespace ansinh::classification
