// The list year of a survey and of a round (docs/domain.md §3.0): the year
// whose poverty list the review decides, which chooses the standard.
#pragma once

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "kernel/review_years.h"

namespace ansinh::classification {

inline ReviewTiming TimingOf(v1::ReviewKind kind) {
  return kind == v1::REVIEW_KIND_REGULAR ? ReviewTiming::kRegular : ReviewTiming::kPeriodic;
}

inline int ListYearOfSurvey(const v1::Survey& survey) {
  return ListYearOf(survey.review_year(), TimingOf(survey.kind()));
}

// Rounds stored before list years were recorded carry 0: theirs follows from
// the year held and the kind, as for every round since.
inline int ListYearOfRound(const v1::ReviewRound& round) {
  return round.list_year() != 0 ? round.list_year() : ListYearOf(round.review_year(), TimingOf(round.kind()));
}

// The same for an approved result stored before list years were recorded.
inline int ListYearOfApproved(const v1::ApprovedResult& approved) {
  return approved.list_year() != 0 ? approved.list_year()
                                   : ListYearOf(approved.review_year(), TimingOf(approved.review_kind()));
}

}  // namespace ansinh::classification
