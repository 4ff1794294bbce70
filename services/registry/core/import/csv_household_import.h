#pragma once

#include <string_view>

#include "registry/core/import/import_row.h"

namespace ansinh::registry {

// Reads a CSV household list, the form ward offices keep in spreadsheets: one
// row per member, rows of the same household sharing a household_key.
// A sample: tests/unit/registry/testdata/households.csv.
//
// The first record is the header. Column names are the proto field names,
// matched in any case and order; only household_key is required, a missing
// column reads as empty in every row. The columns:
//
//   household_key       any text naming the household within this file
//   household columns   address, residential_group, area_type
//   member columns      full_name, sex, date_of_birth, relation_to_head,
//                       national_id, has_health_insurance, enrolled_in_school,
//                       education_level, employment, lost_working_capacity,
//                       has_disability, monthly_social_allowance_vnd, nutrition
//   survey columns      survey.review_year, survey.kind, survey.walls,
//                       survey.columns, survey.roof, survey.floor_area_m2,
//                       survey.water_source, survey.latrine,
//                       survey.uses_telecom, survey.information_devices,
//                       survey.waste_treatment, survey.income_per_capita_vnd,
//                       survey.score_a, survey.surveyor, survey.survey_date,
//                       survey.untreated_illness
//
// Values: enums by full or short name in any case ("SEX_FEMALE", "female");
// booleans true/false, yes/no, 1/0, có/không; whole numbers without
// thousands separators; dates YYYY-MM-DD; information_devices separated by
// ";" ("TV;SMARTPHONE"); text must be UTF-8 (a cell that is not, from a
// file saved in a legacy code page, is a row error). An empty cell leaves the
// field unset. A non-empty survey.income_per_capita_vnd or survey.score_a also sets
// has_income_per_capita or has_score_a; a household has a survey when any
// survey cell of it is non-empty. Spreadsheets drop the leading zero of a
// CCCD ("046...") unless the column is formatted as text: such a CCCD then
// fails validation as not being 12 digits.
//
// Household and survey cells need to be filled on one row of the household
// only (usually its first); other rows may repeat the same value or leave the
// cell empty, and a different value is an error. Rows of a household need not
// be adjacent. Households come out in the order of their first row; each
// one's row_number is the line of its first row.
ParsedImport ParseCsvHouseholds(std::string_view csv_text);

}  // namespace ansinh::registry
