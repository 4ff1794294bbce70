#!/usr/bin/env bash
# Writes the seed corpora of the fuzzers (tests/fuzz/corpus/<target>/seed-*)
# from the repository's data and from the messages below, encoded by protoc.
# Run it again after a .proto change; regression inputs (crash-*, named by the
# fuzzer that found them) are kept as they are.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="$here/corpus"
protos=(ansinh/v1/envelope.proto ansinh/v1/registry.proto ansinh/v1/classification.proto
        ansinh/v1/assignment.proto)

# encode <message type> <output> [selector byte, octal]: protobuf text on stdin.
encode() {
  local type="$1" out="$2" selector="${3:-}"
  local bytes
  bytes="$(mktemp)"
  protoc -I "$root/proto" --encode="ansinh.v1.$type" "${protos[@]/#/$root/proto/}" >"$bytes"
  if [ -n "$selector" ]; then
    { printf "\\$selector"; cat "$bytes"; } >"$out"
  else
    cat "$bytes" >"$out"
  fi
  rm -f "$bytes"
}

mkdir -p "$corpus"/{envelope_decoder,standard_loader,import_parser,request_validator}
rm -f "$corpus"/*/seed-*

# --- envelope_decoder: serialized envelopes as the services publish them.
household='household_id: "HH-000001" code: "T05-001" address: "12 Lý Thái Tổ"
  residential_group: "TDP-05" area_type: AREA_TYPE_URBAN head_member_id: "M1"
  status: HOUSEHOLD_STATUS_ACTIVE version: 1
  members { member_id: "M1" full_name: "Nguyễn Văn An" sex: SEX_MALE date_of_birth: "1980-04-02"
            relation_to_head: RELATION_TO_HEAD_HEAD national_id: "046080001234"
            has_health_insurance: true education_level: EDUCATION_LEVEL_UPPER_SECONDARY
            employment: EMPLOYMENT_WAGE_WITHOUT_CONTRACT }
  members { member_id: "M2" full_name: "Trần Thị Hương" sex: SEX_FEMALE date_of_birth: "1983-11-20"
            relation_to_head: RELATION_TO_HEAD_SPOUSE national_id: "046183004321"
            has_health_insurance: true education_level: EDUCATION_LEVEL_LOWER_SECONDARY
            employment: EMPLOYMENT_SELF_EMPLOYED }
  members { member_id: "M3" full_name: "Nguyễn Ngọc Hân" sex: SEX_FEMALE date_of_birth: "2021-06-30"
            relation_to_head: RELATION_TO_HEAD_CHILD has_health_insurance: true
            employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE nutrition: NUTRITION_NORMAL }'
survey='survey_id: "SV-2025-000001-1" household_id: "HH-000001" review_year: 2025
  kind: REVIEW_KIND_PERIODIC area_type: AREA_TYPE_URBAN residential_group: "TDP-05"
  walls: MATERIAL_QUALITY_DURABLE columns: MATERIAL_QUALITY_DURABLE
  roof: MATERIAL_QUALITY_NON_DURABLE floor_area_m2: 30.5
  water_source: WATER_SOURCE_TAP latrine: LATRINE_TYPE_SEPTIC uses_telecom: true
  information_devices: INFORMATION_DEVICE_TV information_devices: INFORMATION_DEVICE_SMARTPHONE
  waste_treatment: WASTE_TREATMENT_COLLECTED
  has_income_per_capita: true income_per_capita_vnd: 1650000
  surveyor: "Lê Thị Mai" survey_date: "2025-10-07"
  members { member_id: "M1" full_name: "Nguyễn Văn An" sex: SEX_MALE date_of_birth: "1980-04-02"
            relation_to_head: RELATION_TO_HEAD_HEAD national_id: "046080001234"
            has_health_insurance: true education_level: EDUCATION_LEVEL_UPPER_SECONDARY
            employment: EMPLOYMENT_WAGE_WITHOUT_CONTRACT }
  members { member_id: "M2" full_name: "Trần Thị Hương" sex: SEX_FEMALE date_of_birth: "1983-11-20"
            relation_to_head: RELATION_TO_HEAD_SPOUSE national_id: "046183004321"
            has_health_insurance: true education_level: EDUCATION_LEVEL_LOWER_SECONDARY
            employment: EMPLOYMENT_SELF_EMPLOYED }
  members { member_id: "M3" full_name: "Nguyễn Ngọc Hân" sex: SEX_FEMALE date_of_birth: "2021-06-30"
            relation_to_head: RELATION_TO_HEAD_CHILD has_health_insurance: true
            employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE nutrition: NUTRITION_NORMAL }'

encode EventEnvelope "$corpus/envelope_decoder/seed-household-registered" <<EOF_TEXT
event_id: "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d90" event_type: "registry.household_registered.v1"
aggregate_type: "household" aggregate_id: "HH-000001" aggregate_version: 1
occurred_at { seconds: 1763604000 nanos: 123000000 }
actor { role: ROLE_WARD_OFFICER name: "officer-01" }
correlation_id: "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d90" household_id: "HH-000001"
payload { [type.googleapis.com/ansinh.v1.HouseholdRegistered] { household { $household } } }
EOF_TEXT
encode EventEnvelope "$corpus/envelope_decoder/seed-survey-recorded" <<EOF_TEXT
event_id: "8b2d4f60-1a3c-4e5f-8a7b-9c0d1e2f3a4b" event_type: "registry.survey_recorded.v1"
aggregate_type: "household" aggregate_id: "HH-000001" aggregate_version: 2
occurred_at { seconds: 1763605000 }
actor { role: ROLE_WARD_OFFICER name: "officer-01" }
correlation_id: "8b2d4f60-1a3c-4e5f-8a7b-9c0d1e2f3a4b" household_id: "HH-000001"
payload { [type.googleapis.com/ansinh.v1.SurveyRecorded] { survey { $survey } household_version: 1 } }
EOF_TEXT
encode EventEnvelope "$corpus/envelope_decoder/seed-status-changed" <<'EOF_TEXT'
event_id: "c0ffee00-1234-4abc-8def-0123456789ab"
event_type: "classification.household_status_changed.v1"
aggregate_type: "household" aggregate_id: "HH-000001" aggregate_version: 7
occurred_at { seconds: 1763700000 }
actor { role: ROLE_SERVICE name: "classification" }
correlation_id: "8b2d4f60-1a3c-4e5f-8a7b-9c0d1e2f3a4b"
causation_id: "8b2d4f60-1a3c-4e5f-8a7b-9c0d1e2f3a4b" household_id: "HH-000001"
payload { [type.googleapis.com/ansinh.v1.HouseholdStatusChanged] {
  household_id: "HH-000001" residential_group: "TDP-05" category: POVERTY_CATEGORY_POOR
  previous_category: POVERTY_CATEGORY_NEAR_POOR transition: TRANSITION_NEWLY_POOR
  deprivation_count: 3 standard_id: "decree-07-2021" standard_version: 1
  round_id: "RR-2025-1" review_year: 2025 approved_date: "2025-12-15" } }
EOF_TEXT

# --- standard_loader: the repository's standard files (retirement-ages.textproto
# is not a standard: the fuzzer attaches it to each one).
for file in "$root"/services/classification/standards/*.textproto; do
  [ "$(basename "$file")" = retirement-ages.textproto ] && continue
  cp "$file" "$corpus/standard_loader/seed-$(basename "$file" .textproto)"
done

# --- import_parser: the sample import files.
cp "$root/tests/unit/registry/testdata/households.csv" "$corpus/import_parser/seed-households.csv"
cp "$root/tests/unit/registry/testdata/households.jsonl" "$corpus/import_parser/seed-households.jsonl"

# --- request_validator: the selector byte (see Kind in request_validator_fuzzer.cc)
# and a valid request.
rv="$corpus/request_validator"
encode Household "$rv/seed-00-household" 000 <<<"$household"
encode Survey "$rv/seed-01-recorded-survey" 001 <<<"$survey"
encode UpdateHouseholdRequest "$rv/seed-02-update-household" 002 <<'EOF_TEXT'
household_id: "HH-000001" expected_version: 3 address: "14 Lý Thái Tổ" head_member_id: "M2"
relations { member_id: "M1" relation_to_head: RELATION_TO_HEAD_SPOUSE }
EOF_TEXT
encode AddMemberRequest "$rv/seed-03-add-member" 003 <<'EOF_TEXT'
household_id: "HH-000001" expected_version: 3
member { full_name: "Nguyễn Văn Bình" sex: SEX_MALE date_of_birth: "1948-01-15"
         relation_to_head: RELATION_TO_HEAD_PARENT national_id: "046048000777"
         has_health_insurance: true education_level: EDUCATION_LEVEL_PRIMARY
         employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE monthly_social_allowance_vnd: 360000 }
EOF_TEXT
encode UpdateMemberRequest "$rv/seed-04-update-member" 004 <<'EOF_TEXT'
household_id: "HH-000001" expected_version: 3
member { member_id: "M2" full_name: "Trần Thị Hương" sex: SEX_FEMALE date_of_birth: "1983-11-20"
         relation_to_head: RELATION_TO_HEAD_SPOUSE national_id: "046183004321"
         has_health_insurance: false education_level: EDUCATION_LEVEL_UPPER_SECONDARY
         employment: EMPLOYMENT_UNEMPLOYED }
EOF_TEXT
encode ImportHouseholdsRequest "$rv/seed-05-import-row" 005 <<EOF_TEXT
row_number: 2 household { $household }
survey { review_year: 2025 kind: REVIEW_KIND_PERIODIC walls: MATERIAL_QUALITY_DURABLE
  columns: MATERIAL_QUALITY_DURABLE roof: MATERIAL_QUALITY_DURABLE floor_area_m2: 45
  water_source: WATER_SOURCE_TAP latrine: LATRINE_TYPE_SEPTIC uses_telecom: true
  has_income_per_capita: true income_per_capita_vnd: 2600000 surveyor: "Lê Thị Mai"
  survey_date: "2025-10-07" }
EOF_TEXT
encode OpenRoundRequest "$rv/seed-06-open-round" 006 <<<'review_year: 2025 kind: REVIEW_KIND_PERIODIC opened_on: "2025-09-01"'
encode RecordMeetingRequest "$rv/seed-07-record-meeting" 007 <<'EOF_TEXT'
round_id: "RR-2025-1" household_id: "HH-000001" meeting_date: "2025-11-10" attendees: 24
agreed: 19 minutes_reference: "BB-TDP05-2025-03"
EOF_TEXT
encode UpsertOrganizationRequest "$rv/seed-08-upsert-organization" 010 <<'EOF_TEXT'
organization { id: "youth-union" name: "Đoàn Thanh niên phường" residential_groups: "TDP-05"
  residential_groups: "TDP-06" capacity: 8 active: true }
reason: "Đoàn Thanh niên nhận hỗ trợ TDP-05 và TDP-06"
EOF_TEXT
encode UpsertHelperRequest "$rv/seed-09-upsert-helper" 011 <<'EOF_TEXT'
helper { id: "women-02" full_name: "Phạm Thị Thu" organization_id: "womens-union"
  phone: "0905123457" max_caseload: 4 active: true }
reason: "cán bộ mới"
EOF_TEXT
encode AssignHelperRequest "$rv/seed-10-assign-helper" 012 <<<'case_id: "CASE-HH-000001-1" helper_id: "women-01" reason: "gần nhà"'
encode RequestTransferRequest "$rv/seed-11-request-transfer" 013 <<<'case_id: "CASE-HH-000001-1" to_organization_id: "fatherland-front" reason: "quá tải"'
encode RecordNeedRequest "$rv/seed-12-record-need" 014 <<<'case_id: "CASE-HH-000001-1" type: NEED_TYPE_LOAN description: "vay vốn chăn nuôi" reason: "thăm hộ"'
encode RecordSupportRequest "$rv/seed-13-record-support" 015 <<'EOF_TEXT'
case_id: "CASE-HH-000001-1" type: SUPPORT_TYPE_POLICY_CREDIT amount_vnd: 30000000
provider: "Ngân hàng Chính sách xã hội" delivered_on: "2025-11-02" description: "vay 3 năm"
reason: "giải ngân" credit_programme: CREDIT_PROGRAMME_POOR_HOUSEHOLDS
savings_group: "Tổ TK&VV Hội Phụ nữ TDP-05" savings_group_organization_id: "womens-union"
EOF_TEXT
encode RecordSupportRequest "$rv/seed-13-record-health-insurance-card" 015 <<'EOF_TEXT'
case_id: "CASE-HH-000001-1" type: SUPPORT_TYPE_HEALTH_INSURANCE_CARD provider: "BHXH thị xã"
delivered_on: "2025-11-02" state_share_percent: 100 reason: "cấp thẻ BHYT"
EOF_TEXT
encode RecordVisitRequest "$rv/seed-14-record-visit" 016 <<'EOF_TEXT'
case_id: "CASE-HH-000001-1" visited_on: "2025-11-15" helper_id: "women-01"
notes: "gia đình ổn định" observed_change: OBSERVED_CHANGE_IMPROVED reason: "thăm định kỳ"
EOF_TEXT

ls -l "$corpus"/*
