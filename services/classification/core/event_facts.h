// What classification's events carry of a classification result: its facts,
// not its words (docs/events.md, "ClassificationResult"). A consumer acts on
// the category, the labour capacity and which indicators are deprived; the
// explanation in words (indicator titles and reasons, the income, category and
// labour-capacity reasons) is classification's to give, re-derived on read by
// GetRoundHousehold and GetOfficialStatus from the survey and the standard.
// Keeping the words out of the events keeps a household's audit entries small
// and every consumer away from the members' names and the income those words
// hold; the survey's income is the registry's fact (SurveyRecorded).
#pragma once

#include "ansinh/v1/classification.pb.h"

namespace ansinh::classification {

// The indicator's verdict: kind, dimension, deprived and the members it
// rests on.
v1::IndicatorResult IndicatorFactsOf(const v1::IndicatorResult& indicator);

// The result without its words and without the income value.
v1::ClassificationResult ResultFactsOf(const v1::ClassificationResult& result);

}  // namespace ansinh::classification
